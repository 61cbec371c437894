import { AppError } from '../../errors';
import { PagerDutyApiError, PagerDutyNetworkError } from '../../pagerduty/client';
import { PagerDutyNotConfigured } from '../../pagerduty/session';
import { SalesforceSettingsIncomplete } from '../../salesforce/connect';

/**
 * Turns a failure of a Salesforce or PagerDuty call made for the authoring tabs into the error
 * envelope: "not connected" is 422 not_configured (fix it on CONNECTIONS), anything the vendor
 * answered or failed to answer is 502 upstream_failed with what it said.
 */
export function salesforceFailure(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SalesforceSettingsIncomplete) {
    return new AppError('not_configured', `Salesforce is not connected: ${error.message} Open CONNECTIONS to finish it.`);
  }
  const err = error as { errorCode?: string; name?: string; message?: string };
  const code = err?.errorCode ?? err?.name;
  return new AppError('upstream_failed', `Salesforce failed while ${doing}: ${err?.message ?? String(error)}`, code ? { vendorCode: code } : undefined);
}

export function pagerDutyFailure(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof PagerDutyNotConfigured) return new AppError('not_configured', error.message);
  if (error instanceof PagerDutyApiError) {
    const reason =
      error.status === 401
        ? 'the REST API key was rejected; check it on CONNECTIONS'
        : error.status === 429
          ? 'the rate limit is exhausted; try again in a minute'
          : `${error.message}${error.errors.length ? ` (${error.errors.join('; ')})` : ''}`;
    return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${reason}`, { vendorStatus: error.status });
  }
  if (error instanceof PagerDutyNetworkError) return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${error.message}`);
  return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${(error as Error)?.message ?? String(error)}`);
}
