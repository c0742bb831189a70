/**
 * Boxed expressions (DMN 1.5 §10.2.2): literal expressions, decision tables, contexts,
 * relations, lists, invocations, function definitions, conditionals, filters and
 * iterators, each compiled once to an Evaluator. An element's own typeRef converts its
 * result (DMN 1.3+ type conversion).
 */
import { compileDecisionTable } from './decision-table.js';
import { at, DmnError } from './errors.js';
import { compileExpression, normalizeName, type CompileOptions, type Evaluator } from './feel/compile.js';
import { DISCARD } from './feel/context.js';
import { externalJavaFunction } from './feel/external-java.js';
import { invokeFunction } from './feel/invoke.js';
import { itemScope } from './feel/iteration.js';
import { feelString, typeOf as feelTypeOf, FeelFunction, isContext, type FunctionParam } from './feel/values.js';
import { expressionChild } from './model.js';
import type { ModelTypes } from './typing.js';
import { child, childrenNamed, type XmlElement } from './xml.js';

export interface BoxedEnv {
  types: ModelTypes;
  /** The decision or BKM the expression belongs to, named in messages. */
  owner: string;
}

/** Names in scope for the parser (values are structure hints, see ModelTypes.structureOf). */
export type Names = Record<string, unknown>;

const textOf = (el: XmlElement | undefined): string => (el ? (child(el, 'text')?.text ?? '') : '');
const part = (el: XmlElement, name: string): XmlElement | null => {
  const p = child(el, name);
  return p ? expressionChild(p) : null;
};

export function compileBoxed(env: BoxedEnv, el: XmlElement | null, names: Names, what: string): Evaluator {
  if (!el) return (s) => s.ctx.error(`${what} of '${env.owner}' is missing`);
  const ev = compileElement(env, el, names, what);
  const typeRef = el.name === 'decisionTable' || el.name === 'functionDefinition' ? undefined : el.attrs.typeRef;
  if (!typeRef || !env.types.typeCheck) return ev;
  return (s) => env.types.coerce(ev(s), typeRef, s.ctx, what);
}

function compileElement(env: BoxedEnv, el: XmlElement, names: Names, what: string): Evaluator {
  const owner = env.owner;
  const copts: CompileOptions = { names, resolveType: env.types.resolve };
  switch (el.name) {
    case 'literalExpression':
      return at(`${what} of '${owner}'`, el.line, owner, () => compileExpression(textOf(el), copts));
    case 'decisionTable': {
      const table = compileDecisionTable(el, owner, copts);
      return (s) => table.evaluate(s);
    }
    case 'context':
      return compileContext(env, el, names);
    case 'relation': {
      const cols = childrenNamed(el, 'column').map((c) => c.attrs.name ?? '');
      const rows = childrenNamed(el, 'row').map((r, i) =>
        r.children.filter((c) => expressionChild({ ...r, children: [c] })).map((c) => compileBoxed(env, c, names, `row ${i + 1}`)));
      return (s) => rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ? r[i]!(s) : null])));
    }
    case 'list': {
      const items = el.children.filter((c) => expressionChild({ ...el, children: [c] })).map((c, i) => compileBoxed(env, c, names, `list item ${i + 1}`));
      return (s) => items.map((i) => i(s));
    }
    case 'invocation':
      return compileInvocation(env, el, names);
    case 'functionDefinition':
      return compileFunctionDefinition(env, el, names);
    case 'conditional': {
      const [c, t, e] = ['if', 'then', 'else'].map((n) => compileBoxed(env, part(el, n), names, n)) as [Evaluator, Evaluator, Evaluator];
      return (s) => {
        const cond = c(s);
        if (cond !== null && typeof cond !== 'boolean') return s.ctx.error(`the condition of '${owner}' is a ${feelTypeOf(cond)}, not a boolean`);
        return cond === true ? t(s) : e(s);
      };
    }
    case 'filter':
      return compileFilter(env, el, names);
    case 'for':
    case 'every':
    case 'some':
      return compileIterator(env, el, names);
  }
  throw new DmnError('dmn-model-invalid', `unsupported expression <${el.name}> in '${owner}'`, { element: owner, line: el.line });
}

function compileContext(env: BoxedEnv, el: XmlElement, names: Names): Evaluator {
  const entries: { name: string | null; typeRef: string | null; ev: Evaluator }[] = [];
  const inner = { ...names };
  for (const ce of childrenNamed(el, 'contextEntry')) {
    const v = child(ce, 'variable');
    const name = v?.attrs.name ?? null;
    const ev = compileBoxed(env, expressionChild(ce), inner, name ? `context entry '${name}'` : 'context result');
    entries.push({ name, typeRef: v?.attrs.typeRef ?? null, ev });
    if (name) inner[name] = env.types.structureOf(v?.attrs.typeRef ?? null);
  }
  return (s) => {
    const vars = new Map<string, unknown>();
    const sc = s.child(vars);
    const out: Record<string, unknown> = {};
    for (const e of entries) {
      const val = env.types.coerce(e.ev(sc), e.typeRef, s.ctx, e.name ? `context entry '${e.name}'` : 'context result');
      if (e.name === null) return val;
      out[e.name] = val;
      vars.set(e.name, val);
    }
    return out;
  };
}

