/**
 * The tab registry's pure half: what a tab is, how a URL picks one, and how arrow keys move
 * between them (WAI-ARIA tabs pattern, automatic activation). No DOM, so it is unit-tested.
 */
export interface TabDefinition<Content = unknown> {
  /** Stable id, used for element ids and `data-testid`s (`tab-<id>`). */
  id: string;
  /** The label as the tab shows it, e.g. `SUMMARY`. */
  label: string;
  /** The URL path that opens this tab, e.g. `/summary`; a reload keeps the tab. */
  path: string;
  /** Renders the tab's panel content (a Lit template); called only while the tab is active. */
  render: () => Content;
}

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const PATH_PATTERN = /^\/[a-z0-9-]+$/;

/** Checks the registry once at start-up, so a mistyped entry fails loudly rather than hiding a tab. */
export function defineTabs<Content>(tabs: readonly TabDefinition<Content>[]): readonly TabDefinition<Content>[] {
  if (tabs.length === 0) throw new Error('The admin UI needs at least one tab.');
  const seenIds = new Set<string>();
  const seenPaths = new Set<string>();
  for (const tab of tabs) {
    if (!ID_PATTERN.test(tab.id)) throw new Error(`Tab id "${tab.id}" must be lower-case letters, digits and dashes.`);
    if (!PATH_PATTERN.test(tab.path)) throw new Error(`Tab "${tab.id}" path "${tab.path}" must look like /name.`);
    if (!tab.label.trim()) throw new Error(`Tab "${tab.id}" needs a label.`);
    if (seenIds.has(tab.id)) throw new Error(`Two tabs have the id "${tab.id}".`);
    if (seenPaths.has(tab.path)) throw new Error(`Two tabs have the path "${tab.path}".`);
    seenIds.add(tab.id);
    seenPaths.add(tab.path);
  }
  return Object.freeze([...tabs]);
}

/** The tab a URL path opens: an exact match (ignoring a trailing slash and case), else the first tab. */
export function tabForPath<T extends TabDefinition>(tabs: readonly T[], pathname: string): T {
  const normalized = pathname.replace(/\/+$/, '').toLowerCase();
  const first = tabs[0];
  if (!first) throw new Error('The admin UI needs at least one tab.');
  return tabs.find((tab) => tab.path === normalized) ?? first;
}

/**
 * Where a key press on the tab list moves the selection: arrows wrap around, Home and End jump
 * to the ends. Any other key returns undefined (the browser keeps its default).
 */
export function tabIndexAfterKey(key: string, current: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
