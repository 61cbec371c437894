/**
 * SOQL failures as Salesforce reports them. The REST layer turns a SoqlError into
 * `[{ message, errorCode }]` with status 400.
 */

export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  /** Wrong operator or literal for a field's type, e.g. `Id = 'abc'` or LIKE on a boolean. */
  | 'INVALID_QUERY_FILTER_OPERATOR'
  /** OFFSET above 2,000. */
  | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  override readonly name = 'SoqlError';
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

/**
 * Salesforce prefixes most query errors with the offending line, a caret under the token, and
 * "ERROR at Row:r:Column:c". The parser AST carries no positions, so we locate the token's first
 * whole-word occurrence outside string literals; when it cannot be found the bare text is used.
 */
export function atToken(soql: string, token: string | undefined, text: string): string {
  const index = token === undefined ? -1 : findToken(soql, token);
  if (index < 0) return text;
  const before = soql.slice(0, index);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', index);
  const line = soql.slice(lineStart, lineEnd < 0 ? soql.length : lineEnd);
  const column = index - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${text}`;
}

function findToken(soql: string, token: string): number {
  const needle = token.toLowerCase();
  const haystack = soql.toLowerCase();
  let inString = false;
  for (let i = 0; i < haystack.length; i++) {
    const ch = haystack[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (ch === "'") {
      inString = true;
      continue;
    }
    if (haystack.startsWith(needle, i) && isBoundary(haystack[i - 1]) && isBoundary(haystack[i + needle.length])) {
      return i;
    }
  }
  return -1;
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || !/[a-z0-9_]/.test(ch);
}

export function invalidType(soql: string, sobject: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    atToken(
      soql,
      sobject,
      `sObject type '${sobject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );
}

export function noSuchColumn(soql: string, written: string, column: string, entity: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    atToken(
      soql,
      written,
      `No such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );
}

export function noSuchRelationship(soql: string, written: string, relationship: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    atToken(
      soql,
      written,
      `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  );
}

export function malformed(soql: string, token: string | undefined, text: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', atToken(soql, token, text));
}

/** A construct the real parser accepts but this emulator does not evaluate. */
export function unsupported(soql: string, token: string | undefined, what: string): SoqlError {
  return malformed(soql, token, `${what} is not supported by this emulator`);
}
