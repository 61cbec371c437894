import { SalesforceError } from '../errors';

/**
 * The search string of a SOSL `FIND {…}` (or parameterizedSearch's `q`), as Salesforce's SOSL
 * reference ("FIND {SearchQuery}") defines it: words and "quoted phrases", joined by AND (also
 * implied by a space), OR and AND NOT, grouped with parentheses; `*` matches zero or more
 * characters and `?` exactly one; reserved characters are escaped with a backslash; matching
 * ignores case and looks at whole words.
 *
 * Written by hand: no maintained JavaScript SOSL parser exists (soql-parser-js parses SOQL only).
 */
export type SearchExpr =
  | { type: 'term'; tokens: TokenMatcher[] }
  | { type: 'and'; left: SearchExpr; right: SearchExpr }
  | { type: 'or'; left: SearchExpr; right: SearchExpr }
  | { type: 'andNot'; left: SearchExpr; right: SearchExpr };

/** One word of a term: compared exactly, or by pattern when it holds a wildcard. */
type TokenMatcher = string | RegExp;

/** The words of a field value: runs of letters and digits, lower-cased. */
export function wordsOf(value: string): string[] {
  return value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

type Lexeme = { type: 'word' | 'phrase'; text: string } | { type: 'and' | 'or' | 'not' | 'open' | 'close' };

export function parseSearchTerms(search: string): SearchExpr {
  const lexemes = lex(search);
  const significant = lexemes.flatMap((lexeme) => ('text' in lexeme ? [lexeme.text.replace(/[*?]/g, '')] : [])).join('');
  if (wordsOf(significant).join('').length < 2) {
    throw new SalesforceError('INVALID_SEARCH', `search term must be longer than one character: ${search.trim()}`);
  }
  let position = 0;
  const peek = () => lexemes[position];
  const fail = (what: string): never => {
    throw new SalesforceError('MALFORMED_SEARCH', `${what} in the search term: ${search.trim()}`);
  };

  const primary = (): SearchExpr => {
    const lexeme = lexemes[position++];
    if (!lexeme) return fail('A word is missing at the end');
    if (lexeme.type === 'open') {
      const inner = orExpr();
      if (lexemes[position++]?.type !== 'close') fail('A closing parenthesis is missing');
      return inner;
    }
    if (lexeme.type === 'word' || lexeme.type === 'phrase') {
      const tokens = termTokens(lexeme.text);
      return tokens.length === 0 ? fail(`"${lexeme.text}" has no letters or digits`) : { type: 'term', tokens };
    }
    return fail(`Unexpected ${lexeme.type.toUpperCase()}`);
  };
  const andExpr = (): SearchExpr => {
    let left = primary();
    for (;;) {
      const next = peek();
      if (!next || next.type === 'or' || next.type === 'close') return left;
      if (next.type === 'and' && lexemes[position + 1]?.type === 'not') {
        position += 2;
        left = { type: 'andNot', left, right: primary() };
      } else {
        if (next.type === 'and') position += 1;
        left = { type: 'and', left, right: primary() };
      }
    }
  };
  const orExpr = (): SearchExpr => {
    let left = andExpr();
    while (peek()?.type === 'or') {
      position += 1;
      left = { type: 'or', left, right: andExpr() };
    }
    return left;
  };

  const expr = orExpr();
  if (position < lexemes.length) fail('An unmatched closing parenthesis');
  return expr;
}

function lex(search: string): Lexeme[] {
  const out: Lexeme[] = [];
  let index = 0;
  while (index < search.length) {
    const char = search[index] ?? '';
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      out.push({ type: char === '(' ? 'open' : 'close' });
      index += 1;
    } else if (char === '"') {
      const end = search.indexOf('"', index + 1);
      if (end === -1) throw new SalesforceError('MALFORMED_SEARCH', `A quoted phrase is not closed in the search term: ${search.trim()}`);
      out.push({ type: 'phrase', text: search.slice(index + 1, end) });
      index = end + 1;
    } else {
      let text = '';
      while (index < search.length && !/[\s()"]/.test(search[index] ?? '')) {
        // A backslash makes the next character a literal (`\-`, `\}`); it is not a wildcard then.
        if (search[index] === '\\' && index + 1 < search.length) {
          text += ` ${search[index + 1] === '*' || search[index + 1] === '?' ? '' : search[index + 1]} `;
          index += 2;
        } else {
          text += search[index] ?? '';
          index += 1;
        }
      }
      const upper = text.toUpperCase();
      if (upper === 'AND' || upper === 'OR' || upper === 'NOT') out.push({ type: upper.toLowerCase() as 'and' | 'or' | 'not' });
      else out.push({ type: 'word', text });
    }
  }
  return out;
}

/** A term's words (a phrase or a word with punctuation has several), wildcards as patterns. */
function termTokens(text: string): TokenMatcher[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}*?]+/gu) ?? [];
  return words
    .filter((word) => word.replace(/[*?]/g, '') !== '')
    .map((word) =>
      /[*?]/.test(word) ? new RegExp(`^${word.replace(/[*?]/g, (wildcard) => (wildcard === '*' ? '[\\p{L}\\p{N}]*' : '[\\p{L}\\p{N}]'))}$`, 'u') : word,
    );
}

/** Whether a record, given as the words of each searched field, matches the expression. */
export function matchesSearch(expr: SearchExpr, fields: string[][]): boolean {
  switch (expr.type) {
    case 'term':
      return fields.some((words) => containsSequence(words, expr.tokens));
    case 'and':
      return matchesSearch(expr.left, fields) && matchesSearch(expr.right, fields);
    case 'or':
      return matchesSearch(expr.left, fields) || matchesSearch(expr.right, fields);
    case 'andNot':
      return matchesSearch(expr.left, fields) && !matchesSearch(expr.right, fields);
  }
}

function containsSequence(words: string[], tokens: TokenMatcher[]): boolean {
  for (let start = 0; start + tokens.length <= words.length; start++) {
    if (tokens.every((token, offset) => matchesToken(token, words[start + offset] ?? ''))) return true;
  }
  return false;
}

function matchesToken(token: TokenMatcher, word: string): boolean {
  return typeof token === 'string' ? token === word : token.test(word);
}
