import type { CaseDescribeField } from './caseDescribe';
import { TEXT_LIKE_TYPES, WRITABLE_TEXT_TYPES, type ObjectMappingRequest } from '../../../contracts/authoring';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Checks the Case fields of an object mapping against the live describe: title and description
 * must exist and read as text; the incident number and URL fields must be updateable text fields
 * and not the same field.
 */
export function checkObjectMappingFields(mapping: ObjectMappingRequest, describe: readonly CaseDescribeField[]): FieldProblem[] {
  const byName = new Map(describe.map((field) => [field.name.toLowerCase(), field]));
  const problems: FieldProblem[] = [];
  const readable = (path: keyof ObjectMappingRequest, name: string | null, label: string) => {
    if (name === null) return;
    const field = byName.get(name.toLowerCase());
    if (!field) problems.push({ path, message: `The Case has no field ${name}` });
    else if (!TEXT_LIKE_TYPES.has(field.type)) problems.push({ path, message: `${field.label} (${field.type}) cannot be the ${label}: choose a text field` });
  };
  const writable = (path: keyof ObjectMappingRequest, name: string | null, what: string) => {
    if (name === null) return;
    const field = byName.get(name.toLowerCase());
    if (!field) problems.push({ path, message: `The Case has no field ${name}` });
    else if (!WRITABLE_TEXT_TYPES.has(field.type))
      problems.push({ path, message: `${field.label} (${field.type}) cannot hold the ${what}: choose a text or URL field` });
    else if (!field.updateable) problems.push({ path, message: `${field.label} is read-only in Salesforce: choose an updateable field` });
  };
  readable('titleField', mapping.titleField, 'Incident Title Field');
  readable('descriptionField', mapping.descriptionField, 'Incident Description Field');
  writable('incidentNumberField', mapping.incidentNumberField, 'incident number');
  writable('incidentUrlField', mapping.incidentUrlField, 'incident URL');
  if (mapping.incidentNumberField && mapping.incidentNumberField.toLowerCase() === mapping.incidentUrlField?.toLowerCase()) {
    problems.push({ path: 'incidentUrlField', message: 'Use different fields for the incident number and the incident URL' });
  }
  return problems;
}

/** The describe's spelling of a field name (the admin may have typed it in another case). */
export function canonicalFieldName(name: string | null, describe: readonly CaseDescribeField[]): string | null {
  if (name === null) return null;
  return describe.find((field) => field.name.toLowerCase() === name.toLowerCase())?.name ?? name;
}
