import type { SObjectDef, SfRecord } from '../model';
import type { FieldPath } from './fieldPaths';
import type { RecordAccess } from './recordAccess';

/**
 * The shape of each returned record: selected fields in select order, parent fields nested under
 * their relationship name (`Account: { attributes, Name }`), each name in the describe's casing.
 */
export type ProjectionNode =
  | { type: 'field'; name: string }
  | { type: 'parent'; relationshipName: string; path: FieldPath['steps'][number]; children: ProjectionNode[] };

export function buildProjection(paths: FieldPath[]): ProjectionNode[] {
  const root: ProjectionNode[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path.canonical)) continue;
    seen.add(path.canonical);
    let level = root;
    for (const step of path.steps) {
      let parent = level.find(
        (node): node is Extract<ProjectionNode, { type: 'parent' }> =>
          node.type === 'parent' && node.relationshipName === step.relationshipName,
      );
      if (!parent) {
        parent = { type: 'parent', relationshipName: step.relationshipName, path: step, children: [] };
        level.push(parent);
      }
      level = parent.children;
    }
    level.push({ type: 'field', name: path.field.name });
  }
  return root;
}

export function recordUrl(apiVersion: string, sobject: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${sobject}/${id}`;
}

export function renderRecord(
  sobject: SObjectDef,
  record: SfRecord,
  nodes: ProjectionNode[],
  access: RecordAccess,
  apiVersion: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: sobject.name, url: recordUrl(apiVersion, sobject.name, record.Id) },
  };
  for (const node of nodes) {
    if (node.type === 'field') {
      out[node.name] = record[node.name] ?? null;
    } else {
      const parent = access.parentOf(record, node.path);
      out[node.relationshipName] = parent
        ? renderRecord(parent.sobject, parent.record, node.children, access, apiVersion)
        : null;
    }
  }
  return out;
}
