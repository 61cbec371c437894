import crypto from 'node:crypto';
import type { UserInfoAnswer } from '../vendors/salesforce/userInfo';

/**
 * Whether a Canvas request's OAuth token is a live Salesforce session of the request's own user
 * and org: the freshness proof of a signed request (see verifyCanvasPost.ts for why `issuedAt`
 * cannot be one). It asks the org's UserInfo endpoint, and remembers a live answer for
 * `LIVE_ANSWER_TTL_MS` so a record page reloaded, or opened in several tabs, costs one call.
 */

/**
 * How long a live answer is trusted without asking again. Well under the agent token's 30
 * minutes, which bound what a session ended in Salesforce keeps reaching anyway; long enough that
 * an agent moving between Cases does not wait for Salesforce on each.
 */
export const LIVE_ANSWER_TTL_MS = 5 * 60 * 1000;
/**
 * Answers kept at most (the oldest goes first). A Map in insertion order does it: an LRU
 * library would add nothing for one bounded, time-limited set.
 */
const MAX_REMEMBERED = 5_000;

export type SessionVerdict =
  | { kind: 'live' }
  /** Salesforce refused the token: it ended (logout, timeout, revocation) or never was. */
  | { kind: 'ended' }
  /** The token is live but belongs to another user or org than the request says: a forgery. */
  | { kind: 'not_this_user' }
  | { kind: 'unavailable'; message: string };

export type AskUserInfo = (instanceUrl: string, accessToken: string) => Promise<UserInfoAnswer>;

const sameId = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

export class CanvasSessionCheck {
  readonly #live = new Map<string, number>();

  constructor(
    private readonly askUserInfo: AskUserInfo,
    private readonly now: () => number = Date.now,
  ) {}

  async check(request: { instanceUrl: string; oauthToken: string; userId: string; organizationId: string }): Promise<SessionVerdict> {
    // Keyed by all four: a cached answer vouches for exactly this token, user, org and instance.
    const key = crypto
      .createHash('sha256')
      .update(JSON.stringify([request.instanceUrl, request.oauthToken, request.userId.slice(0, 15), request.organizationId.slice(0, 15)]))
      .digest('base64url');
    const until = this.#live.get(key);
    if (until !== undefined && until > this.now()) return { kind: 'live' };
    this.#live.delete(key);

    const answer = await this.askUserInfo(request.instanceUrl, request.oauthToken);
    switch (answer.kind) {
      case 'token_refused':
        return { kind: 'ended' };
      case 'unavailable':
        return { kind: 'unavailable', message: answer.message };
      case 'user':
        if (!sameId(answer.userId, request.userId) || !sameId(answer.organizationId, request.organizationId)) return { kind: 'not_this_user' };
        this.#remember(key);
        return { kind: 'live' };
    }
  }

  #remember(key: string): void {
    this.#live.set(key, this.now() + LIVE_ANSWER_TTL_MS);
    while (this.#live.size > MAX_REMEMBERED) {
      const oldest = this.#live.keys().next().value;
      if (oldest === undefined) break;
      this.#live.delete(oldest);
    }
  }
}
