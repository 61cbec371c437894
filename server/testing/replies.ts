import type { ApiErrorBody } from '../../contracts/api';

/**
 * An HTTP reply as the tests' clients answer it. The body is parsed JSON of unknown shape; a test
 * names the contract it expects once, where it reads the reply (`as Reply<WebhooksReply>`).
 */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export type ApiError = ApiErrorBody['error'];

/** The error envelope of a reply (`{"error":{"code","message","details"}}`); fails the test, saying what came instead, when there is none. */
export function errorOf(reply: { status: number; body: unknown }): ApiError {
  const error = typeof reply.body === 'object' && reply.body !== null ? (reply.body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) throw new Error(`HTTP ${reply.status} without an error envelope: ${JSON.stringify(reply.body)}`);
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string')
    throw new Error(`HTTP ${reply.status} with a malformed error envelope: ${JSON.stringify(error)}`);
  return { code, message, details };
}

/** The per-field errors of a 400 (`error.details.fields`), `[]` when it lists none. */
export function fieldErrorsOf(reply: { status: number; body: unknown }): { path: string; message: string }[] {
  const { details } = errorOf(reply);
  const fields = typeof details === 'object' && details !== null ? (details as { fields?: unknown }).fields : undefined;
  return Array.isArray(fields) ? (fields as { path: string; message: string }[]) : [];
}
