import { AppError } from '../../errors';
import { PagerDutyApiError, PagerDutyNetworkError } from '../../vendors/pagerduty/client';
import { PagerDutyNotConfigured } from '../../vendors/pagerduty/session';
import { SalesforceSettingsIncomplete } from '../../vendors/salesforce/connect';

/**
 * The one place where a failed Salesforce or PagerDuty call made for an admin endpoint becomes the
 * error envelope: "not connected" is 422 not_configured (fix it on CONNECTIONS); anything the vendor
 * answered, or failed to answer, is 502 upstream_failed with what it said and what to do about it.
 * `doing` completes "… failed while": e.g. `provisioning the webhook subscription`.
 */
export function salesforceFailure(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SalesforceSettingsIncomplete) {
    return new AppError('not_configured', `Salesforce is not connected: ${error.message} Open CONNECTIONS to finish it.`);
  }
  const err = error as { errorCode?: string; name?: string; message?: string } | null | undefined;
  const code = err?.errorCode ?? err?.name;
  return new AppError('upstream_failed', `Salesforce failed while ${doing}: ${err?.message ?? String(error)}`, code ? { vendorCode: code } : undefined);
}

export function pagerDutyFailure(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof PagerDutyNotConfigured) return new AppError('not_configured', error.message);
  if (error instanceof PagerDutyApiError) {
    const detail = `${error.message}${error.errors.length ? ` (${error.errors.join('; ')})` : ''} (HTTP ${error.status})`;
    return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${detail}.${pagerDutyHint(error.status)}`, {
      vendorStatus: error.status,
      ...(error.code === undefined ? {} : { vendorCode: error.code }),
    });
  }
  if (error instanceof PagerDutyNetworkError) return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${error.message}.`);
  return new AppError('upstream_failed', `PagerDuty failed while ${doing}: ${(error as Error | null)?.message ?? String(error)}`);
}

function pagerDutyHint(status: number): string {
  switch (status) {
    case 401:
      return ' Check the REST API key on CONNECTIONS.';
    case 403:
      return ' The API key is read-only or lacks access to this resource: use a full-access key.';
    case 429:
      return ' The rate limit is spent: try again in a minute.';
    default:
      return '';
  }
}
