/**
 * Who the emulated org is: its id and its users, with stable Salesforce-style
 * ids so repeated runs (and snapshots) see the same values.
 */
import path from 'node:path';
import { deterministicId } from './ids.js';
import type { EmulatorUser } from './types.js';

export interface OrgUser {
  username: string;
  password?: string;
  securityToken?: string;
  userId: string;
  fullName: string;
  email: string;
}

/** Used as session owner when the test configures tokens but no users. */
const FALLBACK_USERNAME = 'admin@emulator.example.com';

export class OrgIdentity {
  readonly orgId: string;
  readonly users: OrgUser[];

  constructor(orgDir: string, users: EmulatorUser[]) {
    this.orgId = deterministicId('00D', `org:${path.basename(path.resolve(orgDir))}`);
    const configured = users.map((u) => this.makeUser(u.username, u.password, u.securityToken));
    this.users = configured.length > 0 ? configured : [this.makeUser(FALLBACK_USERNAME)];
  }

  /** Owner of tokens that carry no user of their own (refresh tokens, configured access tokens). */
  get defaultUser(): OrgUser {
    return this.users[0] as OrgUser;
  }

  /** Salesforce usernames are case-insensitive. */
  findUser(username: string): OrgUser | undefined {
    const wanted = username.toLowerCase();
    return this.users.find((u) => u.username.toLowerCase() === wanted);
  }

  /** The password check of SOAP login and the OAuth password grant: the token, when set, is appended. */
  authenticate(username: string, password: string): OrgUser | undefined {
    const user = this.findUser(username);
    if (!user || user.password === undefined) return undefined;
    return password === user.password + (user.securityToken ?? '') ? user : undefined;
  }

  private makeUser(username: string, password?: string, securityToken?: string): OrgUser {
    const local = username.split('@')[0] ?? username;
    const fullName = local
      .split(/[._-]+/)
      .filter(Boolean)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(' ');
    return {
      username,
      ...(password !== undefined ? { password } : {}),
      ...(securityToken !== undefined ? { securityToken } : {}),
      userId: deterministicId('005', `user:${username.toLowerCase()}`),
      fullName: fullName || username,
      email: username,
    };
  }
}
