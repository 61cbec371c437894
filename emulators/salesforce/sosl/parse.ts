import { SalesforceError } from '../errors';

/** Which fields a search looks in (`IN … FIELDS`); SIDEBAR FIELDS is not served. */
export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

/** One object of `RETURNING Case(Id, Subject WHERE … ORDER BY … LIMIT n OFFSET n)`. */
export interface ReturningObject {
  name: string;
  /** The field list as written; empty: `Id` only, as Salesforce answers `RETURNING Case`. */
  fields: string;
  /** The rest of the parentheses (`WHERE …`, `ORDER BY …`, `LIMIT n`, `OFFSET n`), as written. */
  where?: string;
  orderBy?: string;
  limit?: number;
  offset?: number;
}

export interface SoslStatement {
  /** The text between the braces of `FIND {…}`, escapes kept. */
  search: string;
  group: SearchGroup;
  /** undefined without RETURNING: every searchable object, Id only. */
  returning: ReturningObject[] | undefined;
  limit: number | undefined;
}

const malformed = (message: string) => new SalesforceError('MALFORMED_SEARCH', message);
const unsupported = (what: string) => malformed(`${what} is not supported by this emulator; it serves FIND {…} IN … FIELDS RETURNING … LIMIT n`);

/**
 * Parses the SOSL forms the REST `search` resource takes, per Salesforce's SOSL reference
 * ("SOSL Syntax"): `FIND {SearchQuery} [IN ALL|NAME|EMAIL|PHONE FIELDS] [RETURNING
 * ObjectType[(FieldList [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n])], …] [LIMIT n]`. Any other
 * clause (WITH …, UPDATE …, USING …, IN SIDEBAR FIELDS) answers MALFORMED_SEARCH naming it.
 */
export function parseSosl(sosl: string): SoslStatement {
  const reader = new Reader(sosl);
  if (!reader.keyword('FIND') || reader.peekChar() !== '{') {
    throw malformed('No search term found. The search term must be enclosed in braces.');
  }
  const search = reader.braced();
  let group: SearchGroup = 'ALL';
  let returning: ReturningObject[] | undefined;
  let limit: number | undefined;
  while (!reader.atEnd()) {
    if (reader.keyword('IN')) {
      const word = reader.word().toUpperCase();
      if (word === 'SIDEBAR') throw unsupported('IN SIDEBAR FIELDS');
      if (word !== 'ALL' && word !== 'NAME' && word !== 'EMAIL' && word !== 'PHONE') throw malformed(`unexpected token: '${word || reader.rest()}'`);
      if (!reader.keyword('FIELDS')) throw malformed(`unexpected token: '${reader.word() || reader.rest()}'; expected FIELDS after IN ${word}`);
      group = word;
    } else if (reader.keyword('RETURNING')) {
      returning = [];
      do returning.push(returningObject(reader));
      while (reader.symbol(','));
    } else if (reader.keyword('LIMIT')) {
      limit = reader.integer('LIMIT');
    } else {
      const word = reader.word().toUpperCase();
      if (word === 'WITH' || word === 'UPDATE' || word === 'USING') throw unsupported(`${word} ${reader.word().toUpperCase()}`.trim());
      throw malformed(`unexpected token: '${word || reader.rest()}'`);
    }
  }
  return { search, group, returning, limit };
}

function returningObject(reader: Reader): ReturningObject {
  const name = reader.word();
  if (!name) throw malformed(`unexpected token: '${reader.rest() || '<EOF>'}'; RETURNING needs an object name`);
  if (reader.peekChar() !== '(') return { name, fields: '' };
  const inner = reader.parenthesized();
  const parts = splitObjectClauses(inner);
  const spec: ReturningObject = { name, fields: parts.fields };
  for (const [keyword, text] of parts.clauses) {
    if (text === '' && keyword !== 'USING' && keyword !== 'WITH') throw malformed(`unexpected token: '<EOF>'; ${keyword} in RETURNING ${name}(…) is empty`);
    if (keyword === 'WHERE') spec.where = text;
    else if (keyword === 'ORDER BY') spec.orderBy = text;
    else if (keyword === 'LIMIT') spec.limit = wholeNumber(text, 'LIMIT');
    else if (keyword === 'OFFSET') spec.offset = wholeNumber(text, 'OFFSET');
    else throw unsupported(`${keyword} in RETURNING ${name}(…)`);
  }
  if (parts.fields.trim() === '') throw malformed(`unexpected token: '${inner.trim().split(/\s+/)[0] ?? ')'}'; RETURNING ${name}(…) needs a field list`);
  return spec;
}

