import { agentEndpoints, type AgentTokenReply } from '../../../contracts/agent';
import { apiErrorFrom, networkError } from '../../api/apiError';
import { refreshSignedRequest } from './canvasSdk';

/** The names of the meta tags the server puts the agent token and its expiry in (server/http/views/canvasPages.ts). */
export const AGENT_TOKEN_META = 'pdsc-agent-token';
export const AGENT_TOKEN_EXPIRES_META = 'pdsc-agent-token-expires';

/** Renew this long before the token expires, so a slow Salesforce answer is never too late. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface AgentTokenOptions {
  /** A fresh signed request from Salesforce (the Canvas SDK's refreshSignedRequest by default). */
  signedRequest?: () => Promise<string>;
  fetch?: typeof fetch;
}

/**
 * The page's agent token (30 minutes), kept valid for a long session without cookies: it is
 * renewed before it expires and whenever the API answers 401, by POSTing a fresh signed request
 * from Salesforce to /canvas/token, which verifies it as it verified the page's and answers a new
 * token. Concurrent renewals share one request.
 */
export class AgentToken {
  #token: string | undefined;
  #expiresAt: number | undefined;
  #renewing: Promise<string> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #signedRequest: () => Promise<string>;
  readonly #fetch: typeof fetch;

  constructor(token: string | undefined, expiresAt: number | undefined, options: AgentTokenOptions = {}) {
    this.#token = token;
    this.#signedRequest = options.signedRequest ?? refreshSignedRequest;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#schedule(expiresAt);
  }

  /** The token of this page, from the meta tags the server wrote. */
  static ofPage(doc: Document = document, options: AgentTokenOptions = {}): AgentToken {
    const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;
    const expires = Number(meta(AGENT_TOKEN_EXPIRES_META));
    return new AgentToken(meta(AGENT_TOKEN_META), Number.isFinite(expires) && expires > 0 ? expires : undefined, options);
  }

  get value(): string | undefined {
    return this.#token;
  }

  get expiresAt(): number | undefined {
    return this.#expiresAt;
  }

  /** A new token now (one renewal at a time); throws ApiError or the SDK's error when it cannot. */
  renew(): Promise<string> {
    this.#renewing ??= this.#renew().finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  /** Stops the scheduled renewal (the page is going away). */
  stop(): void {
    clearTimeout(this.#timer);
  }

  async #renew(): Promise<string> {
    const signedRequest = await this.#signedRequest();
    let response: Response;
    try {
      response = await this.#fetch(agentEndpoints.refreshAgentToken.path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ signed_request: signedRequest }).toString(),
      });
    } catch (error) {
      throw networkError(error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFrom(response.status, body, response.statusText);
    const reply = body as AgentTokenReply;
    this.#token = reply.token;
    this.#schedule(reply.expiresAt);
    return reply.token;
  }

  #schedule(expiresAt: number | undefined): void {
    clearTimeout(this.#timer);
    this.#expiresAt = expiresAt;
    if (expiresAt === undefined) return;
    const ttl = expiresAt - Date.now();
    // RENEW_BEFORE_MS before expiry; halfway through the life of a token shorter than twice that.
    const delay = Math.max(0, ttl - RENEW_BEFORE_MS, ttl / 2);
    this.#timer = setTimeout(() => {
      // A failed renewal is tried again on the next 401, which says why if it fails again.
      this.renew().catch(() => undefined);
    }, delay);
  }
}
