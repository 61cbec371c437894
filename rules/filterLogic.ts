/**
 * Salesforce-style custom filter logic: `1 AND (2 OR NOT 3)`.
 *
 * Grammar (keywords case-insensitive, whitespace free-form):
 *   expression := unary ((AND | OR) unary)*    -- one kind of operator per level
 *   unary      := NOT unary | primary
 *   primary    := <condition number> | "(" expression ")"
 * Mixing AND and OR at one level (`1 AND 2 OR 3`) is an error asking for parentheses: the
 * reading is ambiguous to people even when a precedence rule would settle it for a machine.
 * Validation (against the rule's conditions): every number must name a condition (1-based) and,
 * as Salesforce requires, every condition must be used.
 *
 * The AST keeps the parenthesised structure: `(1 AND 2) AND 3` is and(and(1, 2), 3).
 */

export type LogicNode =
  { type: 'ref'; index: number } | { type: 'not'; operand: LogicNode } | { type: 'and'; operands: LogicNode[] } | { type: 'or'; operands: LogicNode[] };

/** The only error the parser throws. `position` is the 0-based column of the problem. */
export class FilterLogicError extends Error {
  override readonly name = 'FilterLogicError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 100;

type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'and' | 'or' | 'not' | 'open' | 'close'; text: string; position: number }
  | { kind: 'end'; text: ''; position: number };

