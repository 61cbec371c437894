/**
 * CSV for spreadsheets (RFC 4180): fields with a comma, quote or line break are quoted, quotes
 * doubled, lines end in CRLF. Cells that a spreadsheet would run as a formula (starting with
 * = + - @, or a tab / carriage return that hides one) get a leading apostrophe, as OWASP
 * recommends against CSV injection: log text comes from Case and incident fields anyone can type.
 */
export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Objects and arrays (a job's result): as JSON.
  return JSON.stringify(value);
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
