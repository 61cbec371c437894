import { request, type Dispatcher } from 'undici';
import { DEFAULT_VENDOR_TIMEOUT_MS } from '../requestTimeout';
import type { CustomHeader } from '../../../contracts/customHeaders';
import type { PagerDutyRateLimiter, ResponseHeaders } from './rateLimiter';

/**
 * A small typed client for PagerDuty's REST API v2. Hand-written because PagerDuty's own JS
 * client (@pagerduty/pdjs) exposes neither the `ratelimit-*` headers we budget with nor typed
 * errors; this one does both and stays a thin layer. It sends with undici's `request` rather
 * than `fetch`: the same HTTP stack without the WHATWG streams and Headers objects, which cost
 * the sync engine about three times the CPU per call under load.
 */

export interface PagerDutyClientOptions {
  apiUrl: string;
  apiKey: string;
  /** The integration user's email: the `From` header on writes. */
  fromEmail?: string | null;
  /** How long one call may take in all (and so also to wait for the headers, or the body). */
  timeoutMs?: number;
  /** Paces requests within PagerDuty's rate limit; shared by all clients of one key. */
  limiter?: PagerDutyRateLimiter;
  /** Sent on every call (the admin's custom headers, validated when saved); the app's own headers win. */
  customHeaders?: readonly CustomHeader[];
  /** How requests leave (the outbound proxy's undici agent); undici's global agent when absent. */
  dispatcher?: Dispatcher | undefined;
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

export type { ResponseHeaders } from './rateLimiter';

export interface PagerDutyResponse<T> {
  status: number;
  body: T;
  headers: ResponseHeaders;
}

/**
 * A REST path with every interpolated id percent-encoded: `apiPath\`/incidents/${id}/notes\``.
 * Ids come from webhooks, links and rules; one with a `/` or `?` must not reach another resource.
 */
export function apiPath(strings: TemplateStringsArray, ...ids: (string | number)[]): string {
  return strings.reduce((path, part, index) => path + part + (index < ids.length ? pathSegment(ids[index]) : ''), '');
}

/**
 * encodeURIComponent leaves `.` alone, and URLs resolve a `.` or `..` segment (`/incidents/..` is
 * `/`), so those and the empty id, which no PagerDuty resource has, are refused outright.
 */
function pathSegment(id: string | number | undefined): string {
  const text = String(id);
  if (text === '' || text === '.' || text === '..') throw new TypeError(`Not a PagerDuty id for a REST path: "${text}"`);
  return encodeURIComponent(text);
}

export class PagerDutyClient {
  readonly #options: Required<Omit<PagerDutyClientOptions, 'fromEmail' | 'limiter' | 'customHeaders' | 'dispatcher'>> & {
    fromEmail: string | null;
    limiter?: PagerDutyRateLimiter;
    customHeaders: readonly CustomHeader[];
    dispatcher?: Dispatcher | undefined;
  };
  #rateLimit: RateLimitState | undefined;

  constructor(options: PagerDutyClientOptions) {
    this.#options = {
      timeoutMs: DEFAULT_VENDOR_TIMEOUT_MS,
      ...options,
      fromEmail: options.fromEmail ?? null,
      customHeaders: options.customHeaders ?? [],
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
      ...Object.fromEntries(this.#options.customHeaders.map((header) => [header.name, header.value])),
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: `Token token=${this.#options.apiKey}`,
    };
    const from = options.from === undefined ? this.#options.fromEmail : options.from;
    if (method !== 'GET' && from) headers.From = from;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';

    const limiter = this.#options.limiter;
    await limiter?.acquire();
    let status: number;
    let responseHeaders: ResponseHeaders;
    let text: string;
    try {
      const response = await request(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        ...(this.#options.dispatcher ? { dispatcher: this.#options.dispatcher } : {}),
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
        // The two timeouts above bound each wait, not the call: a connect, then headers, then a
        // body trickling in could add up past the job's lease. This deadline bounds the whole call.
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      status = response.statusCode;
      responseHeaders = headersOf(response.headers);
      text = await response.body.text();
    } catch (error) {
      limiter?.settle(undefined);
      throw new PagerDutyNetworkError(describeNetworkError(error, url), error);
    }
    limiter?.settle(responseHeaders, status);
    this.#observeRateLimit(responseHeaders);
    const body = text ? safeJson(text) : undefined;
    if (status < 200 || status >= 300) {
      const error = (body as { error?: { message?: string; code?: number; errors?: string[] } } | undefined)?.error;
      const retryAfter = Number(responseHeaders.get('retry-after') ?? responseHeaders.get('ratelimit-reset'));
      throw new PagerDutyApiError(
        status,
        error?.code,
        error?.message ?? `PagerDuty answered HTTP ${status}`,
        error?.errors ?? [],
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    return { status, body: body as T, headers: responseHeaders };
  }

  #observeRateLimit(headers: ResponseHeaders): void {
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

function headersOf(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  const get = (name: string): string | null => {
    const value = raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { get, has: (name) => raw[name.toLowerCase()] !== undefined };
}

function describeNetworkError(error: unknown, url: URL): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || (error as Error).name === 'TimeoutError') {
    return `PagerDuty at ${url.origin} did not answer in time`;
  }
  if (code === 'ENOTFOUND') return `The host ${url.hostname} could not be found`;
  if (code === 'ECONNREFUSED') return `Nothing is listening at ${url.origin}`;
  return `PagerDuty at ${url.origin} could not be reached (${code ?? (error as Error).message})`;
}