const OBJECT_CLAUSES = ['WHERE', 'ORDER BY', 'LIMIT', 'OFFSET', 'USING', 'WITH'];

/** Splits `Id, Subject WHERE a = 'x' ORDER BY b LIMIT 5` at its top-level keywords. */
function splitObjectClauses(inner: string): { fields: string; clauses: [string, string][] } {
  const found: { keyword: string; at: number; end: number }[] = [];
  let depth = 0;
  let quote = false;
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index];
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === "'") quote = false;
      continue;
    }
    if (char === "'") quote = true;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0 && /\s/.test(inner[index - 1] ?? ' ')) {
      for (const keyword of OBJECT_CLAUSES) {
        const match = new RegExp(`^${keyword.replace(' ', '\\s+')}\\b`, 'i').exec(inner.slice(index));
        if (match) {
          found.push({ keyword, at: index, end: index + match[0].length });
          index += match[0].length - 1;
          break;
        }
      }
    }
  }
  const fields = inner.slice(0, found[0]?.at ?? inner.length).trim();
  const clauses = found.map((clause, i): [string, string] => [clause.keyword, inner.slice(clause.end, found[i + 1]?.at ?? inner.length).trim()]);
  return { fields, clauses };
}

function wholeNumber(text: string, clause: string): number {
  if (!/^\d+$/.test(text)) throw malformed(`unexpected token: '${text || '<EOF>'}'; ${clause} takes a whole number`);
  return Number(text);
}

/** A cursor over the statement, skipping white space before each read. */
class Reader {
  #index = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.#skipSpace();
    return this.#index >= this.text.length;
  }

  peekChar(): string | undefined {
    this.#skipSpace();
    return this.text[this.#index];
  }

  rest(): string {
    this.#skipSpace();
    return this.text.slice(this.#index).split(/\s+/)[0] ?? '';
  }

  keyword(word: string): boolean {
    this.#skipSpace();
    const match = new RegExp(`^${word}\\b`, 'i').exec(this.text.slice(this.#index));
    if (match) this.#index += match[0].length;
    return match !== null;
  }

  symbol(char: string): boolean {
    if (this.peekChar() !== char) return false;
    this.#index += 1;
    return true;
  }

  word(): string {
    this.#skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.#index));
    if (!match) return '';
    this.#index += match[0].length;
    return match[0];
  }

  integer(clause: string): number {
    this.#skipSpace();
    const match = /^\d+/.exec(this.text.slice(this.#index));
    if (!match) throw malformed(`unexpected token: '${this.rest() || '<EOF>'}'; ${clause} takes a whole number`);
    this.#index += match[0].length;
    return Number(match[0]);
  }

  /** `{…}` with backslash escapes; the text inside, escapes kept for the term parser. */
  braced(): string {
    const start = this.#index + 1;
    for (let index = start; index < this.text.length; index++) {
      if (this.text[index] === '\\') index += 1;
      else if (this.text[index] === '}') {
        this.#index = index + 1;
        return this.text.slice(start, index);
      }
    }
    throw malformed('No search term found. The search term must be enclosed in braces.');
  }

  /** `(…)`, balanced and aware of quoted strings; the text inside. */
  parenthesized(): string {
    this.#skipSpace();
    const start = this.#index + 1;
    let depth = 0;
    let quote = false;
    for (let index = this.#index; index < this.text.length; index++) {
      const char = this.text[index];
      if (quote) {
        if (char === '\\') index += 1;
        else if (char === "'") quote = false;
      } else if (char === "'") quote = true;
      else if (char === '(') depth += 1;
      else if (char === ')' && --depth === 0) {
        this.#index = index + 1;
        return this.text.slice(start, index);
      }
    }
    throw malformed(`unexpected token: '<EOF>'; a parenthesis is not closed`);
  }

  #skipSpace(): void {
    while (this.#index < this.text.length && /\s/.test(this.text[this.#index] ?? '')) this.#index += 1;
  }
}
