import type { ApiErrorBody } from '../../contracts/api';

/** One invalid input, as the server's 400 lists it (`details.fields[]`). */
export interface FieldError {
  /** The request field, e.g. `apiUrl` or `password` (dotted for nested fields). */
  path: string;
  message: string;
}

/**
 * A failed API call: the server's error envelope, or what went wrong before one arrived.
 * `code` is the server's literal code, or `network` / `bad_response` for failures on the way.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field errors of a 400, or none. */
  get fieldErrors(): FieldError[] {
    return fieldErrorsOf(this.details);
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

const NETWORK_MESSAGE = 'Cannot reach the app server: check that it is running and your network, then try again.';

/** Fetch itself failed (server down, connection refused): status 0. */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'network', NETWORK_MESSAGE, cause instanceof Error ? { cause: cause.message } : undefined);
}

/**
 * Turns an error reply into an ApiError. Reads the envelope `{"error":{"code","message","details"}}`
 * when the body has one; anything else (a proxy's HTML page, plain text, nothing) still yields a
 * message that says what happened.
 */
export function apiErrorFrom(status: number, body: unknown, statusText = ''): ApiError {
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(status, code, message, details);
  }
  const label = `${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401) return new ApiError(status, 'unauthenticated', 'Your session has ended: sign in again.');
  if (status >= 500) {
    return new ApiError(status, 'bad_response', `The app server failed (${label}); its log has the details. Try again in a moment.`);
  }
  return new ApiError(status, 'bad_response', `The app server answered ${label} without an explanation.`);
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Reads `details.fields[]`, skipping malformed entries rather than trusting the shape. */
export function fieldErrorsOf(details: unknown): FieldError[] {
  if (typeof details !== 'object' || details === null) return [];
  const fields = (details as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field: unknown) => {
    if (typeof field !== 'object' || field === null) return [];
    const { path, message } = field as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** Any thrown value as a user-facing sentence. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong; try again.';
}

/** A fetch (or a task) aborted on purpose: let it through untouched, it is no failure to show. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}
