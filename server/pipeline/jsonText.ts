/**
 * A value read from a vendor's JSON (a webhook's incident, a Case record) as text: strings as
 * they are, numbers and booleans printed, null and undefined empty, objects and arrays as JSON
 * rather than "[object Object]".
 */
export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
