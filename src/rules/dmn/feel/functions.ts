/** Function definitions, invocations, date/time literals and types in FEEL. */
import type { SyntaxNode } from '@lezer/common';
import { getBuiltin } from './builtins/index.js';
import { text, type Compiler, type Evaluator } from './compiler.js';
import { externalJavaFunction } from './external-java.js';
import { invokeFunction, type Arguments } from './invoke.js';
import { atLiteral } from './literals.js';
import { exprKids, kids, normalizeName, unescapeString } from './parse.js';
import { typeFromName, type FeelType } from './types.js';
import { FeelFunction, type FunctionParam } from './values.js';

type CompiledArgs = { positional: Evaluator[] } | { named: [string, Evaluator][] };

function compileArgs(c: Compiler, n: SyntaxNode | undefined): CompiledArgs {
  if (!n) return { positional: [] };
  if (n.name === 'NamedParameters') {
    return {
      named: kids(n).filter((k) => k.name === 'NamedParameter').map((p) => {
        const [nameN, valN] = exprKids(p) as [SyntaxNode, SyntaxNode];
        return [normalizeName(text(c, nameN)), c.compile(valN)] as [string, Evaluator];
      }),
    };
  }
  return { positional: exprKids(n).map((k) => c.compile(k)) };
}

function argumentsOf(args: CompiledArgs): (s: Parameters<Evaluator>[0]) => Arguments {
  if ('positional' in args) {
    const ps = args.positional;
    return (s) => ps.map((a) => a(s));
  }
  const named = args.named;
  return (s) => new Map(named.map(([k, v]) => [k, v(s)]));
}

export function compileInvocation(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const calleeN = parts[0]!;
  const argsOf = argumentsOf(compileArgs(c, parts.find((p) => p.name === 'PositionalParameters' || p.name === 'NamedParameters')));
  const calleeText = normalizeName(text(c, calleeN));
  const special = calleeN.name === 'SpecialFunctionName' ? getBuiltin(calleeText) ?? null : undefined;
  // A plain name: looked up here, so a missing function is one error, not also an unknown-name warning.
  const byName = calleeN.name === 'VariableName' || calleeN.name === 'Name' || calleeN.name === 'QualifiedName';
  const callee: Evaluator =
    special !== undefined ? () => special : byName ? (s) => { const v = s.lookup(calleeText); return v === undefined ? getBuiltin(calleeText) ?? null : v; } : c.compile(calleeN);
  return (s) => {
    const fn = callee(s);
    if (!(fn instanceof FeelFunction)) {
      return s.ctx.error(fn === null ? `no function named '${calleeText}' is in scope` : `'${calleeText}' is not a function`);
    }
    return invokeFunction(fn, argsOf(s), s.ctx);
  };
}

/** `@"2021-01-01"`, or `date("…")`, `time(…)`, `date and time(…)`, `duration(…)` as literals. */
export function compileDateTimeLiteral(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  if (parts[0]!.name === 'AtLiteral') {
    const lit = unescapeString(text(c, exprKids(parts[0]!)[0]!));
    const v = atLiteral(lit);
    // An invalid literal is an evaluation error (null) per the spec, not a syntax error.
    return v === null ? (s) => s.ctx.error(`@"${lit}" is no valid date, time or duration`) : () => v;
  }
  const name = normalizeName(text(c, parts[0]!));
  const argsOf = argumentsOf(compileArgs(c, parts.find((p) => p.name === 'PositionalParameters' || p.name === 'NamedParameters')));
  const fn = getBuiltin(name)!;
  return (s) => invokeFunction(fn, argsOf(s), s.ctx);
}

export function compileType(c: Compiler, n: SyntaxNode): FeelType {
  const inner = n.name === 'Type' ? exprKids(n)[0]! : n;
  switch (inner.name) {
    case 'ListType': {
      // range<T> reaches us as a list type (see parse.ts); its text still says range.
      const of = compileType(c, exprKids(inner).find((k) => k.name === 'Type')!);
      return text(c, inner).startsWith('range') ? { kind: 'range', of } : { kind: 'list', of };
    }
    case 'ContextType': {
      const entries = kids(exprKids(inner).find((k) => k.name === 'ContextEntryTypes')!).filter((k) => k.name === 'ContextEntryType');
      return {
        kind: 'context',
        entries: entries.map((e) => {
          const [nameN, typeN] = exprKids(e) as [SyntaxNode, SyntaxNode];
          return [normalizeName(text(c, nameN)), compileType(c, typeN)];
        }),
      };
    }
    case 'FunctionType': {
      const argTypes = exprKids(inner).find((k) => k.name === 'ArgumentTypes');
      const params = argTypes ? kids(argTypes).filter((k) => k.name === 'ArgumentType').map((a) => compileType(c, exprKids(a)[0]!)) : [];
      const ret = exprKids(inner).filter((k) => k.name === 'Type').pop();
      return { kind: 'function', params, ret: ret ? compileType(c, ret) : { kind: 'any' } };
    }
    default:
      return typeFromName(normalizeName(text(c, inner)));
  }
}

/** `function(a, b: number) body` and `function(x) external {java: …}`. */
export function compileFunctionDefinition(c: Compiler, n: SyntaxNode): Evaluator {
  const parts = kids(n);
  const paramsN = parts.find((p) => p.name === 'FormalParameters');
  const params: FunctionParam[] = (paramsN ? kids(paramsN).filter((k) => k.name === 'FormalParameter') : []).map((p) => {
    const [nameN, typeN] = exprKids(p);
    const type = typeN ? compileType(c, typeN) : undefined;
    return { name: normalizeName(text(c, nameN!)), ...(type ? { type } : {}) };
  });
  const body = c.compile(parts.find((p) => p.name === 'FunctionBody')!);
  if (parts.some((p) => p.name === 'external')) {
    return (s) => {
      const f = externalJavaFunction(body(s), params);
      return typeof f === 'string' ? s.ctx.error(f) : f;
    };
  }
  const resolve = c.resolveType;
  // The body sees the scope the function was made in, plus its parameters; it reports to its caller.
  return (s) =>
    new FeelFunction(params, (args, ctx) => {
      const vars = new Map<string, unknown>();
      for (let i = 0; i < params.length; i++) vars.set(params[i]!.name, args[i] ?? null);
      return body(s.child(vars, ctx));
    }, 'anonymous', null, resolve);
}
