import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogicNode } from './filterLogic';
import { FilterLogicError, checkFilterLogic, compileLogic, evaluateLogic, logicForKind, parseFilterLogic, printFilterLogic } from './filterLogic';

const ref = (index: number): LogicNode => ({ type: 'ref', index });

function errorOf(text: string): { position: number; message: string } {
  try {
    parseFilterLogic(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterLogicError);
    const e = error as FilterLogicError;
    return { position: e.position, message: e.message };
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('parseFilterLogic', () => {
  it('parses Salesforce-style expressions with case-insensitive keywords', () => {
    expect(parseFilterLogic('1 AND (2 OR 3)')).toEqual({
      type: 'and',
      operands: [ref(1), { type: 'or', operands: [ref(2), ref(3)] }],
    });
    expect(parseFilterLogic('1 and 2 And 3')).toEqual({ type: 'and', operands: [ref(1), ref(2), ref(3)] });
    expect(parseFilterLogic('not 1 or 2')).toEqual({ type: 'or', operands: [{ type: 'not', operand: ref(1) }, ref(2)] });
    expect(parseFilterLogic('NOT (1 AND 2)')).toEqual({ type: 'not', operand: { type: 'and', operands: [ref(1), ref(2)] } });
    expect(parseFilterLogic('NOT NOT 1')).toEqual({ type: 'not', operand: { type: 'not', operand: ref(1) } });
    expect(parseFilterLogic('((1))')).toEqual(ref(1));
    expect(parseFilterLogic(' \t1\nOR\r\n2 ')).toEqual({ type: 'or', operands: [ref(1), ref(2)] });
    expect(parseFilterLogic('(1 AND 2) AND 3')).toEqual({
      type: 'and',
      operands: [{ type: 'and', operands: [ref(1), ref(2)] }, ref(3)],
    });
    expect(parseFilterLogic('12 OR 007')).toEqual({ type: 'or', operands: [ref(12), ref(7)] });
  });

  it.each([
    ['', 0, 'Expected a condition number, NOT or "(" at column 0, found the end'],
    ['1 AND', 5, 'Expected a condition number, NOT or "(" at column 5, found the end'],
    ['1 AND OR 2', 6, 'found "OR"'],
    ['1 2', 2, 'Expected AND, OR or the end at column 2, found "2"'],
    ['(1 AND 2', 8, 'Expected AND, OR or ")" at column 8, found the end'],
    ['1 AND 2)', 7, 'no ")" without a matching "("'],
    ['1 AND 2 OR 3', 8, 'Use parentheses when mixing AND and OR'],
    ['1 OR 2 AND 3', 7, 'Use parentheses when mixing AND and OR'],
    ['1 && 2', 2, 'Unexpected character "&" at column 2'],
    ['1 XOR 2', 2, 'Unknown word "XOR" at column 2'],
    ['()', 1, 'found ")"'],
    ['NOT', 3, 'found the end'],
    ['1 AND -2', 6, 'Unexpected character "-"'],
  ])('%j fails at column %i', (text, position, message) => {
    const error = errorOf(text);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('refuses pathological nesting with its own error instead of overflowing the stack', () => {
    expect(errorOf('('.repeat(10_000) + '1' + ')'.repeat(10_000)).message).toMatch(/Nested too deeply/);
    expect(errorOf('NOT '.repeat(10_000) + '1').message).toMatch(/Nested too deeply/);
  });
});

describe('checkFilterLogic', () => {
  it('accepts logic using every condition exactly as numbered', () => {
    const result = checkFilterLogic('1 AND (2 OR NOT 3)', 3);
    expect(result.ok).toBe(true);
  });
  it('rejects numbers outside the conditions, pointing at them', () => {
    const result = checkFilterLogic('1 AND (2 OR 4)', 3);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.position).toBe(12);
    expect(result.error.message).toBe('Condition 4 at column 12 does not exist; conditions are numbered 1 to 3');
    const zero = checkFilterLogic('0 OR 1', 1);
    expect(!zero.ok && zero.error.position).toBe(0);
    const none = checkFilterLogic('1', 0);
    expect(!none.ok && none.error.message).toMatch(/the rule has no conditions/);
  });
  it('rejects logic that leaves a condition unused (as Salesforce does)', () => {
    const result = checkFilterLogic('1 OR 3', 3);
    expect(!result.ok && result.error.message).toBe('Use every condition in the filter logic; missing: 2');
  });
  it('reports syntax errors as values', () => {
    const result = checkFilterLogic('1 AND', 1);
    expect(!result.ok && result.error).toBeInstanceOf(FilterLogicError);
  });
});

describe('logicForKind', () => {
  it('builds AND / OR over all conditions', () => {
    expect(printFilterLogic(logicForKind('all', 3))).toBe('1 AND 2 AND 3');
    expect(printFilterLogic(logicForKind('any', 2))).toBe('1 OR 2');
    expect(logicForKind('any', 1)).toEqual(ref(1));
  });
});

// Property tests --------------------------------------------------------------------------------

const MAX_REF = 6;
const astArbitrary: fc.Arbitrary<LogicNode> = fc.letrec<{ node: LogicNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 1, max: MAX_REF }).map(ref),
    tie('node').map((operand): LogicNode => ({ type: 'not', operand })),
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((operands): LogicNode => ({ type: 'and', operands })),
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((operands): LogicNode => ({ type: 'or', operands })),
  ),
})).node;

