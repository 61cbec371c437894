import type { NextFunction, Request, Response } from 'express';

/**
 * PagerDuty's error envelope `{"error":{"message","code","errors"?}}` with the codes of
 * PagerDuty's "Errors" page (developer-docs docs/REST-API/14-Errors.md). Every failure a caller
 * can cause is thrown as a `PdError` and rendered here, so no handler writes an error body itself.
 */
export class PdError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: string[];

  constructor(status: number, code: number, message: string, errors: string[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

export interface PdErrorBody {
  error: { message: string; code: number; errors?: string[] };
}

export function errorBody(message: string, code: number, errors: string[] = []): PdErrorBody {
  return { error: errors.length > 0 ? { message, code, errors } : { message, code } };
}

export const invalidInput = (...errors: string[]): PdError => new PdError(400, 2001, 'Invalid Input Provided', errors);
export const notFound = (): PdError => new PdError(404, 2100, 'Not Found');
export const authenticationFailed = (): PdError => new PdError(401, 2006, 'Authentication failed');
export const accessDenied = (...errors: string[]): PdError => new PdError(403, 2010, 'Access Denied', errors);
export const rateLimitExceeded = (): PdError => new PdError(429, 2020, 'Rate Limit Exceeded');
export const missingAbility = (ability: string): PdError =>
  new PdError(402, 2014, 'Missing Account Ability', [`The account does not have the "${ability}" ability.`]);

export function sendPdError(res: Response, error: PdError): void {
  if (res.headersSent) return;
  res.status(error.status).json(errorBody(error.message, error.code, error.errors));
}

/** Maps body-parser failures (malformed JSON, too large) and anything unexpected to PagerDuty's shape. */
export function pdErrorHandler() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    sendPdError(res, toPdError(error));
  };
}

function toPdError(error: unknown): PdError {
  if (error instanceof PdError) return error;
  const parserType = (error as { type?: string } | null)?.type;
  if (parserType === 'entity.parse.failed') return invalidInput('The request body is not valid JSON.');
  if (parserType === 'entity.too.large') return new PdError(413, 2001, 'Invalid Input Provided', ['The request body is too large.']);
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
    return invalidInput('The request body encoding is not supported; send UTF-8 JSON.');
  }
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return invalidInput(String((error as { message?: unknown }).message));
  console.error('[pagerduty-emulator] unexpected error', error);
  return new PdError(500, 2000, 'An internal error has occurred. PagerDuty team has been notified.');
}
