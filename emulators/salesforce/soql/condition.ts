import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, SfRecord } from '../model';
import { dateLiteralRange, type EpochRange } from './dateLiterals';
import { SoqlError, atToken, malformed } from './errors';
import { comparableOf, kindOf, multiPicklistValues, normalizeMultiPicklist, soapTypeName, type Comparable, type FieldKind } from './fieldKinds';
import type { FieldPath } from './fieldPaths';
import { dateTimeToEpoch, dateToEpoch, decodeString, likeRegExp, storedText } from './literals';
import type { RecordAccess } from './recordAccess';

export type Predicate = (record: SfRecord, access: RecordAccess) => boolean;

/** One literal on the right of an operator, decoded for the field's kind. */
type Operand = { type: 'null' } | { type: 'value'; value: Exclude<Comparable, null>; raw: string } | { type: 'range'; range: EpochRange };

export interface RawLiteral {
  text: string;
  literalType: LiteralType | undefined;
  /** The n of `LAST_N_DAYS:n`. */
  n: number | undefined;
}

export interface ConditionInput {
  soql: string;
  written: string;
  path: FieldPath;
  operator: string;
  literals: RawLiteral[];
  now: Date;
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Compiles `field operator value(s)` into a predicate, rejecting what Salesforce rejects. */
export function compileCondition(input: ConditionInput): Predicate {
  const { soql, path, written } = input;
  const field = path.field;
  const kind = kindOf(field);
  const operator = input.operator.toUpperCase() === '<>' ? '!=' : input.operator.toUpperCase();

  if (!field.filterable) {
    throw new SoqlError('INVALID_FIELD', atToken(soql, written, `field '${field.name}' can not be filtered in a query call`));
  }
  checkOperatorFitsKind(soql, written, field, kind, operator);

  const read = (record: SfRecord, access: RecordAccess): Comparable => comparableOf(kind, access.valueOf(record, path));

  if (operator === 'LIKE') {
    const literal = single(input);
    const operand = decodeOperand(input, kind, literal);
    if (operand.type === 'null') return () => false;
    const pattern = likeRegExp(soql, literal.text);
    return (record, access) => {
      const value = access.valueOf(record, path);
      return value !== null && value !== undefined && pattern.test(storedText(value));
    };
  }

  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    // Each literal may itself be 'a;b', meaning "both a and b are selected".
    const wanted = input.literals.map((literal) => {
      const operand = decodeOperand(input, kind, literal);
      return operand.type === 'value' ? multiPicklistValues(String(operand.value)) : [];
    });
    const includes = (record: SfRecord, access: RecordAccess): boolean => {
      const value = read(record, access);
      if (value === null) return false;
      const selected = new Set(multiPicklistValues(String(value)));
      return wanted.some((all) => all.length > 0 && all.every((item) => selected.has(item)));
    };
    return operator === 'INCLUDES' ? includes : (record, access) => !includes(record, access);
  }

  if (operator === 'IN' || operator === 'NOT IN') {
    const operands = input.literals.map((literal) => decodeOperand(input, kind, literal));
    const matchesAny = (value: Comparable) => operands.some((operand) => equals(value, operand));
    return operator === 'IN' ? (record, access) => matchesAny(read(record, access)) : (record, access) => !matchesAny(read(record, access));
  }

  const operand = decodeOperand(input, kind, single(input));
  switch (operator) {
    case '=':
      return (record, access) => equals(read(record, access), operand);
    case '!=':
      return (record, access) => !equals(read(record, access), operand);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return orderedComparison(operator, operand, read);
    default:
      throw malformed(soql, operator, `unexpected token: '${operator}'`);
  }
}

function single(input: ConditionInput): RawLiteral {
  const literal = input.literals[0];
  if (input.literals.length !== 1 || !literal) {
    throw malformed(input.soql, input.written, `operator ${input.operator} expects a single value`);
  }
  return literal;
}

function checkOperatorFitsKind(soql: string, written: string, field: FieldDef, kind: FieldKind, operator: string): void {
  const invalid = () => new SoqlError('INVALID_QUERY_FILTER_OPERATOR', atToken(soql, written, `invalid operator on ${field.type} field`));
  if (operator === 'LIKE' && kind !== 'text') throw invalid();
  if ((operator === 'INCLUDES' || operator === 'EXCLUDES') && kind !== 'multipicklist') {
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', atToken(soql, written, `${operator} or EXCLUDES operator only valid on multipicklist field`));
  }
  const ordered = operator === '<' || operator === '<=' || operator === '>' || operator === '>=';
  if (ordered && (kind === 'boolean' || kind === 'multipicklist')) throw invalid();
}

