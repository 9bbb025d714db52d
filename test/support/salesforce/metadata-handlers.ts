/**
 * Metadata API operations (SOAP, `/services/Soap/m/<version>`): describeMetadata,
 * listMetadata and readMetadata, with the limits and faults Salesforce applies.
 */
import { LIMIT_EXCEEDED_MESSAGE, type ApiUsage } from './api-usage.js';
import { statSync } from 'node:fs';
import type { IncomingCall, RoutedCall } from './endpoint.js';
import { deterministicId, hash32 } from './ids.js';
import type { MetadataComponent, MetadataStore } from './metadata-store.js';
import { CHILD_TYPES, CUSTOM_OBJECT, OTHER_KNOWN_TYPES, TOP_LEVEL_TYPES, childType, topLevelType } from './metadata-types.js';
import type { OrgIdentity, OrgUser } from './org-identity.js';
import type { Reply } from './reply.js';
import type { SessionStore } from './sessions.js';
import {
  METADATA_NS,
  soapFault,
  soapResponse,
  truncatedSoap,
  tryParseSoapRequest,
  type SoapFault,
  type SoapRequest,
} from './soap-envelope.js';
import type { CallLog } from './types.js';
import { escapeXml } from './xml-text.js';

/** Metadata API limits (Metadata API Developer Guide, readMetadata() and listMetadata()). */
const MAX_READ_NAMES = 10;
const MAX_LIST_QUERIES = 3;

export interface MetadataContext {
  store: MetadataStore;
  /** When the emulator started (ms): a source file changed after it reports its change as lastModifiedDate. */
  startedAt: number;
  identity: OrgIdentity;
  sessions: SessionStore;
  usage: ApiUsage;
}

function metadataFault(fault: SoapFault, status = 500): Reply {
  return soapFault(fault, METADATA_NS, 'UnexpectedErrorFault', status);
}

/** `/services/Soap/m/<version>[/<orgId>]`: the session id travels in the SOAP header only. */
export function routeMetadata(context: MetadataContext, call: IncomingCall): RoutedCall {
  const parsed = tryParseSoapRequest(call.body);
  const { request } = parsed;
  return {
    info: { api: 'metadata', ...(request ? metadataCallInfo(request) : { method: 'unknown' }) },
    errorReply: (code, message, status) => metadataFault({ code, message }, status),
    truncatedReply: () => truncatedSoap(METADATA_NS),
    run: async () => {
      if (!request) return metadataFault({ code: 'INVALID_XML', message: 'error' in parsed ? parsed.error : 'malformed request' });
      if (!context.sessions.authenticate(request.sessionId)) {
        // Salesforce's wording; jsforce refreshes the session on `<faultcode>sf:INVALID_SESSION_ID</faultcode>`.
        return metadataFault({ code: 'INVALID_SESSION_ID', message: 'Invalid Session ID found in SessionHeader: Illegal Session' });
      }
      if (!context.usage.consume()) return metadataFault({ code: 'REQUEST_LIMIT_EXCEEDED', message: LIMIT_EXCEEDED_MESSAGE });
      return runMetadataOperation(context, request);
    },
  };
}

/** What the call log records about a Metadata API request. */
function metadataCallInfo(request: SoapRequest): Pick<CallLog, 'method' | 'type' | 'names' | 'queries'> {
  const { operation, args } = request;
  if (operation === 'readMetadata') {
    return { method: operation, type: str(args['type']), names: strings(args['fullNames']) };
  }
  if (operation === 'listMetadata') {
    return { method: operation, queries: listQueries(args) };
  }
  return { method: operation };
}

async function runMetadataOperation(context: MetadataContext, request: SoapRequest): Promise<Reply> {
  switch (request.operation) {
    case 'describeMetadata':
      return describeMetadata();
    case 'listMetadata':
      return listMetadata(context, listQueries(request.args));
    case 'readMetadata':
      return readMetadata(context, str(request.args['type']), strings(request.args['fullNames']));
    default:
      return metadataFault({
        code: 'UNKNOWN_EXCEPTION',
        message: `The local Salesforce emulator does not implement the Metadata API operation '${request.operation}'`,
      });
  }
}

function describeMetadata(): Reply {
  const objects = TOP_LEVEL_TYPES.map((t) => {
    const children = t.xmlName === CUSTOM_OBJECT ? CHILD_TYPES.map((c) => `<childXmlNames>${c.xmlName}</childXmlNames>`).join('') : '';
    return (
      `<metadataObjects>${children}<directoryName>${t.directoryName}</directoryName><inFolder>false</inFolder>` +
      `<metaFile>false</metaFile><suffix>${t.suffix}</suffix><xmlName>${t.xmlName}</xmlName></metadataObjects>`
    );
  }).join('');
  return soapResponse(
    METADATA_NS,
    `<describeMetadataResponse><result>${objects}<organizationNamespace></organizationNamespace>` +
      '<partialSaveAllowed>true</partialSaveAllowed><testRequired>false</testRequired></result></describeMetadataResponse>',
  );
}

/** Components rendered between turns of the event loop in a listing (each checks its file's date). */
const LIST_SLICE = 200;