function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end' : `"${token.text}"`;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c, position: i });
      i++;
    } else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && (text[j] as string) >= '0' && (text[j] as string) <= '9') j++;
      const digits = text.slice(i, j);
      tokens.push({ kind: 'number', value: Number(digits), text: digits, position: i });
      i = j;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z]/.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      const upper = word.toUpperCase();
      if (upper === 'AND' || upper === 'OR' || upper === 'NOT') {
        tokens.push({ kind: upper.toLowerCase() as 'and' | 'or' | 'not', text: word, position: i });
      } else {
        throw new FilterLogicError(`Unknown word "${word}" at column ${i}: use condition numbers, AND, OR, NOT and parentheses`, i);
      }
      i = j;
    } else {
      throw new FilterLogicError(`Unexpected character "${c}" at column ${i}: use condition numbers, AND, OR, NOT and parentheses`, i);
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

interface ParseOutput {
  ast: LogicNode;
  /** Every condition number with where it appears, for validation messages. */
  references: { index: number; position: number }[];
}

function parseTokens(tokens: Token[]): ParseOutput {
  let at = 0;
  const references: { index: number; position: number }[] = [];
  const peek = (): Token => tokens[at] as Token;

  function expression(depth: number): LogicNode {
    const first = unary(depth);
    const next = peek();
    if (next.kind !== 'and' && next.kind !== 'or') return first;
    const kind = next.kind;
    const operands = [first];
    while (peek().kind === 'and' || peek().kind === 'or') {
      const op = peek();
      if (op.kind !== kind) {
        throw new FilterLogicError(`Use parentheses when mixing AND and OR (column ${op.position}), e.g. "(1 AND 2) OR 3"`, op.position);
      }
      at++;
      operands.push(unary(depth));
    }
    return { type: kind, operands };
  }

  function unary(depth: number): LogicNode {
    if (depth > MAX_DEPTH) throw new FilterLogicError(`Nested too deeply at column ${peek().position}`, peek().position);
    const token = peek();
    if (token.kind === 'not') {
      at++;
      return { type: 'not', operand: unary(depth + 1) };
    }
    if (token.kind === 'number') {
      at++;
      references.push({ index: token.value, position: token.position });
      return { type: 'ref', index: token.value };
    }
    if (token.kind === 'open') {
      at++;
      const inner = expression(depth + 1);
      const close = peek();
      if (close.kind !== 'close') {
        throw new FilterLogicError(`Expected AND, OR or ")" at column ${close.position}, found ${describeToken(close)}`, close.position);
      }
      at++;
      return inner;
    }
    throw new FilterLogicError(`Expected a condition number, NOT or "(" at column ${token.position}, found ${describeToken(token)}`, token.position);
  }

  const ast = expression(0);
  const rest = peek();
  if (rest.kind !== 'end') {
    const expected = rest.kind === 'close' ? 'no ")" without a matching "("' : 'AND, OR or the end';
    throw new FilterLogicError(`Expected ${expected} at column ${rest.position}, found ${describeToken(rest)}`, rest.position);
  }
  return { ast, references };
}

/** Parses filter logic; throws `FilterLogicError` (and nothing else) on bad input. */
export function parseFilterLogic(text: string): LogicNode {
  return parseTokens(tokenize(text)).ast;
}

export type FilterLogicCheck = { ok: true; ast: LogicNode } | { ok: false; error: FilterLogicError };

/** Parses and validates against a rule with `conditionCount` conditions. */
export function checkFilterLogic(text: string, conditionCount: number): FilterLogicCheck {
  let parsed: ParseOutput;
  try {
    parsed = parseTokens(tokenize(text));
  } catch (error) {
    if (error instanceof FilterLogicError) return { ok: false, error };
    throw error;
  }
  for (const ref of parsed.references) {
    if (ref.index < 1 || ref.index > conditionCount) {
      const range = conditionCount === 0 ? 'the rule has no conditions' : `conditions are numbered 1 to ${conditionCount}`;
      return { ok: false, error: new FilterLogicError(`Condition ${ref.index} at column ${ref.position} does not exist; ${range}`, ref.position) };
    }
  }
  const used = new Set(parsed.references.map((ref) => ref.index));
  const unused: number[] = [];
  for (let i = 1; i <= conditionCount; i++) if (!used.has(i)) unused.push(i);
  if (unused.length > 0) {
    return {
      ok: false,
      error: new FilterLogicError(`Use every condition in the filter logic; missing: ${unused.join(', ')}`, text.length),
    };
  }
  return { ok: true, ast: parsed.ast };
}

/** Prints canonical text: upper-case keywords, parentheses around nested AND/OR groups. */
export function printFilterLogic(node: LogicNode): string {
  switch (node.type) {
    case 'ref':
      return String(node.index);
    case 'not':
      return `NOT ${printOperand(node.operand)}`;
    case 'and':
    case 'or':
      return node.operands.map(printOperand).join(node.type === 'and' ? ' AND ' : ' OR ');
  }
}

function printOperand(node: LogicNode): string {
  return node.type === 'and' || node.type === 'or' ? `(${printFilterLogic(node)})` : printFilterLogic(node);
}

/** Evaluates with short-circuit; `outcome(i)` is condition i's result (1-based). */
export function evaluateLogic(node: LogicNode, outcome: (index: number) => boolean): boolean {
  switch (node.type) {
    case 'ref':
      return outcome(node.index);
    case 'not':
      return !evaluateLogic(node.operand, outcome);
    case 'and':
      return node.operands.every((operand) => evaluateLogic(operand, outcome));
    case 'or':
      return node.operands.some((operand) => evaluateLogic(operand, outcome));
  }
}

/**
 * Compiles logic over condition closures (index 1-based into `tests[index - 1]`), short-circuiting
 * so that later conditions are not even evaluated once the outcome is known.
 */
export function compileLogic<C>(node: LogicNode, tests: readonly ((context: C) => boolean)[]): (context: C) => boolean {
  switch (node.type) {
    case 'ref': {
      const test = tests[node.index - 1];
      if (!test) throw new RangeError(`filter logic names condition ${node.index} but there are ${tests.length}`);
      return test;
    }
    case 'not': {
      const operand = compileLogic(node.operand, tests);
      return (context) => !operand(context);
    }
    case 'and':
    case 'or': {
      const operands = node.operands.map((operand) => compileLogic(operand, tests));
      const isAnd = node.type === 'and';
      if (operands.length === 2) {
        const [a, b] = operands as [(context: C) => boolean, (context: C) => boolean];
        return isAnd ? (context) => a(context) && b(context) : (context) => a(context) || b(context);
      }
      if (operands.length === 3) {
        const [a, b, c] = operands as [(context: C) => boolean, (context: C) => boolean, (context: C) => boolean];
        return isAnd ? (context) => a(context) && b(context) && c(context) : (context) => a(context) || b(context) || c(context);
      }
      return isAnd
        ? (context) => {
            for (const operand of operands) if (!operand(context)) return false;
            return true;
          }
        : (context) => {
            for (const operand of operands) if (operand(context)) return true;
            return false;
          };
    }
  }
}

/** `all` / `any` as logic over conditions 1..n (n ≥ 1). */
export function logicForKind(kind: 'all' | 'any', conditionCount: number): LogicNode {
  const refs: LogicNode[] = Array.from({ length: conditionCount }, (_, i) => ({ type: 'ref', index: i + 1 }));
  if (refs.length === 1) return refs[0] as LogicNode;
  return { type: kind === 'all' ? 'and' : 'or', operands: refs };
}
