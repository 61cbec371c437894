import type { FieldDef, SObjectDef, SoqlDataSource } from '../model';
import { nameObject } from '../schema/name';
import { noSuchColumn, noSuchRelationship } from './errors';

/** One hop through a lookup: `Account` in `Account.Name` via the `AccountId` field. */
export interface RelationshipStep {
  /** The reference field that holds the parent's Id (canonical name, e.g. `AccountId`). */
  referenceField: FieldDef;
  /** The relationship name as describe spells it (e.g. `Account`). */
  relationshipName: string;
  /**
   * A lookup to several objects (`Owner`: Group or User). Its fields are the `Name` object's,
   * read from whichever record it points to (schema/name.ts).
   */
  polymorphic: boolean;
}

/** A field reachable from the queried object, possibly through parent relationships. */
export interface FieldPath {
  steps: RelationshipStep[];
  /** The final field; after a polymorphic lookup, the `Name` object's. */
  field: FieldDef;
  /** Canonical dotted name (`Account.Owner.Name`), used to de-duplicate the select list. */
  canonical: string;
}

interface ObjectIndex {
  fieldCount: number;
  fields: Map<string, FieldDef>;
  relationships: Map<string, FieldDef>;
}

// Keyed by the fields array so a custom field added at runtime (a new array or a longer one)
// invalidates the index.
const indexes = new WeakMap<FieldDef[], ObjectIndex>();

function indexOf(sobject: SObjectDef): ObjectIndex {
  const existing = indexes.get(sobject.fields);
  if (existing && existing.fieldCount === sobject.fields.length) return existing;
  const index: ObjectIndex = { fieldCount: sobject.fields.length, fields: new Map(), relationships: new Map() };
  for (const field of sobject.fields) {
    index.fields.set(field.name.toLowerCase(), field);
    if (field.type === 'reference' && field.relationshipName) {
      index.relationships.set(field.relationshipName.toLowerCase(), field);
    }
  }
  indexes.set(sobject.fields, index);
  return index;
}

export function findField(sobject: SObjectDef, name: string): FieldDef | undefined {
  return indexOf(sobject).fields.get(name.toLowerCase());
}

function findRelationship(sobject: SObjectDef, name: string): FieldDef | undefined {
  return indexOf(sobject).relationships.get(name.toLowerCase());
}

/**
 * Resolves a dotted path as written in the query (`account.owner.name`, or `c.Subject` when the
 * query aliases its object as `c`) against the describe, with Salesforce's errors for unknown
 * columns and relationships.
 */
export function resolveFieldPath(soql: string, source: SoqlDataSource, root: SObjectDef, written: string, alias: string | undefined): FieldPath {
  let parts = written.split('.');
  if (alias && parts.length > 1 && parts[0]?.toLowerCase() === alias.toLowerCase()) parts = parts.slice(1);
  const fieldName = parts[parts.length - 1] ?? '';
  const relationshipNames = parts.slice(0, -1);

  let current: SObjectDef[] = [root];
  const steps: RelationshipStep[] = [];
  const canonicalParts: string[] = [];
  for (const name of relationshipNames) {
    const referenceField = firstDefined(current, (sobject) => findRelationship(sobject, name));
    if (!referenceField || !referenceField.relationshipName) {
      throw noSuchRelationship(soql, name, name);
    }
    const polymorphic = isPolymorphic(referenceField);
    steps.push({ referenceField, relationshipName: referenceField.relationshipName, polymorphic });
    canonicalParts.push(referenceField.relationshipName);
    current = polymorphic
      ? [nameObject()]
      : referenceField.referenceTo.map((target) => source.sobject(target)).filter((sobject): sobject is SObjectDef => sobject !== undefined);
    if (current.length === 0) throw noSuchRelationship(soql, name, name);
  }

  const field = firstDefined(current, (sobject) => findField(sobject, fieldName));
  if (!field) {
    const entity = current[0]?.name ?? root.name;
    throw noSuchColumn(soql, fieldName, fieldName, entity);
  }
  canonicalParts.push(field.name);
  return { steps, field, canonical: canonicalParts.join('.') };
}

/** As describe's `polymorphicForeignKey`: a lookup that may point to more than one object. */
export function isPolymorphic(field: FieldDef): boolean {
  return field.referenceTo.length > 1;
}

/** The relationship field (`Owner` → OwnerId) of an object, matched case-insensitively. */
export function relationshipField(sobject: SObjectDef, name: string): FieldDef | undefined {
  return findRelationship(sobject, name);
}

function firstDefined<T>(items: SObjectDef[], pick: (sobject: SObjectDef) => T | undefined): T | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
