import type { ArithmeticOp, ComparisonOp, Expr } from './ast.js';
import { badQuery, unsupported } from './errors.js';
import { FUNCTIONS, KNOWN_UNSUPPORTED } from './functions.js';
import { tokenize, type Token } from './lexer.js';

const COMPARISON = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ADDITIVE = new Set<string>(['add', 'sub']);
const MULTIPLICATIVE = new Set<string>(['mul', 'div', 'mod']);
/** Recursion guard: deeper nesting than this is refused instead of overflowing the stack. */
const MAX_DEPTH = 100;

/**
 * Recursive-descent parser for $filter (and the expressions of $orderby).
 * Precedence, loosest first: or, and, not, comparison, add/sub, mul/div/mod, unary minus.
 */
class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly option: string,
  ) {}

  private get tok(): Token {
    return this.tokens[this.i]!;
  }
  private fail(reason: string): never {
    throw badQuery(this.option, `${reason} at position ${this.tok.pos}`);
  }
  private isWord(word: string): boolean {
    const t = this.tok;
    return t.t === 'ident' && t.value === word;
  }
  private wordIn(set: Set<string>): string | undefined {
    const t = this.tok;
    return t.t === 'ident' && set.has(t.value) ? t.value : undefined;
  }
  private expect(type: '(' | ')' | ','): void {
    if (this.tok.t !== type) this.fail(`expected '${type}'`);
    this.i++;
  }
  atEnd(): boolean {
    return this.tok.t === 'end';
  }
  atComma(): boolean {
    return this.tok.t === ',';
  }
  skipComma(): void {
    this.expect(',');
  }
  /** For $orderby: an optional asc/desc after the expression. */
  direction(): boolean {
    if (this.isWord('asc')) {
      this.i++;
      return false;
    }
    if (this.isWord('desc')) {
      this.i++;
      return true;
    }
    return false;
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('the expression is nested too deeply');
    try {
      return this.or();
    } finally {
      this.depth--;
    }
  }
  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      left = { k: 'bin', op: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.isWord('and')) {
      this.i++;
      left = { k: 'bin', op: 'and', left, right: this.not() };
    }
    return left;
  }
  private not(): Expr {
    if (this.isWord('not')) {
      this.i++;
      if (++this.depth > MAX_DEPTH) this.fail('the expression is nested too deeply');
      try {
        return { k: 'not', expr: this.not() };
      } finally {
        this.depth--;
      }
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.additive();
    const op = this.wordIn(COMPARISON);
    if (op) {
      this.i++;
      return { k: 'bin', op: op as ComparisonOp, left, right: this.additive() };
    }
    if (this.isWord('has') || this.isWord('in')) throw unsupported(`The '${(this.tok as { value: string }).value}' operator`);
    return left;
  }
  private additive(): Expr {
    let left = this.multiplicative();
    for (let op = this.wordIn(ADDITIVE); op; op = this.wordIn(ADDITIVE)) {
      this.i++;
      left = { k: 'bin', op: op as ArithmeticOp, left, right: this.multiplicative() };
    }
    return left;
  }
  private multiplicative(): Expr {
    let left = this.unary();
    for (let op = this.wordIn(MULTIPLICATIVE); op; op = this.wordIn(MULTIPLICATIVE)) {
      this.i++;
      left = { k: 'bin', op: op as ArithmeticOp, left, right: this.unary() };
    }
    return left;
  }
  private unary(): Expr {
    return this.primary();
  }
  private primary(): Expr {
    const t = this.tok;
    if (t.t === 'lit') {
      this.i++;
      return t.lit;
    }
    if (t.t === '(') {
      this.i++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (t.t === 'ident') {
      const next = this.tokens[this.i + 1];
      if (next?.t === '(') return this.call(t.value);
      if (/^(eq|ne|gt|ge|lt|le|and|or|add|sub|mul|div|mod)$/.test(t.value)) this.fail(`operator '${t.value}' needs an operand before it`);
      this.i++;
      if (t.value.includes('.') && !t.value.includes('/')) this.fail(`'${t.value}' is not a property`);
      return { k: 'path', segments: t.value.split('/') };
    }
    if (t.t === 'end') this.fail('the expression ends too early');
    this.fail(`unexpected '${t.t}'`);
  }
  private call(name: string): Expr {
    const lower = name.toLowerCase();
    const spec = FUNCTIONS[lower];
    if (!spec) {
      if (KNOWN_UNSUPPORTED.has(lower)) throw unsupported(`The function '${name}'`);
      this.fail(`unknown function '${name}'`);
    }
    this.i += 2;
    const args: Expr[] = [];
    if (this.tok.t !== ')') {
      args.push(this.expression());
      while (this.tok.t === ',') {
        this.i++;
        args.push(this.expression());
      }
    }
    this.expect(')');
    if (args.length < spec.min || args.length > spec.max) {
      this.fail(`${name} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument(s), not ${args.length}`);
    }
    return { k: 'call', name: lower, args };
  }
}

export function parseFilter(text: string, option = '$filter'): Expr {
  const p = new Parser(tokenize(text, option), option);
  const expr = p.expression();
  if (!p.atEnd()) throw badQuery(option, 'unexpected text after the expression');
  return expr;
}

export function parseOrderBy(text: string, option = '$orderby'): { expr: Expr; desc: boolean }[] {
  const p = new Parser(tokenize(text, option), option);
  const out: { expr: Expr; desc: boolean }[] = [];
  for (;;) {
    const expr = p.expression();
    out.push({ expr, desc: p.direction() });
    if (p.atEnd()) return out;
    p.skipComma();
  }
}
