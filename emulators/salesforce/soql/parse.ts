import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { malformed } from './errors';
import { LruCache } from './lruCache';

const parsed = new LruCache<string, Query>(256);

/**
 * Parses SOQL with the real parser, remembering recent results. The returned AST is shared
 * between callers and must not be mutated.
 */
export function parseSoql(soql: string): Query {
  const cached = parsed.get(soql);
  if (cached) return cached;
  let query: Query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    throw parserFailure(soql, error);
  }
  parsed.set(soql, query);
  return query;
}

/**
 * The parser reports "… but found: 'X'" (or a lexing error with an offending character); Salesforce
 * reports "unexpected token: 'X'", with '<EOF>' when the query ends too early.
 */
function parserFailure(soql: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const found = /but found:? (?:--> )?'([^']*)'/.exec(message);
  if (found) {
    const token = found[1] ?? '';
    return token === '' ? malformed(soql, undefined, `unexpected token: '<EOF>'`) : malformed(soql, token, `unexpected token: '${token}'`);
  }
  const character = /unexpected character: ->(.)<-/.exec(message);
  if (character) return malformed(soql, undefined, `unexpected character: '${character[1] ?? ''}'`);
  return malformed(soql, undefined, message.split('\n')[0] ?? 'unparseable query');
}
