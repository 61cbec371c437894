import type { PagerDutyConnectionView, UpdatePagerDutyConnectionRequest } from '../../../../contracts/api';

/** What the admin is typing on the PagerDuty card. `apiKey` is empty unless a new key is typed. */
export interface PagerDutyDraft {
  apiUrl: string;
  fromEmail: string;
  apiKey: string;
}

export const PAGERDUTY_FIELD_LABELS: Readonly<Record<keyof PagerDutyDraft, string>> = {
  apiUrl: 'API base URL',
  apiKey: 'REST API key',
  fromEmail: 'Integration user email',
};

export function pagerDutyDraftFrom(view: PagerDutyConnectionView): PagerDutyDraft {
  return { apiUrl: view.apiUrl, fromEmail: view.fromEmail ?? '', apiKey: '' };
}

/** The PUT body: trimmed values, an empty email clears it, and the key only when one was typed. */
export function pagerDutyUpdateFrom(draft: PagerDutyDraft): UpdatePagerDutyConnectionRequest {
  const apiKey = draft.apiKey.trim();
  const fromEmail = draft.fromEmail.trim();
  return {
    apiUrl: draft.apiUrl.trim(),
    fromEmail: fromEmail || null,
    ...(apiKey ? { apiKey } : {}),
  };
}

/** Unsaved changes? (Tests run against saved settings, so the card says so when this is true.) */
export function isPagerDutyDirty(draft: PagerDutyDraft, view: PagerDutyConnectionView): boolean {
  return draft.apiKey.trim() !== '' || draft.apiUrl.trim() !== view.apiUrl || (draft.fromEmail.trim() || null) !== view.fromEmail;
}
