/**
 * The contract between the server and the API modules: the server hands a
 * buffered request to the module whose path prefix matches; the module says
 * what the call is (for the call log and fault filters) and how to answer it,
 * including in its own error shape when a fault is injected.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './reply.js';
import type { CallLog } from './types.js';

export interface IncomingCall {
  httpMethod: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export type CallInfo = Omit<CallLog, 'status' | 'path'>;

export interface RoutedCall {
  info: CallInfo;
  run(): Promise<Reply>;
  /** This API's error answer for `code` (SOAP fault, REST error list, OAuth error). */
  errorReply(code: string, message: string, status?: number): Reply;
  /** A 200 answer of this API's content type whose body is cut short. */
  truncatedReply(): Reply;
}
