import type { Query } from '@jetstreamapp/soql-parser-js';
import type { SfRecord, SoqlDataSource } from '../model';
import { aggregateRow } from './aggregate';
import { ChildRows, planChildQuery } from './childQuery';
import { SoqlError, invalidType, unsupported } from './errors';
import { compileWhere } from './filter';
import { resolveOrderBy, sortRecords } from './orderBy';
import { parseSoql } from './parse';
import { buildProjection, renderRecord } from './projection';
import { RecordAccess } from './recordAccess';
import { resolveSelectList } from './selectList';

export interface SoqlOptions {
  /** The emulator clock's current time; date literals such as TODAY are computed from it (UTC). */
  now: Date;
  /** true for `queryAll`: records with `IsDeleted: true` are returned too. */
  includeDeleted: boolean;
  /** API version for record URLs, e.g. `'59.0'`. */
  apiVersion: string;
}

export interface SoqlResult {
  totalSize: number;
  done: true;
  records: Record<string, unknown>[];
}

const MAX_OFFSET = 2000;

/** Runs one SOQL query against the data source and answers as Salesforce's REST `query` does. */
export function executeSoql(soql: string, source: SoqlDataSource, options: SoqlOptions): SoqlResult {
  if (typeof soql !== 'string' || soql.trim() === '') {
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '<EOF>'`);
  }
  const query = parseSoql(soql);
  rejectUnsupportedClauses(soql, query);

  const objectName = query.sObject ?? '';
  const root = source.sobject(objectName);
  if (!root) throw invalidType(soql, objectName);

  const select = resolveSelectList(soql, query, source, root, { inSubquery: false });
  // Built before scanning so errors in subqueries surface even when nothing matches.
  const projection = select.type === 'fields' ? buildProjection(select.items, (item) => planChildQuery(soql, item.subquery, source, root, options.now)) : [];
  const predicate = compileWhere(soql, query, source, root, options.now);
  const sortKeys = resolveOrderBy(soql, query, source, root);
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }

  const access = new RecordAccess(source);
  const matched: SfRecord[] = [];
  for (const record of source.records(root.name)) {
    if (!options.includeDeleted && record.IsDeleted === true) continue;
    if (predicate && !predicate(record, access)) continue;
    matched.push(record);
  }

  if (select.type === 'count') {
    return { totalSize: window(matched.length, offset, query.limit).length, done: true, records: [] };
  }
  if (select.type === 'aggregate') {
    return { totalSize: 1, done: true, records: [aggregateRow(matched, select.items, access)] };
  }

  const ordered = sortRecords(matched, sortKeys, access);
  const { start, length } = window(ordered.length, offset, query.limit);
  const page = ordered.slice(start, start + length);
  const context = {
    access,
    children: new ChildRows(source, access, options.includeDeleted),
    apiVersion: options.apiVersion.replace(/^v/i, ''),
  };
  return {
    totalSize: page.length,
    done: true,
    records: page.map((record) => renderRecord(root, record, projection, context)),
  };
}

function window(total: number, offset: number, limit: number | undefined): { start: number; length: number } {
  const start = Math.min(offset, total);
  const length = Math.max(0, Math.min(total - start, limit ?? Number.POSITIVE_INFINITY));
  return { start, length };
}

function rejectUnsupportedClauses(soql: string, query: Query): void {
  if (query.groupBy) throw unsupported(soql, 'GROUP', 'GROUP BY');
  if (query.having) throw unsupported(soql, 'HAVING', 'HAVING');
  if (query.usingScope) throw unsupported(soql, 'USING', 'USING SCOPE');
  if (query.withDataCategory) throw unsupported(soql, 'WITH', 'WITH DATA CATEGORY');
  if (query.for) throw unsupported(soql, 'FOR', `FOR ${query.for}`);
  if (query.update) throw unsupported(soql, 'UPDATE', `UPDATE ${query.update}`);
  // WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE are accepted: the emulator has no
  // field-level security, so every field is visible in every mode.
}
