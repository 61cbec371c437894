import { AppError } from '../errors';
import { PagerDutyApiError, PagerDutyNetworkError } from '../pagerduty/client';
import { PagerDutyNotConfigured } from '../pagerduty/session';

/** Turns what a PagerDuty call threw into the error an admin endpoint answers (anything else is rethrown). */
export function pagerDutyFailure(error: unknown, doing: string): AppError {
  if (error instanceof PagerDutyNotConfigured) return new AppError('not_configured', error.message);
  if (error instanceof PagerDutyApiError) {
    const hint =
      error.status === 401
        ? ' Check the REST API key on the CONNECTIONS tab.'
        : error.status === 403
          ? ' The API key is read-only or lacks access to webhook subscriptions: use a full-access key.'
          : error.status === 429
            ? ' The rate limit is spent: try again in a minute.'
            : '';
    return new AppError('upstream_failed', `PagerDuty refused to ${doing}: ${error.message} (HTTP ${error.status}).${hint}`, {
      status: error.status,
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.errors.length ? { errors: error.errors } : {}),
    });
  }
  if (error instanceof PagerDutyNetworkError) return new AppError('upstream_failed', `Could not ${doing}: ${error.message}.`);
  throw error;
}
