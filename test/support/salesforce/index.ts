/**
 * Local Salesforce API emulator for tests: the real jsforce client talks to it
 * over HTTP on 127.0.0.1 (SOAP login, OAuth, Metadata API, REST query and
 * describe), serving a Salesforce DX source-format folder as the org.
 */
export { startSalesforceEmulator } from './server.js';
export type {
  ApiKind,
  CallLog,
  EmulatorClient,
  EmulatorOptions,
  EmulatorUser,
  FaultControl,
  FaultFilter,
  FaultMode,
  SalesforceEmulator,
} from './types.js';
