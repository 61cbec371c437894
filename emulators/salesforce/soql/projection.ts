import type { SObjectDef, SfRecord } from '../model';
import { nameFieldValue } from '../schema/name';
import type { ChildPlan, ChildRows } from './childQuery';
import type { FieldPath, RelationshipStep } from './fieldPaths';
import type { RecordAccess } from './recordAccess';
import type { SelectedItem } from './selectList';

/**
 * The shape of each returned record: selected fields in select order, parent fields nested under
 * their relationship name (`Account: { attributes, Name }`), child subqueries as a nested query
 * result (`CaseComments: { totalSize, done, records }`), each name in the describe's casing.
 */
export type ProjectionNode =
  | { type: 'field'; name: string }
  | { type: 'parent'; relationshipName: string; step: RelationshipStep; children: ProjectionNode[] }
  | { type: 'children'; plan: ChildPlan; projection: ProjectionNode[] }
  | { type: 'typeof'; step: RelationshipStep; branches: Map<string, ProjectionNode[]>; otherwise: ProjectionNode[] | undefined };

export interface RenderContext {
  access: RecordAccess;
  children: ChildRows;
  apiVersion: string;
}

export function buildProjection(items: SelectedItem[], planChild: (item: Extract<SelectedItem, { type: 'children' }>) => ChildPlan): ProjectionNode[] {
  const root: ProjectionNode[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (item.type === 'children') {
      const plan = planChild(item);
      root.push({ type: 'children', plan, projection: buildProjection(plan.items, planChild) });
    } else if (item.type === 'typeof') {
      const paths = (list: FieldPath[]) =>
        buildProjection(
          list.map((path) => ({ type: 'path', path })),
          planChild,
        );
      root.push({
        type: 'typeof',
        step: item.step,
        branches: new Map(item.branches.map((branch) => [branch.sobject.name, paths(branch.paths)])),
        otherwise: item.otherwise && paths(item.otherwise),
      });
    } else {
      addPath(root, item.path, seen);
    }
  }
  return root;
}

function addPath(root: ProjectionNode[], path: FieldPath, seen: Set<string>): void {
  if (seen.has(path.canonical)) return;
  seen.add(path.canonical);
  let level = root;
  for (const step of path.steps) {
    let parent = level.find(
      (node): node is Extract<ProjectionNode, { type: 'parent' }> => node.type === 'parent' && node.relationshipName === step.relationshipName,
    );
    if (!parent) {
      parent = { type: 'parent', relationshipName: step.relationshipName, step, children: [] };
      level.push(parent);
    }
    level = parent.children;
  }
  level.push({ type: 'field', name: path.field.name });
}

export function recordUrl(apiVersion: string, sobject: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${sobject}/${id}`;
}

/**
 * How a record is read: as itself, or (behind a polymorphic lookup) as the Name object, whose
 * fields are read from it by schema/name.ts and whose `attributes.type` is `Name` while the URL
 * names the real object, as the REST API answers `Owner.Name` on a Case.
 */
type Reading = 'record' | 'name' | 'name-fields';

export function renderRecord(
  sobject: SObjectDef,
  record: SfRecord,
  nodes: ProjectionNode[],
  context: RenderContext,
  reading: Reading = 'record',
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: reading === 'name' ? 'Name' : sobject.name, url: recordUrl(context.apiVersion, sobject.name, record.Id) },
  };
  for (const node of nodes) {
    if (node.type === 'field') {
      out[node.name] = reading === 'record' ? (record[node.name] ?? null) : nameFieldValue(sobject, record, node.name);
    } else if (node.type === 'parent') {
      const parent = context.access.parentOf(record, node.step);
      out[node.relationshipName] = parent
        ? renderRecord(parent.sobject, parent.record, node.children, context, node.step.polymorphic ? 'name' : 'record')
        : null;
    } else if (node.type === 'typeof') {
      out[node.step.relationshipName] = renderTypeOf(record, node, context);
    } else {
      // Salesforce answers null, not an empty result, when a parent has no matching children.
      const rows = context.children.rowsFor(node.plan, record.Id);
      out[node.plan.relationshipName] =
        rows.length === 0
          ? null
          : {
              totalSize: rows.length,
              done: true,
              records: rows.map((row) => renderRecord(node.plan.sobject, row, node.projection, context)),
            };
    }
  }
  return out;
}

/**
 * A TYPEOF column: the WHEN branch of the record's actual type, with that type in `attributes`;
 * else the ELSE fields (Name object fields); else the attributes alone.
 */
function renderTypeOf(record: SfRecord, node: Extract<ProjectionNode, { type: 'typeof' }>, context: RenderContext): Record<string, unknown> | null {
  const parent = context.access.parentOf(record, node.step);
  if (!parent) return null;
  const branch = node.branches.get(parent.sobject.name);
  if (branch) return renderRecord(parent.sobject, parent.record, branch, context);
  return renderRecord(parent.sobject, parent.record, node.otherwise ?? [], context, 'name-fields');
}
