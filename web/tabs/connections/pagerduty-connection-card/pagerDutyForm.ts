import type { PagerDutyConnectionView, UpdatePagerDutyConnectionRequest } from '../../../../contracts/api';

/**
 * What the admin is typing on the PagerDuty card. `apiKey` is empty unless a new key is typed.
 * Custom headers are write-only like the key: the box starts empty and `replaceHeaders` says
 * whether what it holds replaces the saved headers (the admin typed in it, or chose to remove them).
 */
export interface PagerDutyDraft {
  apiUrl: string;
  fromEmail: string;
  apiKey: string;
  customHeaders: string;
  replaceHeaders: boolean;
}

export const PAGERDUTY_FIELD_LABELS: Readonly<Record<Exclude<keyof PagerDutyDraft, 'replaceHeaders'>, string>> = {
  apiUrl: 'API base URL',
  apiKey: 'REST API key',
  fromEmail: 'Integration user email',
  customHeaders: 'Custom headers',
};

export function pagerDutyDraftFrom(view: PagerDutyConnectionView): PagerDutyDraft {
  return { apiUrl: view.apiUrl, fromEmail: view.fromEmail ?? '', apiKey: '', customHeaders: '', replaceHeaders: false };
}

/**
 * The PUT body: trimmed values, an empty email clears it, the key only when one was typed, and
 * the headers only when they are to replace the saved ones (empty then removes them all).
 */
export function pagerDutyUpdateFrom(draft: PagerDutyDraft): UpdatePagerDutyConnectionRequest {
  const apiKey = draft.apiKey.trim();
  const fromEmail = draft.fromEmail.trim();
  return {
    apiUrl: draft.apiUrl.trim(),
    fromEmail: fromEmail || null,
    ...(apiKey ? { apiKey } : {}),
    ...(draft.replaceHeaders ? { customHeaders: draft.customHeaders } : {}),
  };
}

/** Unsaved changes? (Tests run against saved settings, so the card says so when this is true.) */
export function isPagerDutyDirty(draft: PagerDutyDraft, view: PagerDutyConnectionView): boolean {
  return (
    draft.apiKey.trim() !== '' ||
    draft.apiUrl.trim() !== view.apiUrl ||
    (draft.fromEmail.trim() || null) !== view.fromEmail ||
    (draft.replaceHeaders && (draft.customHeaders.trim() !== '' || view.customHeaders.length > 0))
  );
}

/** A saved header as the card lists it: its name and, like the key, only how its value ends. */
export function maskedHeader(header: PagerDutyConnectionView['customHeaders'][number]): string {
  const hint = header.value.hint?.replace(/^(…|\.\.\.)/, '');
  return `${header.name}: ••••${hint ? ` (ends …${hint})` : ''}`;
}
