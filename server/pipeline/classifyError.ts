import { PagerDutyApiError, PagerDutyNetworkError } from '../vendors/pagerduty/client';
import { PagerDutyNotConfigured } from '../vendors/pagerduty/session';
import { SalesforceSettingsIncomplete } from '../vendors/salesforce/connect';
import { RulesCompileError } from './rulesCache';
import { SalesforceRecordError } from '../vendors/salesforce/batchingWriter';
import type { FailureClass } from './worker';
import { ActionRejected } from './actionErrors';

/** Salesforce error codes that a retry cannot fix: the data or the configuration must change. */
const PERMANENT_SALESFORCE_CODES = new Set([
  'REQUIRED_FIELD_MISSING',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'STRING_TOO_LONG',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_TYPE',
  'MALFORMED_ID',
  'ENTITY_IS_DELETED',
  'NOT_FOUND',
  'INVALID_CROSS_REFERENCE_KEY',
  'JSON_PARSER_ERROR',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
]);

/**
 * Decides, for an error thrown by a task, whether to retry, how long to wait at least, and
 * what to tell the admin. Outages (network, 5xx, 429, expired sessions, revoked keys, spent
 * API allocation) are retried, so the engine recovers by itself when they clear; bad data is
 * not.
 */
export function classifyError(error: unknown): FailureClass {
  if (error instanceof ActionRejected) return { retryable: false, message: error.message, hint: error.hint };
  if (error instanceof PagerDutyApiError) {
    const text = `PagerDuty ${error.status}${error.code ? ` (code ${error.code})` : ''}: ${error.message}${error.errors.length ? ` — ${error.errors.join('; ')}` : ''}`;
    if (error.status === 429) {
      return {
        retryable: true,
        retryAfterMs: (error.retryAfterSeconds ?? 5) * 1000,
        message: text,
        hint: 'PagerDuty rate-limited the key; the engine waits for the limit to reset.',
      };
    }
    if (error.status >= 500) return { retryable: true, message: text, hint: 'PagerDuty had a server error; the engine retries with backoff.' };
    if (error.status === 401)
      return {
        retryable: true,
        retryAfterMs: 30_000,
        message: text,
        hint: 'PagerDuty rejected the REST API key: enter a valid key on CONNECTIONS; waiting events resume then.',
      };
    if (error.status === 403)
      return {
        retryable: true,
        retryAfterMs: 30_000,
        message: text,
        hint: 'The key may not write (read-only) or lacks permission: use a full-access key on CONNECTIONS.',
      };
    if (error.status === 402) return { retryable: false, message: text, hint: "The PagerDuty account's plan lacks a feature this action needs." };
    if (error.status === 404)
      return { retryable: false, message: text, hint: 'The incident, service or user no longer exists in PagerDuty: update the rule or the link.' };
    return { retryable: false, message: text, hint: hintForPagerDuty400(error) };
  }
  if (error instanceof PagerDutyNetworkError)
    return { retryable: true, message: error.message, hint: 'PagerDuty could not be reached; the engine retries with backoff.' };
  if (error instanceof PagerDutyNotConfigured)
    return { retryable: true, retryAfterMs: 60_000, message: error.message, hint: 'Connect PagerDuty on CONNECTIONS; waiting events resume then.' };
  if (error instanceof SalesforceSettingsIncomplete)
    return {
      retryable: true,
      retryAfterMs: 60_000,
      message: error.message,
      hint: 'Complete the Salesforce connection on CONNECTIONS; waiting events resume then.',
    };
  if (error instanceof RulesCompileError)
    return { retryable: true, retryAfterMs: 60_000, message: error.message, hint: 'Open RULESETS and fix the rules listed; then retry this item.' };

  const sf = error as { errorCode?: string; name?: string; message?: string; code?: string; cause?: { code?: string } };
  const code = error instanceof SalesforceRecordError ? error.errorCode : (sf.errorCode ?? sf.name ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code && PERMANENT_SALESFORCE_CODES.has(code)) {
    const fields = error instanceof SalesforceRecordError && error.fields.length ? ` (fields: ${error.fields.join(', ')})` : '';
    return { retryable: false, message: `Salesforce ${code}: ${message}${fields}`, hint: hintForSalesforce(code) };
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return {
      retryable: true,
      retryAfterMs: 15 * 60_000,
      message: `Salesforce ${code}: ${message}`,
      hint: "The org's daily API allocation is spent; the engine waits and resumes as the 24-hour window rolls.",
    };
  }
  if (code === 'INVALID_SESSION_ID' || /INVALID_LOGIN|invalid_grant/.test(`${code} ${message}`)) {
    return {
      retryable: true,
      retryAfterMs: 30_000,
      message: `Salesforce ${code || 'login'}: ${message}`,
      hint: 'The Salesforce session or credentials stopped working: test the connection on CONNECTIONS.',
    };
  }
  return { retryable: true, message: message || 'Unknown error', hint: 'Unexpected error; the engine retries. If it keeps failing, check the app log.' };
}

function hintForPagerDuty400(error: PagerDutyApiError): string {
  const text = `${error.message} ${error.errors.join(' ')}`;
  if (/From/i.test(text)) return 'The integration user email (From) is not a PagerDuty user: fix it on OBJECT MAPPINGS or CONNECTIONS.';
  if (/service/i.test(text)) return "The rule's PagerDuty service is invalid or disabled: choose another service in the rule.";
  if (/priorit/i.test(text)) return "The rule's priority does not exist (or priorities are off in PagerDuty): choose another.";
  if (/escalation.?polic/i.test(text)) return "The rule's escalation policy does not exist in PagerDuty: choose another in the rule.";
  if (/escalation.?level/i.test(text)) return "The incident's escalation policy has no such level: choose a lower level in the rule.";
  if (/user|assignee/i.test(text)) return "A user in the rule does not exist in PagerDuty: pick the rule's users again.";
  return 'PagerDuty rejected the request: check the rule action against PagerDuty.';
}

function hintForSalesforce(code: string): string {
  switch (code) {
    case 'REQUIRED_FIELD_MISSING':
      return 'Set every required Case field in the rule action.';
    case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
      return 'A picklist value in the rule is not allowed by the field: pick one of its values.';
    case 'STRING_TOO_LONG':
      return 'A value is longer than the field allows: shorten the template.';
    case 'ENTITY_IS_DELETED':
    case 'NOT_FOUND':
      return 'The Case was deleted in Salesforce.';
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return "A validation rule in Salesforce refused the change: adjust the rule's values or the validation rule.";
    default:
      return 'Salesforce refused the write: check the rule action against the Case fields.';
  }
}
