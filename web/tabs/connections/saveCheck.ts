import type { ConnectionTestResult } from '../../../contracts/api';

export type ConnectionVendor = 'PagerDuty' | 'Salesforce';

/** What a connection card says after Save, from the check the save answered with. */
export interface SaveCheckNotice {
  /** `warning`: saved, but the settings do not work. */
  tone: 'success' | 'warning';
  toastTitle: string;
  /** "Saved, but PagerDuty refused the key: …" */
  headline: string;
  /** What to do about it. */
  hint?: string;
}

/** The check's reasons that mean the vendor refused the credentials themselves. */
const REFUSALS: Readonly<Record<ConnectionVendor, { what: string; reasons: ReadonlySet<string> }>> = {
  PagerDuty: { what: 'key', reasons: new Set(['invalid_key', 'read_only_key', 'forbidden']) },
  Salesforce: {
    what: 'login',
    reasons: new Set(['invalid_login', 'invalid_grant', 'invalid_client', 'security_token_required', 'password_expired', 'api_disabled']),
  },
};

export function saveCheckNotice(vendor: ConnectionVendor, test: ConnectionTestResult): SaveCheckNotice {
  if (test.ok) return { tone: 'success', toastTitle: `${vendor} settings saved`, headline: 'Saved: connection OK.' };
  const refusal = REFUSALS[vendor];
  const headline =
    test.reason !== undefined && refusal.reasons.has(test.reason)
      ? `Saved, but ${vendor} refused the ${refusal.what}: ${test.message}`
      : `Saved, but the connection does not work: ${test.message}`;
  return { tone: 'warning', toastTitle: `${vendor} settings saved, but they do not work`, headline, ...(test.hint ? { hint: test.hint } : {}) };
}
