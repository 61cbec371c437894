import { describe, expect, it } from 'vitest';
import { defineTabs, tabForPath, tabIndexAfterKey, type TabDefinition } from './registry';

const tab = (id: string, path = `/${id}`): TabDefinition<string> => ({ id, label: id.toUpperCase(), path, render: () => id });

describe('defineTabs', () => {
  it('accepts a well-formed registry and keeps its order', () => {
    const tabs = defineTabs([tab('summary'), tab('object-mappings'), tab('connections')]);
    expect(tabs.map((entry) => entry.id)).toEqual(['summary', 'object-mappings', 'connections']);
    expect(Object.isFrozen(tabs)).toBe(true);
  });

  it.each([
    ['an empty registry', [], 'at least one tab'],
    ['a duplicate id', [tab('summary'), tab('summary', '/other')], 'Two tabs have the id "summary"'],
    ['a duplicate path', [tab('summary'), tab('other', '/summary')], 'Two tabs have the path "/summary"'],
    ['a bad id', [tab('Summary Tab', '/summary')], 'must be lower-case'],
    ['a bad path', [tab('summary', 'summary')], 'must look like /name'],
    ['an empty label', [{ ...tab('summary'), label: ' ' }], 'needs a label'],
  ])('rejects %s', (_name, tabs, message) => {
    expect(() => defineTabs(tabs)).toThrow(message);
  });
});

describe('tabForPath', () => {
  const tabs = defineTabs([tab('summary'), tab('connections')]);

  it('picks the tab whose path matches', () => {
    expect(tabForPath(tabs, '/connections').id).toBe('connections');
    expect(tabForPath(tabs, '/Connections/').id).toBe('connections');
  });

  it('falls back to the first tab for the root and unknown paths', () => {
    expect(tabForPath(tabs, '/').id).toBe('summary');
    expect(tabForPath(tabs, '').id).toBe('summary');
    expect(tabForPath(tabs, '/sync-log').id).toBe('summary');
  });
});

describe('tabIndexAfterKey', () => {
  it('moves with the arrow keys and wraps at both ends', () => {
    expect(tabIndexAfterKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabIndexAfterKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabIndexAfterKey('ArrowLeft', 0, 3)).toBe(2);
    expect(tabIndexAfterKey('ArrowLeft', 2, 3)).toBe(1);
  });

  it('jumps to the ends with Home and End', () => {
    expect(tabIndexAfterKey('Home', 2, 3)).toBe(0);
    expect(tabIndexAfterKey('End', 0, 3)).toBe(2);
  });

  it('ignores other keys and empty tab lists', () => {
    expect(tabIndexAfterKey('ArrowDown', 0, 3)).toBeUndefined();
    expect(tabIndexAfterKey('Enter', 0, 3)).toBeUndefined();
    expect(tabIndexAfterKey('ArrowRight', 0, 0)).toBeUndefined();
  });
});