async function listMetadata(context: MetadataContext, queries: Array<{ type: string; folder?: string }>): Promise<Reply> {
  if (queries.length > MAX_LIST_QUERIES) {
    // The limit is documented; the exact fault Salesforce sends beyond it is not
    // (believed to be a generic error), so this one is our own wording.
    return metadataFault({ code: 'UNKNOWN_EXCEPTION', message: `listMetadata accepts at most ${MAX_LIST_QUERIES} queries per call, got ${queries.length}` });
  }
  const results: string[] = [];
  for (const query of queries) {
    if (!isKnownType(query.type)) return invalidType(query.type);
    for (const component of context.store.list(query.type)) {
      // A big listing stats thousands of files (a few ms per thousand): in slices, so that requests arriving
      // meanwhile are taken in and their latency starts on time, as a real org serves calls side by side.
      if (results.length % LIST_SLICE === LIST_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      results.push(fileProperties(context.identity.defaultUser, component, context.startedAt));
    }
  }
  // An empty list is a bare `<listMetadataResponse/>`, which jsforce turns into [].
  return soapResponse(METADATA_NS, results.length === 0 ? '<listMetadataResponse/>' : `<listMetadataResponse>${results.join('')}</listMetadataResponse>`);
}

async function readMetadata(context: MetadataContext, type: string, names: string[]): Promise<Reply> {
  if (!isKnownType(type)) return invalidType(type);
  if (names.length > MAX_READ_NAMES) {
    // Wording as reported by Salesforce users (e.g. certinia/apex-mdapi#105).
    return metadataFault({ code: 'EXCEEDED_ID_LIMIT', message: `record limit reached. cannot submit more than ${MAX_READ_NAMES} records in this operation` });
  }
  const records: string[] = [];
  for (const name of names) {
    // A record nests tens of files (an object's fields, list views ...): one per turn of the event loop, so that
    // requests arriving meanwhile are taken in and their latency starts on time, as a real org serves calls side by side.
    if (records.length > 0) await new Promise((resolve) => setImmediate(resolve));
    const component = context.store.find(type, name);
    // One <records> per name, in request order; a missing component is a nil record.
    records.push(
      component
        ? `<records xsi:type="${type}">${await context.store.recordContent(component)}</records>`
        : '<records xsi:nil="true"/>',
    );
  }
  return soapResponse(METADATA_NS, `<readMetadataResponse><result>${records.join('')}</result></readMetadataResponse>`);
}

/**
 * FileProperties, elements in WSDL order. Ids and dates are derived from the name so runs are stable,
 * except that a component whose file changed while the emulator runs reports that change, as Salesforce
 * moves lastModifiedDate on every edit (a cache keyed on it must see the change).
 */
function fileProperties(owner: OrgUser, component: MetadataComponent, startedAt: number): string {
  const seed = `${component.type}:${component.fullName}`;
  // Believed (not checked against a real org): standard objects are listed with no id and 1970 dates that
  // never move, whatever is edited on them.
  const standard = component.type === CUSTOM_OBJECT && !/__[A-Za-z]+$/.test(component.fullName);
  const changed = standard ? undefined : changedSince(component, startedAt);
  // Rendered once per component and change: a big org's listing is thousands of these, and building
  // them on every call made the emulator, not the client, the cost of a listing.
  const key = `${owner.userId}|${seed}|${changed ?? ''}`;
  const known = RENDERED.get(key);
  if (known !== undefined) return known;
  const keyPrefix = topLevelType(component.type)?.keyPrefix ?? childType(component.type)?.keyPrefix ?? '000';
  const created = standard ? 0 : Date.UTC(2021, 0, 4) + (hash32(`created:${seed}`) % (730 * 86_400)) * 1000;
  const modified = standard ? 0 : (changed ?? created + (hash32(`modified:${seed}`) % (365 * 86_400)) * 1000);
  const fields: Array<[string, string]> = [
    ['createdById', owner.userId],
    ['createdByName', owner.fullName],
    ['createdDate', new Date(created).toISOString()],
    ['fileName', component.fileName],
    ['fullName', component.fullName],
    ['id', standard ? '' : deterministicId(keyPrefix, seed)],
    ['lastModifiedById', owner.userId],
    ['lastModifiedByName', owner.fullName],
    ['lastModifiedDate', new Date(modified).toISOString()],
    ['manageableState', 'unmanaged'],
    ['type', component.type],
  ];
  const xml = `<result>${fields.map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</result>`;
  RENDERED.set(key, xml);
  return xml;
}

/** FileProperties already rendered, by owner, component and change (see fileProperties). */
const RENDERED = new Map<string, string>();

/** When the component's file last changed, in whole seconds as Salesforce gives dates, if after `since`. */
function changedSince(component: MetadataComponent, since: number): number | undefined {
  if (!component.filePath) return undefined;
  const mtime = statSync(component.filePath, { throwIfNoEntry: false })?.mtimeMs;
  return mtime !== undefined && mtime > since ? Math.floor(mtime / 1000) * 1000 : undefined;
}

function isKnownType(type: string): boolean {
  return topLevelType(type) !== undefined || childType(type) !== undefined || OTHER_KNOWN_TYPES.has(type);
}

function invalidType(type: string): Reply {
  // Believed wording of Salesforce's INVALID_TYPE fault for an unknown type name.
  return metadataFault({ code: 'INVALID_TYPE', message: `This type of metadata is not available for this organization: ${type}` });
}

function listQueries(args: Record<string, unknown>): Array<{ type: string; folder?: string }> {
  const raw = args['queries'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((q) => {
    const query = (q ?? {}) as Record<string, unknown>;
    const folder = str(query['folder']);
    return { type: str(query['type']), ...(folder ? { folder } : {}) };
  });
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(str);
}
