/**
 * Loaded (`--import`) into every bench child, before tsx: sfaudit's own modules resolve to the build in
 * dist/, which is what the `sfaudit` command runs, and not to src/ through tsx. tsx compiles with esbuild's
 * `keepNames`, which wraps each named function in a `__name(...)` call as it is created: measured side by
 * side, scenario 2 took 59 ms longer that way (4 of 4 pairs) and the ritual 8 ms (8 of 12).
 * The bench's own files (bench/*.ts) still run through tsx. See spawn.ts for building dist/ first.
 */
import { register } from 'node:module';

register('./built-reader-hooks.mjs', import.meta.url);
