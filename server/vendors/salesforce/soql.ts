/**
 * The escape sequences of a SOQL string literal, as Salesforce documents them ("Quoted String
 * Escape Sequences"): backslash, both quotes, newline, carriage return, tab, backspace and form
 * feed. `\%` and `\_` are left alone: they mean something only in LIKE patterns, which are never
 * built from values here.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** In a character class `\b` is the backspace, not a word boundary. */
const ESCAPED = /[\\'"\n\r\t\b\f]/g;

/**
 * A value as a quoted SOQL string literal, so whatever it holds (a typed Case number, an incident
 * URL, a record Id) is data and never ends the literal. For values only: field and object names
 * are never built from input.
 */
export function soqlString(value: string): string {
  return `'${value.replace(ESCAPED, (character) => ESCAPES[character] ?? character)}'`;
}
