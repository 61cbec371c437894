import { describe, expect, it } from 'vitest';
import { PathMatcher } from './pathMatcher';

const matcher = new PathMatcher([
  '/users/{id}',
  '/users/me',
  '/incidents/{id}',
  '/incidents/{id}/notes',
  '/incidents/types/{type_id_or_name}',
  '/incidents/{id}/notes/{note_id}',
]);

describe('PathMatcher', () => {
  it('prefers a literal segment over a parameter, whatever the document order', () => {
    expect(matcher.match('/users/me')).toEqual({ template: '/users/me', pathParameters: {} });
    expect(matcher.match('/users/PABC123')).toEqual({ template: '/users/{id}', pathParameters: { id: 'PABC123' } });
  });

  it('prefers the template whose first differing segment is literal', () => {
    expect(matcher.match('/incidents/types/major')?.template).toBe('/incidents/types/{type_id_or_name}');
    expect(matcher.match('/incidents/Q1ABC/notes')).toEqual({ template: '/incidents/{id}/notes', pathParameters: { id: 'Q1ABC' } });
  });

  it('ignores the query string and fragment, and decodes parameters', () => {
    expect(matcher.match('/incidents/Q1ABC/notes?limit=10&offset=0')?.template).toBe('/incidents/{id}/notes');
    expect(matcher.match('/incidents/Q1%20AB/notes/N1#x')?.pathParameters).toEqual({ id: 'Q1 AB', note_id: 'N1' });
  });

  it('tolerates a trailing slash', () => {
    expect(matcher.match('/incidents/Q1/')?.template).toBe('/incidents/{id}');
  });

  it('matches nothing for unknown paths, extra segments or empty parameters', () => {
    expect(matcher.match('/nope')).toBeUndefined();
    expect(matcher.match('/incidents/Q1/notes/N1/extra')).toBeUndefined();
    expect(matcher.match('/incidents//notes')).toBeUndefined();
  });
});
