/**
 * REST API: `/services/data/v<version>/query`, `queryAll`, `query/<locator>`,
 * `sobjects`, `sobjects/<X>/describe`, `limits`, the version list, and the
 * identity URL `/id/<orgId>/<userId>`. Authorization is `Bearer <session id>`;
 * an unknown or expired session gets 401 INVALID_SESSION_ID, which is what
 * makes jsforce refresh the session and retry. Errors are Salesforce's
 * `[{"message","errorCode"}]` lists. Every response carries `Sforce-Limit-Info`.
 */
import { LIMIT_EXCEEDED_MESSAGE, type ApiUsage } from './api-usage.js';
import type { DescribeCatalog } from './describe.js';
import type { CallInfo, IncomingCall, RoutedCall } from './endpoint.js';
import type { OrgIdentity, OrgUser } from './org-identity.js';
import { QueryError, type QueryEngine } from './query-engine.js';
import type { QueryCursors } from './query-cursors.js';
import { jsonReply, type Reply } from './reply.js';
import type { SessionStore } from './sessions.js';

export interface RestContext {
  identity: OrgIdentity;
  sessions: SessionStore;
  catalog: DescribeCatalog;
  engine: QueryEngine;
  cursors: QueryCursors;
  usage: ApiUsage;
  baseUrl: string;
  apiVersion: string;
}

/** HTTP status Salesforce uses for each error code (REST API Developer Guide, Status Codes and Error Responses). */
const STATUS_BY_CODE: Record<string, number> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  INSUFFICIENT_ACCESS: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNKNOWN_EXCEPTION: 500,
  SERVER_UNAVAILABLE: 503,
};

type RestRoute =
  | { name: 'versions' }
  | { name: 'identity'; userId: string }
  | { name: 'query'; version: string; soql: string }
  | { name: 'queryMore'; version: string; locator: string }
  | { name: 'describeGlobal'; version: string }
  | { name: 'describe'; version: string; object: string }
  | { name: 'limits'; version: string }
  | { name: 'unknown' };

export function routeRest(context: RestContext, call: IncomingCall): RoutedCall {
  const route = parseRoute(call.url);
  const info: CallInfo = {
    api: 'rest',
    method: route.name,
    ...(route.name === 'describe' ? { type: route.object } : {}),
    ...(route.name === 'query' ? { soql: route.soql } : {}),
  };
  const errorReply = (code: string, message: string, status?: number): Reply =>
    withLimitInfo(context, jsonReply(status ?? STATUS_BY_CODE[code] ?? 400, [{ message, errorCode: code }]));
  return {
    info,
    errorReply,
    truncatedReply: () => withLimitInfo(context, { ...jsonReply(200, {}), body: '{"totalSize":1,"done":true,"records":[{"attrib' }),
    run: async () => withLimitInfo(context, await answer(context, call, route, errorReply)),
  };
}

