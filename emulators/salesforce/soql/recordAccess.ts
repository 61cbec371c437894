import type { SObjectDef, SfRecord, SoqlDataSource } from '../model';
import { nameFieldValue } from '../schema/name';
import type { FieldPath, RelationshipStep } from './fieldPaths';

export interface ParentRecord {
  sobject: SObjectDef;
  record: SfRecord;
}

/**
 * Reads field values through parent relationships for one query execution. Parent lookups are
 * memoised because thousands of Cases usually share a handful of owners and accounts.
 */
export class RecordAccess {
  private readonly parents = new Map<string, ParentRecord | null>();

  constructor(private readonly source: SoqlDataSource) {}

  parentOf(record: SfRecord, step: RelationshipStep): ParentRecord | null {
    const id = record[step.referenceField.name];
    if (typeof id !== 'string' || id === '') return null;
    let parent = this.parents.get(id);
    if (parent === undefined) {
      parent = this.source.recordById(id) ?? null;
      this.parents.set(id, parent);
    }
    return parent;
  }

  /**
   * The value at the end of the path; null when a lookup on the way is empty. After a
   * polymorphic lookup the field is the Name object's, read from the record it points to.
   */
  valueOf(record: SfRecord, path: FieldPath): unknown {
    let current: SfRecord = record;
    let viaName: ParentRecord | undefined;
    for (const step of path.steps) {
      const parent = this.parentOf(current, step);
      if (!parent) return null;
      current = parent.record;
      viaName = step.polymorphic ? parent : undefined;
    }
    return viaName ? nameFieldValue(viaName.sobject, viaName.record, path.field.name) : (current[path.field.name] ?? null);
  }
}
