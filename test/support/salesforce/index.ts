/**
 * Local Salesforce API emulator for tests: the real jsforce client talks to it
 * over HTTP on 127.0.0.1 (SOAP login, OAuth, Metadata API, REST query and
 * describe), serving a Salesforce DX source-format folder as the org.
 */
export { startSalesforceEmulator } from './server.js';

/**
 * Whether a logged call is an API call Salesforce counts: not the public list of API versions, which needs no
 * session (a client may ask for it to find the org's versions, or only to open a connection).
 */
export function isApiCall(call: { method: string }): boolean {
  return call.method !== 'versions';
}
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
