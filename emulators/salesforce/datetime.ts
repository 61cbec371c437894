/** Salesforce's datetime format in REST responses: `2024-05-01T09:30:00.000+0000`. */
export function sfDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Parses an ISO 8601 datetime as Salesforce accepts it (`Z`, `+0000`, `+00:00`); NaN when invalid. */
export function parseSfDateTime(value: string): number {
  const normalized = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(normalized)) return Number.NaN;
  return Date.parse(normalized.includes('T') && !/(Z|[+-]\d{2}:\d{2})$/.test(normalized) ? normalized + 'Z' : normalized);
}
