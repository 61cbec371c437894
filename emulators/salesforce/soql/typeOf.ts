import type { FieldTypeOf } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SoqlDataSource } from '../model';
import { nameObject } from '../schema/name';
import { malformed, noSuchRelationship, unsupported } from './errors';
import { isPolymorphic, relationshipField, resolveFieldPath, type FieldPath, type RelationshipStep } from './fieldPaths';

/** One `WHEN User THEN Username, Email` of a TYPEOF: the fields read when the lookup is a User. */
export interface TypeOfBranch {
  sobject: SObjectDef;
  paths: FieldPath[];
}

/**
 * `TYPEOF Owner WHEN User THEN … WHEN Group THEN … ELSE … END`, resolved against the describe:
 * per Salesforce's SOQL reference ("TYPEOF"), the field is a polymorphic relationship of the
 * queried object, each WHEN names one object it can point to and lists that object's fields,
 * and the ELSE fields are the Name object's, as they must exist on every target.
 */
export interface TypeOfItem {
  type: 'typeof';
  step: RelationshipStep;
  branches: TypeOfBranch[];
  /** The ELSE fields; undefined without ELSE (a record of another type then has no fields). */
  otherwise: FieldPath[] | undefined;
}

export function resolveTypeOf(soql: string, item: FieldTypeOf, source: SoqlDataSource, root: SObjectDef, alias: string | undefined): TypeOfItem {
  let written = item.field;
  if (alias && written.toLowerCase().startsWith(`${alias.toLowerCase()}.`)) written = written.slice(alias.length + 1);
  // The reference also allows a polymorphic field of a parent (`TYPEOF Account.Owner`); no
  // emulated object has one, so only the queried object's own relationships are served.
  if (written.includes('.')) throw unsupported(soql, 'TYPEOF', `TYPEOF on a parent's relationship (${written})`);
  const referenceField = relationshipField(root, written);
  if (!referenceField?.relationshipName) throw noSuchRelationship(soql, written, written);
  const relationshipName = referenceField.relationshipName;
  if (!isPolymorphic(referenceField)) {
    throw malformed(
      soql,
      written,
      `TYPEOF can only be used on a polymorphic relationship, and ${root.name}.${relationshipName} always points to ${referenceField.referenceTo.join(', ')}`,
    );
  }
  const branches: TypeOfBranch[] = [];
  let otherwise: FieldPath[] | undefined;
  for (const condition of item.conditions) {
    if (condition.type === 'ELSE') {
      const name = nameObject();
      otherwise = condition.fieldList.map((field) => resolveFieldPath(soql, source, name, field, undefined));
      continue;
    }
    const objectType = condition.objectType ?? '';
    const target = referenceField.referenceTo.find((candidate) => candidate.toLowerCase() === objectType.toLowerCase());
    if (!target) {
      throw malformed(soql, objectType, `${objectType} is not a type ${root.name}.${relationshipName} can point to (${referenceField.referenceTo.join(', ')})`);
    }
    const sobject = source.sobject(target);
    if (!sobject) throw unsupported(soql, objectType, `TYPEOF … WHEN ${target} (${target} is not an emulated object)`);
    if (branches.some((branch) => branch.sobject === sobject)) {
      throw malformed(soql, objectType, `duplicate WHEN ${sobject.name} in TYPEOF ${relationshipName}`);
    }
    branches.push({ sobject, paths: condition.fieldList.map((field) => resolveFieldPath(soql, source, sobject, field, undefined)) });
  }
  return { type: 'typeof', step: { referenceField, relationshipName, polymorphic: true }, branches, otherwise };
}
