import {
  endpoints,
  type ConnectionsReply,
  type ConnectionTestResult,
  type SavedPagerDutyConnection,
  type SavedSalesforceConnection,
  type SessionReply,
  type SignInRequest,
  type SummaryReply,
  type UpdatePagerDutyConnectionRequest,
  type UpdateSalesforceConnectionRequest,
} from '../../contracts/api';
import { apiErrorFrom, isAbortError, networkError } from './apiError';

type Endpoint = { readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; readonly path: string };

export interface ApiClientOptions {
  /** Defaults to the global fetch; tests pass their own. */
  fetch?: typeof fetch;
  /** Called when a request that needs a session answers 401 (the session expired or was revoked). */
  onUnauthenticated?: () => void;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A 401 here is an expected answer (wrong password), not a lost session. */
  unauthenticatedIsAnswer?: boolean;
}

/**
 * The admin API, typed by the shared contract in contracts/api.ts. Same-origin cookies carry
 * the session; every state-changing request carries the session's CSRF token. Failures throw
 * `ApiError`; aborts propagate as the fetch AbortError so `@lit/task` can tell them apart.
 */
export class ApiClient {
  /** Set from GET /api/session or sign-in; sent as `X-CSRF-Token` on every non-GET request. */
  csrfToken: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #onUnauthenticated: () => void;

  constructor(options: ApiClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onUnauthenticated = options.onUnauthenticated ?? (() => {});
  }

  async getSession(signal?: AbortSignal): Promise<SessionReply> {
    const session = await this.#request<SessionReply>(endpoints.getSession, { signal });
    this.csrfToken = session.authenticated ? session.csrfToken : undefined;
    return session;
  }

  async signIn(credentials: SignInRequest, signal?: AbortSignal): Promise<SessionReply> {
    const session = await this.#request<SessionReply>(endpoints.signIn, { body: credentials, signal, unauthenticatedIsAnswer: true });
    this.csrfToken = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    await this.#request<undefined>(endpoints.signOut, {});
    this.csrfToken = undefined;
  }

  getConnections(signal?: AbortSignal): Promise<ConnectionsReply> {
    return this.#request(endpoints.getConnections, { signal });
  }

  /** Saves and answers with the saved settings and their connection check (`test`). */
  updatePagerDutyConnection(update: UpdatePagerDutyConnectionRequest): Promise<SavedPagerDutyConnection> {
    return this.#request(endpoints.updatePagerDutyConnection, { body: update });
  }

  /** Saves and answers with the saved settings and their authentication check (`test`). */
  updateSalesforceConnection(update: UpdateSalesforceConnectionRequest): Promise<SavedSalesforceConnection> {
    return this.#request(endpoints.updateSalesforceConnection, { body: update });
  }

  testPagerDutyConnection(): Promise<ConnectionTestResult> {
    return this.#request(endpoints.testPagerDutyConnection, {});
  }

  testPagerDutyUser(): Promise<ConnectionTestResult> {
    return this.#request(endpoints.testPagerDutyUser, {});
  }

  testSalesforceConnection(): Promise<ConnectionTestResult> {
    return this.#request(endpoints.testSalesforceConnection, {});
  }

  getSummary(signal?: AbortSignal): Promise<SummaryReply> {
    return this.#request(endpoints.getSummary, { signal });
  }

  /**
   * Calls an endpoint declared in a feature contract (e.g. contracts/authoring.ts)
   * with the same CSRF, 401 and error handling as the methods above.
   */
  call<T>(endpoint: Endpoint, options: { body?: unknown; signal?: AbortSignal | undefined } = {}): Promise<T> {
    return this.#request<T>(endpoint, options);
  }

  async #request<T>(endpoint: Endpoint, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (endpoint.method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;

    let response: Response;
    try {
      response = await this.#fetch(endpoint.path, {
        method: endpoint.method,
        credentials: 'same-origin',
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw networkError(error);
    }

    const body = await readBody(response);
    if (response.ok) return body as T;
    const error = apiErrorFrom(response.status, body, response.statusText);
    if (error.isUnauthenticated && !options.unauthenticatedIsAnswer) {
      this.csrfToken = undefined;
      this.#onUnauthenticated();
    }
    throw error;
  }
}

/** JSON when the reply is JSON, the text otherwise, undefined when there is no body (204). */
async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
