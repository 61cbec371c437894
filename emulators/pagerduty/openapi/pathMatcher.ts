/**
 * Matching concrete request paths (`/incidents/Q1ABC/notes?x=1`) to the document's templates
 * (`/incidents/{id}/notes`). When several templates match, literal segments win over
 * parameters from left to right, so `/users/me` beats `/users/{id}` and
 * `/incidents/count` beats `/incidents/{id}`.
 */

interface CompiledTemplate {
  template: string;
  segments: Array<{ literal: string } | { parameter: string }>;
}

export interface PathMatch {
  template: string;
  pathParameters: Record<string, string>;
}

export class PathMatcher {
  private readonly bySegmentCount = new Map<number, CompiledTemplate[]>();

  constructor(templates: Iterable<string>) {
    for (const template of templates) {
      const segments = splitPath(template).map((segment) => {
        const parameter = /^\{([^}]+)\}$/.exec(segment);
        return parameter?.[1] !== undefined ? { parameter: parameter[1] } : { literal: segment };
      });
      const bucket = this.bySegmentCount.get(segments.length) ?? [];
      bucket.push({ template, segments });
      this.bySegmentCount.set(segments.length, bucket);
    }
    for (const bucket of this.bySegmentCount.values()) bucket.sort(compareSpecificity);
  }

  match(path: string): PathMatch | undefined {
    const segments = splitPath(stripQuery(path)).map(safeDecode);
    for (const candidate of this.bySegmentCount.get(segments.length) ?? []) {
      const pathParameters: Record<string, string> = {};
      const matches = candidate.segments.every((segment, index) => {
        const actual = segments[index] ?? '';
        if ('literal' in segment) return segment.literal === actual;
        if (actual === '') return false;
        pathParameters[segment.parameter] = actual;
        return true;
      });
      if (matches) return { template: candidate.template, pathParameters };
    }
    return undefined;
  }
}

export function stripQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Earlier literal segments sort first; ties keep the document's order. */
function compareSpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let index = 0; index < a.segments.length; index += 1) {
    const aLiteral = 'literal' in (a.segments[index] ?? {});
    const bLiteral = 'literal' in (b.segments[index] ?? {});
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}
