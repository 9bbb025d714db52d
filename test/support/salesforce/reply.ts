/**
 * What a handler answers with. Handlers build plain values; only the server
 * writes to sockets, which keeps fault injection and logging in one place.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Salesforce answers SOAP with `text/xml; charset=utf-8`; jsforce parses XML only for text/xml or application/xml. */
export function xmlReply(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body };
}

/** Salesforce's REST content type; jsforce parses JSON only for `application/json[;...]`. */
export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, title: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  };
}
