import { SalesforceError } from '../errors';
import type { SfRecord, SObjectDef } from '../model';
import { findField } from '../store';

/** A record as the REST API returns it: `attributes` first, then fields in describe order. */
export function renderRecord(def: SObjectDef, record: SfRecord, version: string, fieldNames?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` },
  };
  const fields = fieldNames ? fieldNames.map((name) => requireField(def, name)) : def.fields;
  for (const field of fields) out[field.name] = record[field.name] ?? null;
  return out;
}

function requireField(def: SObjectDef, name: string) {
  const field = findField(def, name);
  if (!field) {
    throw new SalesforceError(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return field;
}
