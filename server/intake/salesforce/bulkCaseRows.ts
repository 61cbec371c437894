import type { DescribeSObjectResult } from '@jsforce/jsforce-node';
import type { CaseRow } from './caseQuery';

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/**
 * A Case read from Bulk API 2.0 CSV, in the shape the REST query answers, so the inbox and the
 * snapshot diff see the same values whichever way a Case was read: every CSV cell is text, an
 * empty cell is null, and by the describe's type a checkbox becomes a boolean, a number a
 * number, and a datetime (`2024-05-01T12:00:00.000Z` in CSV) REST's `…+0000`.
 */
export function bulkCaseRow(cells: Record<string, string>, describe: Pick<DescribeSObjectResult, 'fields'>): CaseRow {
  const types = new Map(describe.fields.map((field) => [field.name, field.type]));
  const row: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(cells)) {
    const type = types.get(name);
    if (text === '') row[name] = null;
    else if (type === 'boolean') row[name] = text === 'true';
    else if (type !== undefined && NUMBER_TYPES.has(type)) row[name] = Number(text);
    else if (type === 'datetime') row[name] = text.replace(/Z$/, '+0000');
    else row[name] = text;
  }
  if (typeof row.Id !== 'string' || typeof row.SystemModstamp !== 'string' || typeof row.CreatedDate !== 'string') {
    throw new Error('A Bulk API 2.0 result row lacks Id, SystemModstamp or CreatedDate; the Case query must select them.');
  }
  return row as CaseRow;
}
