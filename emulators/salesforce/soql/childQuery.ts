import type { Subquery } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SfRecord, SoqlDataSource } from '../model';
import type { Predicate } from './condition';
import { noSuchRelationship, unsupported } from './errors';
import { compileWhere } from './filter';
import { resolveOrderBy, sortRecords, type SortKey } from './orderBy';
import type { RecordAccess } from './recordAccess';
import { resolveSelectList, type SelectedItem } from './selectList';

/** A compiled child relationship subquery: `(SELECT Id, CommentBody FROM CaseComments WHERE …)`. */
export interface ChildPlan {
  /** As the parent's describe spells it, e.g. `CaseComments`; also the key in the response. */
  relationshipName: string;
  sobject: SObjectDef;
  /** The child's reference field pointing at the parent, e.g. `ParentId`. */
  parentField: string;
  predicate: Predicate | undefined;
  sortKeys: SortKey[];
  limit: number | undefined;
  items: SelectedItem[];
}

export function planChildQuery(soql: string, subquery: Subquery, source: SoqlDataSource, parent: SObjectDef, now: Date): ChildPlan {
  const wanted = subquery.relationshipName.toLowerCase();
  const relationship = parent.childRelationships.find((child) => child.relationshipName?.toLowerCase() === wanted);
  const sobject = relationship ? source.sobject(relationship.childSObject) : undefined;
  if (!relationship || !relationship.relationshipName || !sobject) {
    throw noSuchRelationship(soql, subquery.relationshipName, subquery.relationshipName);
  }
  if (subquery.offset !== undefined) throw unsupported(soql, 'OFFSET', 'OFFSET in a subquery');
  if (subquery.groupBy || subquery.having) throw unsupported(soql, 'GROUP', 'GROUP BY in a subquery');
  const select = resolveSelectList(soql, subquery, source, sobject, { inSubquery: true });
  if (select.type !== 'fields') throw unsupported(soql, subquery.relationshipName, 'An aggregate in a subquery');
  return {
    relationshipName: relationship.relationshipName,
    sobject,
    parentField: relationship.field,
    predicate: compileWhere(soql, subquery, source, sobject, now),
    sortKeys: resolveOrderBy(soql, subquery, source, sobject),
    limit: subquery.limit,
    items: select.items,
  };
}

/**
 * Child rows per parent, for one query execution. Each subquery scans its child object once,
 * filters and sorts, then groups by parent Id, so rendering N parents costs one pass, not N.
 */
export class ChildRows {
  private readonly groups = new Map<ChildPlan, Map<string, SfRecord[]>>();

  constructor(
    private readonly source: SoqlDataSource,
    private readonly access: RecordAccess,
    private readonly includeDeleted: boolean,
  ) {}

  rowsFor(plan: ChildPlan, parentId: string): SfRecord[] {
    let byParent = this.groups.get(plan);
    if (!byParent) {
      byParent = this.group(plan);
      this.groups.set(plan, byParent);
    }
    const rows = byParent.get(parentId.slice(0, 15)) ?? [];
    return plan.limit === undefined ? rows : rows.slice(0, plan.limit);
  }

  private group(plan: ChildPlan): Map<string, SfRecord[]> {
    const matching: SfRecord[] = [];
    for (const record of this.source.records(plan.sobject.name)) {
      if (!this.includeDeleted && record.IsDeleted === true) continue;
      if (typeof record[plan.parentField] !== 'string') continue;
      if (plan.predicate && !plan.predicate(record, this.access)) continue;
      matching.push(record);
    }
    const byParent = new Map<string, SfRecord[]>();
    for (const record of sortRecords(matching, plan.sortKeys, this.access)) {
      const key = String(record[plan.parentField]).slice(0, 15);
      const list = byParent.get(key);
      if (list) list.push(record);
      else byParent.set(key, [record]);
    }
    return byParent;
  }
}