/** Salesforce users type all sorts of spacing and casing; printing variants must not matter. */
function scramble(text: string, upper: boolean[], spaces: number[]): string {
  let i = 0;
  return text
    .replace(/AND|OR|NOT/g, (word) => (upper[i++ % upper.length] ? word : word.toLowerCase()))
    .replace(/ /g, () => ' '.repeat(1 + ((spaces[i++ % spaces.length] ?? 0) % 3)));
}

function reference(node: LogicNode, outcomes: boolean[]): boolean {
  switch (node.type) {
    case 'ref':
      return outcomes[node.index - 1] as boolean;
    case 'not':
      return !reference(node.operand, outcomes);
    case 'and':
      return node.operands.reduce<boolean>((acc, operand) => reference(operand, outcomes) && acc, true);
    case 'or':
      return node.operands.reduce<boolean>((acc, operand) => reference(operand, outcomes) || acc, false);
  }
}

describe('filter logic properties', () => {
  it('parse(print(ast)) = ast, whatever the spacing and keyword case', () => {
    fc.assert(
      fc.property(astArbitrary, fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.nat(), { minLength: 1 }), (ast, upper, spaces) => {
        expect(parseFilterLogic(printFilterLogic(ast))).toEqual(ast);
        expect(parseFilterLogic(scramble(printFilterLogic(ast), upper, spaces))).toEqual(ast);
      }),
      { numRuns: 500 },
    );
  });

  it('random input never throws anything but FilterLogicError, with a position inside the text', () => {
    const tokenSoup = fc
      .array(fc.constantFrom('1', '2', '10', 'AND', 'or', 'Not', '(', ')', ' ', 'x', '&', '-', '\t', ''), { maxLength: 30 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), tokenSoup), (text) => {
        try {
          parseFilterLogic(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterLogicError);
          const position = (error as FilterLogicError).position;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('evaluating parsed logic equals direct evaluation, compiled or interpreted', () => {
    fc.assert(
      fc.property(astArbitrary, fc.array(fc.boolean(), { minLength: MAX_REF, maxLength: MAX_REF }), (ast, outcomes) => {
        const parsed = parseFilterLogic(printFilterLogic(ast));
        const direct = reference(ast, outcomes);
        expect(evaluateLogic(parsed, (i) => outcomes[i - 1] as boolean)).toBe(direct);
        const tests = outcomes.map((outcome) => () => outcome);
        expect(compileLogic(parsed, tests)(undefined)).toBe(direct);
      }),
      { numRuns: 1000 },
    );
  });

  it('compiled logic short-circuits: conditions after a decided AND/OR are not run', () => {
    let calls = 0;
    const tests = [() => (calls++, false), () => (calls++, true)];
    compileLogic(parseFilterLogic('1 AND 2'), tests)(undefined);
    expect(calls).toBe(1);
  });
});