async function answer(
  context: RestContext,
  call: IncomingCall,
  route: RestRoute,
  errorReply: (code: string, message: string, status?: number) => Reply,
): Promise<Reply> {
  // The version list is public on Salesforce too.
  if (route.name === 'versions') return jsonReply(200, versions(context.apiVersion));
  const user = context.sessions.authenticate(bearerToken(call.headers.authorization));
  if (!user) return errorReply('INVALID_SESSION_ID', 'Session expired or invalid');
  if (call.httpMethod !== 'GET' && call.httpMethod !== 'HEAD') {
    return errorReply('METHOD_NOT_ALLOWED', `HTTP Method '${call.httpMethod}' not allowed. Allowed are GET,HEAD`);
  }
  if (!context.usage.consume()) return errorReply('REQUEST_LIMIT_EXCEEDED', LIMIT_EXCEEDED_MESSAGE);

  switch (route.name) {
    case 'identity':
      return route.userId === user.userId
        ? jsonReply(200, identity(context, user))
        : errorReply('NOT_FOUND', 'The requested resource does not exist');
    case 'query':
      try {
        const outcome = await context.engine.run(route.soql, route.version);
        return jsonReply(200, context.cursors.firstPage(outcome.records, outcome.totalSize, route.version));
      } catch (error) {
        if (error instanceof QueryError) return errorReply(error.errorCode, error.message, 400);
        throw error;
      }
    case 'queryMore': {
      const page = context.cursors.nextPage(route.locator, route.version);
      return page ? jsonReply(200, page) : errorReply('INVALID_QUERY_LOCATOR', 'invalid query locator', 400);
    }
    case 'describe': {
      const result = await context.catalog.describe(route.object, route.version);
      return result
        ? jsonReply(200, result)
        : errorReply('NOT_FOUND', 'The requested resource does not exist');
    }
    case 'describeGlobal':
      return jsonReply(200, await describeGlobal(context, route.version));
    case 'limits':
      return jsonReply(200, { DailyApiRequests: { Max: context.usage.max, Remaining: context.usage.max - context.usage.used } });
    default:
      return errorReply('NOT_FOUND', 'The requested resource does not exist');
  }
}

function parseRoute(url: URL): RestRoute {
  const identityMatch = /^\/id\/(\w+)\/(\w+)\/?$/.exec(url.pathname);
  if (identityMatch?.[2]) return { name: 'identity', userId: identityMatch[2] };
  if (/^\/services\/data\/?$/.test(url.pathname)) return { name: 'versions' };
  const match = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(url.pathname);
  if (!match?.[1]) return { name: 'unknown' };
  const version = match[1];
  const rest = (match[2] ?? '/').replace(/\/+$/, '');
  const query = /^\/(query|queryAll)(?:\/(.+))?$/.exec(rest);
  if (query) {
    if (query[2]) return { name: 'queryMore', version, locator: decodeURIComponent(query[2]) };
    const soql = url.searchParams.get('q');
    if (soql !== null) return { name: 'query', version, soql };
  }
  if (rest === '/sobjects') return { name: 'describeGlobal', version };
  const describe = /^\/sobjects\/([^/]+)\/describe$/.exec(rest);
  if (describe?.[1]) return { name: 'describe', version, object: decodeURIComponent(describe[1]) };
  if (rest === '/limits') return { name: 'limits', version };
  return { name: 'unknown' };
}

/** jsforce sends `Bearer`; older clients send `OAuth`, which Salesforce still accepts. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function withLimitInfo(context: RestContext, reply: Reply): Reply {
  return { ...reply, headers: { ...reply.headers, ...context.usage.header() } };
}

function versions(latest: string): Array<{ label: string; url: string; version: string }> {
  const newest = Math.floor(Number(latest));
  const list = [];
  for (let v = newest - 4; v <= newest; v++) list.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  return list;
}

function identity(context: RestContext, user: OrgUser): Record<string, unknown> {
  const { baseUrl, apiVersion } = context;
  const orgId = context.identity.orgId;
  return {
    id: `${baseUrl}/id/${orgId}/${user.userId}`,
    asserted_user: true,
    user_id: user.userId,
    organization_id: orgId,
    username: user.username,
    display_name: user.fullName,
    email: user.email,
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    urls: {
      metadata: `${baseUrl}/services/Soap/m/{version}/${orgId}`,
      partner: `${baseUrl}/services/Soap/u/{version}/${orgId}`,
      rest: `${baseUrl}/services/data/v{version}/`,
      sobjects: `${baseUrl}/services/data/v{version}/sobjects/`,
      query: `${baseUrl}/services/data/v{version}/query/`,
      profile: `${baseUrl}/${user.userId}`,
    },
    api_version: apiVersion,
  };
}

async function describeGlobal(context: RestContext, version: string): Promise<Record<string, unknown>> {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: await context.catalog.summaries(version) };
}
