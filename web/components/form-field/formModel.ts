import type { SecretState } from '../../../contracts/api';
import type { FieldError } from '../../api/apiError';

/**
 * What a write-only secret input shows when empty. The saved secret is never sent to the
 * browser; the server tells only whether one is set and, for long ones, its last characters.
 */
export function secretPlaceholder(state: SecretState): string {
  if (!state.set) return 'Not set';
  // The server's hint may already start with an ellipsis ("…wxyz"); show exactly one.
  return state.hint ? `•••• set (ends …${state.hint.replace(/^(…|\.\.\.)/, '')})` : '•••• set';
}

/** The first message per field, keyed by the top-level request field (`fields[].path`). */
export function fieldErrorMap(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { path, message } of errors) {
    const field = path.split('.')[0] ?? '';
    if (field && !map.has(field)) map.set(field, message);
  }
  return map;
}

/** One line for a toast: "API base URL: Enter the API base URL…; REST API key: …". */
export function describeFieldErrors(errors: readonly FieldError[], labels: Readonly<Record<string, string>>): string {
  return [...fieldErrorMap(errors)].map(([field, message]) => `${labels[field] ?? field}: ${message}`).join('; ');
}