function equals(value: Comparable, operand: Operand): boolean {
  switch (operand.type) {
    case 'null':
      return value === null;
    case 'value':
      return value === operand.value;
    case 'range':
      return typeof value === 'number' && value >= operand.range.start && value < operand.range.end;
  }
}

function orderedComparison(operator: '<' | '<=' | '>' | '>=', operand: Operand, read: (record: SfRecord, access: RecordAccess) => Comparable): Predicate {
  if (operand.type === 'null') return () => false;
  // A date literal is a span of time: "> TODAY" means after today ends, "<= TODAY" before it ends.
  const [low, high] = operand.type === 'range' ? [operand.range.start, operand.range.end] : [operand.value, operand.value];
  const inclusiveHigh = operand.type === 'value';
  return (record, access) => {
    const value = read(record, access);
    if (value === null) return false;
    switch (operator) {
      case '<':
        return value < low;
      case '<=':
        return inclusiveHigh ? value <= high : value < high;
      case '>':
        return inclusiveHigh ? value > high : value >= high;
      case '>=':
        return value >= low;
    }
  };
}

function typeMismatch(input: ConditionInput, field: FieldDef, quoted: boolean): SoqlError {
  const type = soapTypeName(field);
  return new SoqlError(
    'INVALID_FIELD',
    atToken(
      input.soql,
      input.written,
      `value of filter criterion for field '${field.name}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
    ),
  );
}

function decodeOperand(input: ConditionInput, kind: FieldKind, literal: RawLiteral): Operand {
  const { soql, path } = input;
  const field = path.field;
  const type = literal.literalType;
  if (type === 'NULL') return { type: 'null' };
  const mismatch = () => typeMismatch(input, field, kind === 'text' || kind === 'multipicklist' || kind === 'id');

  switch (kind) {
    case 'text':
    case 'multipicklist': {
      if (type !== 'STRING') throw mismatch();
      const text = decodeString(soql, literal.text);
      return { type: 'value', value: kind === 'text' ? text.toLowerCase() : normalizeMultiPicklist(text), raw: text };
    }
    case 'id': {
      if (type !== 'STRING') throw mismatch();
      const text = decodeString(soql, literal.text);
      if (!ID_PATTERN.test(text)) {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', atToken(soql, input.written, `invalid ID field: ${text}`));
      }
      return { type: 'value', value: text.slice(0, 15), raw: text };
    }
    case 'number': {
      if (type !== 'INTEGER' && type !== 'DECIMAL' && type !== 'INTEGER_WITH_CURRENCY_PREFIX' && type !== 'DECIMAL_WITH_CURRENCY_PREFIX') {
        throw mismatch();
      }
      const value = Number(literal.text.replace(/^[A-Za-z]+/, ''));
      if (!Number.isFinite(value)) throw mismatch();
      return { type: 'value', value, raw: literal.text };
    }
    case 'boolean': {
      if (type !== 'BOOLEAN') throw mismatch();
      return { type: 'value', value: literal.text.toLowerCase() === 'true', raw: literal.text };
    }
    case 'date':
    case 'datetime': {
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
        const range = dateLiteralRange(literal.text, literal.n, input.now);
        if (!range) throw malformed(soql, literal.text.split(':')[0], `unexpected token: '${literal.text}'`);
        return { type: 'range', range };
      }
      if (kind === 'date' && type === 'DATE') {
        const day = dateToEpoch(literal.text);
        if (day === undefined) throw malformed(soql, undefined, `Invalid date: ${literal.text}`);
        return { type: 'value', value: day, raw: literal.text };
      }
      if (kind === 'datetime' && type === 'DATETIME') {
        const instant = dateTimeToEpoch(literal.text);
        if (instant === undefined) throw malformed(soql, undefined, `Invalid dateTime: ${literal.text}`);
        return { type: 'value', value: instant, raw: literal.text };
      }
      throw mismatch();
    }
  }
}
