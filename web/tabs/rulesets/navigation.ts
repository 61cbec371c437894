/**
 * Where the RULESETS tab is: the list, one ruleset's rules, or one rule's editor. Kept in the
 * URL hash (`#ruleset=<id>&rule=<id>`) because the shell routes by path only; a reload or the
 * Back button returns to the same place.
 */
export interface RulesetsLocation {
  rulesetId: string | null;
  ruleId: string | null;
}

export function parseLocation(hash: string): RulesetsLocation {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const rulesetId = params.get('ruleset') || null;
  return { rulesetId, ruleId: rulesetId ? params.get('rule') || null : null };
}

export function formatLocation(location: RulesetsLocation): string {
  if (!location.rulesetId) return '';
  const params = new URLSearchParams({ ruleset: location.rulesetId });
  if (location.ruleId) params.set('rule', location.ruleId);
  return `#${params.toString()}`;
}

/** Moves one item up (-1) or down (+1); out-of-range moves return the same order. */
export function move<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}
