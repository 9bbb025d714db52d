/**
 * Session ids the emulator currently honours, shared by the SOAP and REST
 * endpoints (a Salesforce session id works for both).
 */
import { newSessionId } from './ids.js';
import type { OrgUser } from './org-identity.js';

export class SessionStore {
  private readonly sessions = new Map<string, OrgUser>();
  /** Authenticated calls still allowed before every session expires (see FaultControl.expireSessionAfter). */
  private callsBeforeExpiry: number | undefined;

  constructor(private readonly orgId: string) {}

  issue(user: OrgUser): string {
    const token = newSessionId(this.orgId);
    this.sessions.set(token, user);
    return token;
  }

  /** Honour a token chosen by the test, e.g. one handed to the code under test as SF_ACCESS_TOKEN. */
  accept(token: string, user: OrgUser): void {
    this.sessions.set(token, user);
  }

  /** The session's user, or undefined when the id is unknown, revoked or expired. Counts toward a pending expiry. */
  authenticate(token: string | undefined): OrgUser | undefined {
    const user = token === undefined ? undefined : this.sessions.get(token);
    if (user && this.callsBeforeExpiry !== undefined) {
      this.callsBeforeExpiry--;
      if (this.callsBeforeExpiry <= 0) {
        // This call already got in; everything after it finds its session gone.
        this.callsBeforeExpiry = undefined;
        this.expireAll();
      }
    }
    return user;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  expireAfter(nCalls: number | undefined): void {
    if (nCalls !== undefined && nCalls <= 0) {
      this.callsBeforeExpiry = undefined;
      this.expireAll();
      return;
    }
    this.callsBeforeExpiry = nCalls;
  }
}
