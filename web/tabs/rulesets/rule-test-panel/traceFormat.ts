/** How the trace shows values: strings quoted, blanks named, lists joined. */
export function formatTraceValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (value === null || value === '') return '(blank)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map((item) => formatTraceValue(item)).join(', ');
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