/** `<invocation>`: a BKM, decision service or function called with named bindings. */
function compileInvocation(env: BoxedEnv, el: XmlElement, names: Names): Evaluator {
  const calleeEl = expressionChild(el);
  const calleeName = normalizeName(calleeEl ? textOf(calleeEl) : '');
  const callee = at(`invocation in '${env.owner}'`, el.line, env.owner, () => compileExpression(calleeName, { names, resolveType: env.types.resolve }));
  const bindings = childrenNamed(el, 'binding').map((b) => {
    const name = child(b, 'parameter')?.attrs.name ?? '';
    // A binding without an expression passes null.
    const expr = expressionChild(b);
    return { name, ev: expr ? compileBoxed(env, expr, names, `binding '${name}'`) : () => null };
  });
  return (s) => {
    const fn = callee(s);
    if (!(fn instanceof FeelFunction)) {
      // The bindings, for the message only: what they would give is no error of its own.
      const quiet = s.child(new Map(), DISCARD);
      const given = bindings.map((b) => `${b.name} = ${feelString(b.ev(quiet), true)}`).join(', ') || 'none';
      return s.ctx.error(
        `invokes '${calleeName}', which is no business knowledge model, decision service or function in its scope ` +
          `(bindings: ${given}); a BKM or decision service must be a knowledge requirement of '${env.owner}'`,
      );
    }
    return invokeFunction(fn, new Map(bindings.map((b) => [b.name, b.ev(s)])), s.ctx);
  };
}

/** `<functionDefinition>`: a FEEL function (parameters typed by their typeRefs) or an external Java one. */
export function compileFunctionDefinition(env: BoxedEnv, el: XmlElement, names: Names): Evaluator {
  const formal = childrenNamed(el, 'formalParameter').map((p) => ({ name: p.attrs.name ?? '', typeRef: p.attrs.typeRef ?? null }));
  const kind = (el.attrs.kind ?? 'FEEL').toUpperCase();
  const inner = { ...names };
  for (const p of formal) inner[p.name] = env.types.structureOf(p.typeRef);
  const body = compileBoxed(env, expressionChild(el), inner, 'function body');
  const params: FunctionParam[] = formal.map((p) => ({ name: p.name, ...(p.typeRef && env.types.typeCheck ? { type: env.types.typeNamed(p.typeRef) } : {}) }));
  const resultType = el.attrs.typeRef ?? null;
  if (kind === 'JAVA') {
    return (s) => {
      const spec = body(s);
      const f = externalJavaFunction(isContext(spec) ? { java: spec } : spec, params);
      return typeof f === 'string' ? s.ctx.error(f) : f;
    };
  }
  if (kind !== 'FEEL') return (s) => s.ctx.error(`${kind} functions are not supported (in '${env.owner}')`);
  return (s) =>
    new FeelFunction(params, (args, ctx) => {
      const vars = new Map<string, unknown>();
      formal.forEach((p, i) => vars.set(p.name, args[i] ?? null));
      return env.types.coerce(body(s.child(vars, ctx)), resultType, ctx, `the result of '${env.owner}'`);
    }, env.owner, null, env.types.resolve);
}

function compileFilter(env: BoxedEnv, el: XmlElement, names: Names): Evaluator {
  const list = compileBoxed(env, part(el, 'in'), names, 'filter in');
  const match = compileBoxed(env, part(el, 'match'), { ...names, item: 1 }, 'filter match');
  return (s) => {
    const l = list(s);
    if (l === null) return null;
    const items = Array.isArray(l) ? l : [l];
    const out: unknown[] = [];
    for (const item of items) {
      const keep = match(itemScope(s, item));
      if (typeof keep !== 'boolean' && keep !== null) return s.ctx.error(`the filter match of '${env.owner}' gives a ${feelTypeOf(keep)}, not a boolean`);
      if (keep === true) out.push(item);
    }
    return out;
  };
}

function compileIterator(env: BoxedEnv, el: XmlElement, names: Names): Evaluator {
  const v = el.attrs.iteratorVariable ?? 'item';
  const kind = el.name;
  const list = compileBoxed(env, part(el, 'in'), names, `${kind} in`);
  const body = compileBoxed(env, part(el, kind === 'for' ? 'return' : 'satisfies'), { ...names, [v]: 1, partial: 1 }, `${kind} body`);
  return (s) => {
    const l = list(s);
    if (l === null) return null;
    const items = Array.isArray(l) ? l : [l];
    const out: unknown[] = [];
    const vars = new Map<string, unknown>([['partial', out]]);
    const sc = s.child(vars);
    for (const x of items) {
      vars.set(v, x);
      const r = body(sc);
      if (kind !== 'for' && typeof r !== 'boolean' && r !== null) return s.ctx.error(`the ${kind} condition of '${env.owner}' gives a ${feelTypeOf(r)}, not a boolean`);
      if (kind === 'every' && r !== true) return false;
      if (kind === 'some' && r === true) return true;
      out.push(r);
    }
    return kind === 'for' ? out : kind === 'every';
  };
}
