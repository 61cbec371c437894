import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ORG_ID } from '../ids';

/** A user's login credentials and the states an admin can put them in. */
export interface UserCredentials {
  userId: string;
  username: string;
  password: string;
  securityToken: string;
  /** Frozen by an admin: logins fail, existing sessions end. */
  frozen: boolean;
  /** Password expired: SOAP logins get a restricted session, OAuth logins fail. */
  passwordExpired: boolean;
  /** The "API Enabled" permission; without it every API call is refused. */
  apiEnabled: boolean;
}

/** A connected app: OAuth client credentials, a JWT certificate, a run-as user for client_credentials. */
export interface ConnectedApp {
  name: string;
  clientId: string;
  clientSecret: string;
  /** PEM certificate whose public key verifies JWT bearer assertions. */
  certificatePem: string;
  /** User the client_credentials flow runs as; undefined when that flow is not enabled. */
  runAsUserId: string | undefined;
}

export interface Session {
  accessToken: string;
  userId: string;
  clientId: string | undefined;
  issuedAt: number;
  lastUsedAt: number;
  /** A session from a login with an expired password: only good for setting a new password. */
  restricted: boolean;
}

interface RefreshGrant {
  refreshToken: string;
  userId: string;
  clientId: string;
}

/** Salesforce's default session timeout: two hours of inactivity. */
export const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** Looks like a real access token: the 15-character org Id, `!`, then opaque characters. */
function newAccessToken(): string {
  return `${ORG_ID.slice(0, 15)}!AQ${randomBytes(72).toString('base64url').replace(/-/g, '.')}`;
}

function newRefreshToken(): string {
  return `5Aep861${randomBytes(60).toString('base64url').replace(/-/g, '.')}`;
}

/** Users' credentials, connected apps, access-token sessions and refresh grants of the org. */
export class AuthRegistry {
  #users = new Map<string, UserCredentials>();
  #apps = new Map<string, ConnectedApp>();
  #sessions = new Map<string, Session>();
  #refreshGrants = new Map<string, RefreshGrant>();
  readonly #clock: Clock;
  sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  reset(): void {
    this.#users.clear();
    this.#apps.clear();
    this.#sessions.clear();
    this.#refreshGrants.clear();
  }

  addUser(credentials: UserCredentials): void {
    this.#users.set(credentials.userId, { ...credentials });
  }

  addConnectedApp(app: ConnectedApp): void {
    this.#apps.set(app.clientId, { ...app });
  }

  user(userId: string): UserCredentials | undefined {
    return this.#users.get(userId);
  }

  /** Usernames are case-insensitive in Salesforce. */
  userByUsername(username: string): UserCredentials | undefined {
    const lower = username.toLowerCase();
    return [...this.#users.values()].find((user) => user.username.toLowerCase() === lower);
  }

  users(): UserCredentials[] {
    return [...this.#users.values()];
  }

  app(clientId: string): ConnectedApp | undefined {
    return this.#apps.get(clientId);
  }

  apps(): ConnectedApp[] {
    return [...this.#apps.values()];
  }

  /** Changes a user's state; freezing ends the user's sessions, as it does in Salesforce. */
  setUserState(userId: string, state: Partial<Pick<UserCredentials, 'frozen' | 'passwordExpired' | 'apiEnabled'>>): UserCredentials {
    const user = this.#users.get(userId);
    if (!user) throw new Error(`No user with Id ${userId}`);
    Object.assign(user, state);
    if (state.frozen) this.expireSessions(userId);
    return { ...user };
  }

  /** Password + security token, as API logins from untrusted networks must send them. */
  checkPassword(user: UserCredentials, passwordWithToken: string): boolean {
    return passwordWithToken === user.password + user.securityToken;
  }

  issueSession(userId: string, options: { clientId?: string; restricted?: boolean } = {}): Session {
    const now = this.#clock.now();
    const session: Session = {
      accessToken: newAccessToken(),
      userId,
      clientId: options.clientId,
      issuedAt: now,
      lastUsedAt: now,
      restricted: options.restricted ?? false,
    };
    this.#sessions.set(session.accessToken, session);
    return session;
  }

  /**
   * The user's live session of a connected app, else a new one: Salesforce keeps handing out the
   * same access token for a user and app until that session ends, which is why a Canvas request's
   * `issuedAt` (the token's issue time) can be hours old.
   */
  sessionOf(userId: string, clientId: string): Session {
    for (const session of this.#sessions.values()) {
      if (session.userId === userId && session.clientId === clientId && !session.restricted && this.authenticate(session.accessToken)) return session;
    }
    return this.issueSession(userId, { clientId });
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const refreshToken = newRefreshToken();
    this.#refreshGrants.set(refreshToken, { refreshToken, userId, clientId });
    return refreshToken;
  }

  refreshGrant(refreshToken: string): RefreshGrant | undefined {
    return this.#refreshGrants.get(refreshToken);
  }

  /** The live session for a token, extending its inactivity timeout; undefined when invalid. */
  authenticate(accessToken: string): Session | undefined {
    const session = this.#sessions.get(accessToken);
    if (!session) return undefined;
    const now = this.#clock.now();
    if (now - session.lastUsedAt > this.sessionTimeoutMs) {
      this.#sessions.delete(accessToken);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  /** Ends every session, or one user's; returns how many ended. */
  expireSessions(userId?: string): number {
    let count = 0;
    for (const [token, session] of this.#sessions) {
      if (userId === undefined || session.userId === userId) {
        this.#sessions.delete(token);
        count += 1;
      }
    }
    return count;
  }

  /** Revokes an access token, or a refresh token with the sessions issued from its grant. */
  revoke(token: string): boolean {
    if (this.#sessions.delete(token)) return true;
    const grant = this.#refreshGrants.get(token);
    if (!grant) return false;
    this.#refreshGrants.delete(token);
    for (const [accessToken, session] of this.#sessions) {
      if (session.userId === grant.userId && session.clientId === grant.clientId) this.#sessions.delete(accessToken);
    }
    return true;
  }
}
