/** How the trace shows values: strings quoted, blanks named, lists joined. */
export function formatTraceValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (value === null || value === '') return '(blank)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map((item) => formatTraceValue(item)).join(', ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Strings quoted; an object (a field of a compound type) as JSON rather than "[object Object]".
  return JSON.stringify(value);
}
