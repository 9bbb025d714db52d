/**
 * Partner SOAP API `/services/Soap/u/<version>`: `login` and `logout`, the
 * calls jsforce's `conn.login()` (without OAuth client secret) and
 * `conn.logout()` make. Reply fields follow Salesforce's LoginResult (SOAP API
 * Developer Guide, login()); jsforce 3.10.16 extracts serverUrl, sessionId,
 * userId and organizationId with regexes and rejects passwordExpired=true.
 */
import type { IncomingCall, RoutedCall } from './endpoint.js';
import { deterministicId } from './ids.js';
import type { OrgIdentity, OrgUser } from './org-identity.js';
import type { Reply } from './reply.js';
import type { SessionStore } from './sessions.js';
import {
  PARTNER_FAULT_NS,
  PARTNER_NS,
  soapFault,
  soapResponse,
  truncatedSoap,
  tryParseSoapRequest,
  type SoapFault,
  type SoapRequest,
} from './soap-envelope.js';
import { escapeXml } from './xml-text.js';

export interface LoginContext {
  identity: OrgIdentity;
  sessions: SessionStore;
  baseUrl: string;
}

/** Salesforce's exact wording for every credential failure (it never says which part was wrong). */
const INVALID_LOGIN = 'Invalid username, password, security token; or user locked out.';

function partnerFault(fault: SoapFault, status = 500): Reply {
  return soapFault(fault, PARTNER_FAULT_NS, fault.code === 'INVALID_LOGIN' ? 'LoginFault' : 'UnexpectedErrorFault', status);
}

/** `/services/Soap/u/<version>[/<orgId>]`: login needs no session; logout takes it from the SOAP header. */
export function routeSoapLogin(context: LoginContext, call: IncomingCall, version: string): RoutedCall {
  const parsed = tryParseSoapRequest(call.body);
  const { request } = parsed;
  return {
    info: { api: 'soap-login', method: request?.operation ?? 'unknown' },
    errorReply: (code, message, status) => partnerFault({ code, message }, status),
    truncatedReply: () => truncatedSoap(PARTNER_NS),
    run: async () =>
      request
        ? runPartnerOperation(context, request, version)
        : partnerFault({ code: 'INVALID_XML', message: 'error' in parsed ? parsed.error : 'malformed request' }),
  };
}

function runPartnerOperation(context: LoginContext, request: SoapRequest, version: string): Reply {
  switch (request.operation) {
    case 'login':
      return login(context, request, version);
    case 'logout':
      if (request.sessionId) context.sessions.revoke(request.sessionId);
      return soapResponse(PARTNER_NS, '<logoutResponse/>');
    default:
      return partnerFault({
        code: 'UNKNOWN_EXCEPTION',
        message: `The local Salesforce emulator does not implement the partner API operation '${request.operation}'`,
      });
  }
}

function login(context: LoginContext, request: SoapRequest, version: string): Reply {
  const username = String(request.args['username'] ?? '');
  const password = String(request.args['password'] ?? '');
  const user = context.identity.authenticate(username, password);
  if (!user) return partnerFault({ code: 'INVALID_LOGIN', message: INVALID_LOGIN });
  const sessionId = context.sessions.issue(user);
  const { baseUrl } = context;
  const orgId = context.identity.orgId;
  const result =
    `<metadataServerUrl>${baseUrl}/services/Soap/m/${version}/${orgId}</metadataServerUrl>` +
    '<passwordExpired>false</passwordExpired>' +
    '<sandbox>false</sandbox>' +
    `<serverUrl>${baseUrl}/services/Soap/u/${version}/${orgId}</serverUrl>` +
    `<sessionId>${sessionId}</sessionId>` +
    `<userId>${user.userId}</userId>` +
    `<userInfo>${userInfo(context, user)}</userInfo>`;
  return soapResponse(PARTNER_NS, `<loginResponse><result>${result}</result></loginResponse>`);
}

function userInfo(context: LoginContext, user: OrgUser): string {
  const fields: Array<[string, string]> = [
    ['accessibilityMode', 'false'],
    ['chatterExternal', 'false'],
    ['currencySymbol', '$'],
    ['orgAttachmentFileSizeLimit', '5242880'],
    ['orgDefaultCurrencyIsoCode', 'USD'],
    ['orgDefaultCurrencyLocale', 'en_US'],
    ['orgDisallowHtmlAttachments', 'false'],
    ['orgHasPersonAccounts', 'false'],
    ['organizationId', context.identity.orgId],
    ['organizationMultiCurrency', 'false'],
    ['organizationName', 'Salesforce Emulator'],
    ['profileId', deterministicId('00e', 'profile:Admin')],
    ['roleId', ''],
    ['sessionSecondsValid', '7200'],
    ['userDefaultCurrencyIsoCode', ''],
    ['userEmail', user.email],
    ['userFullName', user.fullName],
    ['userId', user.userId],
    ['userLanguage', 'en_US'],
    ['userLocale', 'en_US'],
    ['userName', user.username],
    ['userTimeZone', 'America/Los_Angeles'],
    ['userType', 'Standard'],
    ['userUiSkin', 'Theme3'],
  ];
  return fields.map(([k, v]) => (v === '' ? `<${k} xsi:nil="true"/>` : `<${k}>${escapeXml(v)}</${k}>`)).join('');
}
