/**
 * Import this before jsforce in any test that talks to the emulator.
 *
 * jsforce 3.10.16 reads HTTP(S)_PROXY once, when lib/transport.js loads, and
 * sends every request through that proxy, ignoring NO_PROXY, 127.0.0.1
 * included. Clearing the variables first keeps requests on the loopback.
 */
import { PROXY_VARIABLES } from '../../../src/sources/org/connections.js';

for (const name of PROXY_VARIABLES) delete process.env[name];
