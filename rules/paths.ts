/**
 * Error paths in the form admins and API clients read: `rulesets[0].rules[2].conditions[1].field`.
 * One formatter so zod issues, compile errors and import errors all look alike.
 */

export type PathSegment = string | number;

export interface RuleError {
  /** Where the problem is, e.g. `rules[1].filterLogic.expression`. Empty for the whole document. */
  path: string;
  message: string;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export function joinPath(prefix: string, segments: readonly PathSegment[]): string {
  const rest = formatPath(segments);
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

/** Zod issues (v4 shape) → our errors, prefixed with where the parsed value sits. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): RuleError[] {
  return issues.map((issue) => ({
    path: joinPath(
      prefix,
      issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
    ),
    message: issue.message,
  }));
}
