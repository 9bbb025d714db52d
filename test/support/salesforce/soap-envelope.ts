/**
 * SOAP 1.1 envelopes as Salesforce writes them, and parsing of the envelopes
 * jsforce sends.
 *
 * Shape constraints come from jsforce 3.10.16 (lib/soap.js, lib/http-api.js):
 * it parses with xml2js and walks `*:Envelope > *:Body > (first child)`, so the
 * Envelope and Body must be prefixed, Body must carry no attributes (xml2js
 * would put them first, under `$`), and the response element is unprefixed in
 * the default namespace declared on the Envelope. Faults are read from
 * `*:Envelope > *:Body > *:Fault > faultcode/faultstring`; session refresh is
 * triggered by the raw text `<faultcode>xx:INVALID_SESSION_ID</faultcode>`.
 */
import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from './xml-text.js';
import { xmlReply, type Reply } from './reply.js';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
export const PARTNER_NS = 'urn:partner.soap.sforce.com';
/** Partner API faults use their own namespace (Salesforce partner WSDL). */
export const PARTNER_FAULT_NS = 'urn:fault.partner.soap.sforce.com';

const SOAPENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export function soapResponse(defaultNamespace: string, bodyContent: string): Reply {
  return xmlReply(
    200,
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns="${defaultNamespace}" xmlns:xsi="${XSI_NS}">` +
      `<soapenv:Body>${bodyContent}</soapenv:Body></soapenv:Envelope>`,
  );
}

/** A 200 SOAP answer cut off mid-element, as a dropped proxy connection can leave it. */
export function truncatedSoap(defaultNamespace: string): Reply {
  return xmlReply(
    200,
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns="${defaultNamespace}" xmlns:xsi="${XSI_NS}">` +
      '<soapenv:Body><result><fullName>Acc',
  );
}

export interface SoapFault {
  /** Without prefix, e.g. `INVALID_SESSION_ID`; sent as `sf:INVALID_SESSION_ID`. */
  code: string;
  message: string;
}

/**
 * HTTP 500 fault. `faultstring` is `CODE: message`, as Salesforce writes it;
 * the detail element mirrors Salesforce's ApiFault (exceptionCode/Message).
 */
export function soapFault(fault: SoapFault, faultNamespace: string, detailType = 'UnexpectedErrorFault', status = 500): Reply {
  const message = escapeXml(fault.message);
  return xmlReply(
    status,
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns:sf="${faultNamespace}" xmlns:xsi="${XSI_NS}">` +
      '<soapenv:Body><soapenv:Fault>' +
      `<faultcode>sf:${fault.code}</faultcode>` +
      `<faultstring>${fault.code}: ${message}</faultstring>` +
      `<detail><sf:${detailType} xsi:type="sf:${detailType}">` +
      `<sf:exceptionCode>${fault.code}</sf:exceptionCode>` +
      `<sf:exceptionMessage>${message}</sf:exceptionMessage>` +
      `</sf:${detailType}></detail>` +
      '</soapenv:Fault></soapenv:Body></soapenv:Envelope>',
  );
}

export interface SoapRequest {
  operation: string;
  /** Children of the operation element; repeated elements listed in `arrayElements` are arrays. */
  args: Record<string, unknown>;
  sessionId?: string;
}

/** Elements that may repeat inside an operation and must always come back as arrays. */
const arrayElements = new Set(['fullNames', 'queries', 'metadata']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Keep values as strings: a full name like "1234" must not turn into a number.
  parseTagValue: false,
  isArray: (name) => arrayElements.has(name),
});

/** Reads operation, arguments and session id from a SOAP request body. */
function parseSoapRequest(xml: string): SoapRequest {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`malformed SOAP request: ${(error as Error).message}`);
  }
  const envelope = asRecord(doc['Envelope']);
  const body = asRecord(envelope['Body']);
  const operation = Object.keys(body)[0];
  if (!operation) throw new Error('SOAP Body has no operation element');
  const header = asRecord(envelope['Header']);
  const sessionId = asRecord(header['SessionHeader'])['sessionId'];
  return {
    operation,
    args: asRecord(body[operation]),
    ...(typeof sessionId === 'string' && sessionId !== '' ? { sessionId } : {}),
  };
}

/** Operation, arguments and session id of a SOAP request body, or why it could not be read (routers log the call either way). */
export function tryParseSoapRequest(xml: string): { request: SoapRequest } | { request: undefined; error: string } {
  try {
    return { request: parseSoapRequest(xml) };
  } catch (error) {
    return { request: undefined, error: (error as Error).message };
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
