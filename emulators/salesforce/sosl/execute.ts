import { SalesforceError } from '../errors';
import type { FieldDef, FieldType, SObjectDef, SoqlDataSource } from '../model';
import { isSearchable } from '../schema/describe';
import { executeSoql, SoqlError } from '../soql';
import type { ReturningObject, SearchGroup, SoslStatement } from './parse';
import { matchesSearch, parseSearchTerms, wordsOf, type SearchExpr } from './searchTerms';

export interface SearchOptions {
  now: Date;
  apiVersion: string;
}

/** Salesforce returns at most 2,000 records per search. */
const MAX_SEARCH_RECORDS = 2000;
const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'email', 'phone', 'url']);

/**
 * Runs a parsed SOSL statement: the records of each RETURNING object (every searchable object
 * without RETURNING) whose searched fields match the terms, in RETURNING order, then each
 * object's field list, WHERE, ORDER BY, LIMIT and OFFSET applied by the SOQL engine to the
 * matching records. The reply is the REST `search` resource's `{searchRecords: [...]}`.
 */
export function executeSearch(statement: SoslStatement, source: SoqlDataSource, searchable: SObjectDef[], options: SearchOptions) {
  const expr = parseSearchTerms(statement.search);
  const objects: ReturningObject[] = statement.returning ?? searchable.filter(isSearchable).map((def) => ({ name: def.name, fields: '' }));
  const limit = Math.min(statement.limit ?? MAX_SEARCH_RECORDS, MAX_SEARCH_RECORDS);
  const searchRecords: Record<string, unknown>[] = [];
  for (const object of objects) {
    const def = source.sobject(object.name);
    if (!def || !isSearchable(def)) {
      throw new SalesforceError(
        'INVALID_TYPE',
        `sObject type '${object.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
      );
    }
    const ids = matchingIds(def, source, expr, statement.group);
    // The SOQL is built even for no match, so a bad field list or WHERE fails like in Salesforce.
    const rows = runReturning(def, object, ids, source, options);
    for (const row of rows) {
      if (searchRecords.length >= limit) return { searchRecords };
      searchRecords.push(row);
    }
  }
  return { searchRecords };
}

function searchedFields(def: SObjectDef, group: SearchGroup): FieldDef[] {
  return def.fields.filter((field) => {
    if (group === 'NAME') return field.nameField;
    if (group === 'EMAIL') return field.type === 'email';
    if (group === 'PHONE') return field.type === 'phone';
    // Formula and other computed fields are not in the search index.
    return TEXT_TYPES.has(field.type) && !field.calculated;
  });
}

function matchingIds(def: SObjectDef, source: SoqlDataSource, expr: SearchExpr, group: SearchGroup): string[] {
  const fields = searchedFields(def, group);
  const ids: string[] = [];
  for (const record of source.records(def.name)) {
    if (record.IsDeleted === true) continue;
    const words = fields.flatMap((field) => {
      const value = record[field.name];
      return typeof value === 'string' && value !== '' ? [wordsOf(value)] : [];
    });
    if (matchesSearch(expr, words)) ids.push(record.Id);
  }
  return ids;
}

function runReturning(def: SObjectDef, object: ReturningObject, ids: string[], source: SoqlDataSource, options: SearchOptions): Record<string, unknown>[] {
  // An Id that matches nothing keeps the SOQL valid when no record matched.
  const idList = ids.length > 0 ? ids.map((id) => `'${id}'`).join(', ') : `'${def.keyPrefix}000000000000'`;
  const soql = [
    `SELECT ${object.fields.trim() || 'Id'} FROM ${def.name} WHERE Id IN (${idList})`,
    object.where ? ` AND (${object.where})` : '',
    object.orderBy ? ` ORDER BY ${object.orderBy}` : '',
    object.limit !== undefined ? ` LIMIT ${object.limit}` : '',
    object.offset !== undefined ? ` OFFSET ${object.offset}` : '',
  ].join('');
  try {
    const result = executeSoql(soql, source, { now: options.now, includeDeleted: false, apiVersion: options.apiVersion });
    return ids.length > 0 ? result.records : [];
  } catch (error) {
    if (error instanceof SoqlError) throw new SalesforceError(error.errorCode, error.message);
    throw error;
  }
}
