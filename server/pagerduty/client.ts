import type { PagerDutyRateLimiter } from './rateLimiter';

/**
 * A small typed client for PagerDuty's REST API v2. Hand-written on fetch because PagerDuty's
 * own JS client (@pagerduty/pdjs) exposes neither the `ratelimit-*` headers we budget with nor
 * typed errors; this one does both and stays a thin layer.
 */

export interface PagerDutyClientOptions {
  apiUrl: string;
  apiKey: string;
  /** The integration user's email: the `From` header on writes. */
  fromEmail?: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Paces requests within PagerDuty's rate limit; shared by all clients of one key. */
  limiter?: PagerDutyRateLimiter;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets, as PagerDuty sent it. */
  resetSeconds: number;
  observedAt: number;
}

/** PagerDuty answered with an error body `{"error":{"message","code","errors"}}`. */
export class PagerDutyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly errors: string[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PagerDutyApiError';
  }
}

/** PagerDuty could not be reached (DNS, refused connection, TLS, timeout). */
export class PagerDutyNetworkError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'PagerDutyNetworkError';
  }
}

export interface PagerDutyResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class PagerDutyClient {
  readonly #options: Required<Omit<PagerDutyClientOptions, 'fromEmail' | 'limiter'>> & { fromEmail: string | null; limiter?: PagerDutyRateLimiter };
  #rateLimit: RateLimitState | undefined;

  constructor(options: PagerDutyClientOptions) {
    this.#options = {
      timeoutMs: 15_000,
      fetch: globalThis.fetch,
      ...options,
      fromEmail: options.fromEmail ?? null,
      apiUrl: options.apiUrl.replace(/\/$/, ''),
    };
  }

  /** The latest `ratelimit-*` headers seen, if PagerDuty sent any. */
  get rateLimit(): RateLimitState | undefined {
    return this.#rateLimit;
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { query?: Record<string, string | number | boolean | string[] | undefined>; body?: unknown; from?: string | null } = {},
  ): Promise<PagerDutyResponse<T>> {
    const url = new URL(this.#options.apiUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, item);
      else url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: `Token token=${this.#options.apiKey}`,
    };
    const from = options.from === undefined ? this.#options.fromEmail : options.from;
    if (method !== 'GET' && from) headers.From = from;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';

    const limiter = this.#options.limiter;
    await limiter?.acquire();
    let response: Response;
    try {
      response = await this.#options.fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      limiter?.settle(undefined);
      throw new PagerDutyNetworkError(describeNetworkError(error, url), error);
    }
    limiter?.settle(response.headers, response.status);
    this.#observeRateLimit(response.headers);
    const text = await response.text();
    const body = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (body as { error?: { message?: string; code?: number; errors?: string[] } } | undefined)?.error;
      const retryAfter = Number(response.headers.get('retry-after') ?? response.headers.get('ratelimit-reset'));
      throw new PagerDutyApiError(
        response.status,
        error?.code,
        error?.message ?? `PagerDuty answered HTTP ${response.status}`,
        error?.errors ?? [],
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  #observeRateLimit(headers: Headers): void {
    const limit = Number(headers.get('ratelimit-limit'));
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (headers.has('ratelimit-limit') && Number.isFinite(limit) && Number.isFinite(remaining)) {
      this.#rateLimit = { limit, remaining, resetSeconds: Number.isFinite(reset) ? reset : 60, observedAt: Date.now() };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text.slice(0, 200) } };
  }
}

function describeNetworkError(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return `PagerDuty at ${url.origin} did not answer in time`;
  if (cause?.code === 'ENOTFOUND') return `The host ${url.hostname} could not be found`;
  if (cause?.code === 'ECONNREFUSED') return `Nothing is listening at ${url.origin}`;
  return `PagerDuty at ${url.origin} could not be reached (${cause?.code ?? (error as Error).message})`;
}
