import type { Response } from 'express';

/**
 * Expected failures are values with literal codes. `httpStatusOf` is the one place that maps
 * them to HTTP; the error envelope is `{"error":{"code","message","details"?}}`.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'csrf_failed'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'bad_signature'
  | 'not_configured'
  | 'upstream_failed'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
    case 'bad_signature':
      return 401;
    case 'csrf_failed':
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'not_configured':
      return 422;
    case 'too_many_requests':
      return 429;
    case 'upstream_failed':
      return 502;
    case 'internal':
      return 500;
  }
}

export function sendError(res: Response, error: AppError): void {
  res.status(httpStatusOf(error.code)).json({
    error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
  });
}
