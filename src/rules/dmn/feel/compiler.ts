import type { SyntaxNode } from '@lezer/common';
import type { TypeResolver } from './feel-type.js';
import type { Scope } from './scope.js';

/** A compiled FEEL expression: scope in, value out. */
export type Evaluator = (scope: Scope) => unknown;
/** A compiled unary test: input value + scope → true/false/null. */
export type UnaryTester = (input: unknown, scope: Scope) => boolean | null;

export interface CompileOptions {
  /** Names in scope, so the parser can read names with spaces ("Applicant Age"); nested objects give path names. */
  names?: Record<string, unknown>;
  resolveType?: TypeResolver;
}

/**
 * What the parts of the compiler share while compiling one text. `compile` is the
 * dispatcher (compile.ts) handed to the parts, so they need not import it back.
 */
export interface Compiler {
  src: string;
  resolveType: TypeResolver | undefined;
  compile: (n: SyntaxNode) => Evaluator;
}

export const text = (c: Compiler, n: SyntaxNode): string => c.src.slice(n.from, n.to);
