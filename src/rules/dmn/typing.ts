/** The model's types: item definitions as checks, and typeRef conversion of values. */
import { at } from './errors.js';
import { compileUnaryTests } from './feel/compile.js';
import type { EvalContext } from './feel/context.js';
import { Scope } from './feel/scope.js';
import { conforms, convert, isListType, NONCONFORMING, typeFromName, type FeelType, type NamedType, type TypeResolver } from './feel/types.js';
import { FeelFunction, isContext, typeOf } from './feel/values.js';
import type { DmnModel, ItemDefinition } from './model.js';

/** `feel:number` → `number`, `ns:tType` → `tType` (DMN 1.1 writes QNames). */
export const localName = (t: string): string => (t.includes(':') && !t.startsWith('feel:') ? t.slice(t.indexOf(':') + 1) : t.replace(/^feel:/, ''));

const EMPTY = new Scope(new Map());

export class ModelTypes {
  /** Structural checks (what `instance of` asks), per item definition. */
  private readonly structural = new Map<string, NamedType>();
  /** Structural checks plus allowed values (what a typeRef asks of a value). */
  private readonly constrained = new Map<string, NamedType>();

  constructor(
    private readonly model: DmnModel,
    /** When false (STTR files), values pass through typeRefs unconverted. */
    readonly typeCheck: boolean,
    /** The types of imported models, by import name: `myimport.tPerson`. */
    private readonly imported: Map<string, ModelTypes> = new Map(),
  ) {}

  /** Item definitions for FEEL: `instance of tPerson`, typed function parameters. */
  readonly resolve: TypeResolver = (name) => this.named(name, false);
  private readonly resolveConstrained: TypeResolver = (name) => this.named(name, true);

  named(name: string, withConstraints: boolean): NamedType | undefined {
    const key = localName(name);
    const cache = withConstraints ? this.constrained : this.structural;
    const cached = cache.get(key);
    if (cached) return cached;
    const item = this.model.items.get(key);
    if (!item) return this.importedType(key, withConstraints);
    // Entered before it is built, so a recursive type refers to itself instead of looping.
    const entry: NamedType = { check: () => true, collection: item.isCollection };
    cache.set(key, entry);
    entry.check = this.itemCheck(item, withConstraints);
    return entry;
  }

  /** `import.tType`: the item definition of an imported model (the longest import name that prefixes it). */
  private importedType(name: string, withConstraints: boolean): NamedType | undefined {
    let best: [string, ModelTypes] | undefined;
    for (const [prefix, types] of this.imported) {
      if (name.startsWith(`${prefix}.`) && (!best || prefix.length > best[0].length)) best = [prefix, types];
    }
    if (!best) return undefined;
    return best[1].named(name.slice(best[0].length + 1), withConstraints);
  }

  private itemCheck(item: ItemDefinition, withConstraints: boolean): (v: unknown) => boolean {
    const base = this.baseCheck(item, withConstraints);
    if (!item.isCollection) return base;
    return (v) => Array.isArray(v) && v.every((x) => x === null || base(x));
  }

  private baseCheck(item: ItemDefinition, withConstraints: boolean): (v: unknown) => boolean {
    let base: (v: unknown) => boolean = () => true;
    if (item.isFunction) {
      base = (v) => v instanceof FeelFunction;
    } else if (item.components.length) {
      // A context of this type has every component (null or of its type); more entries may follow.
      const comps = item.components.map((c) => [c.name, this.itemCheck(c, withConstraints)] as const);
      base = (v) => isContext(v) && comps.every(([k, check]) => k in v && (v[k] === null || check(v[k])));
    } else if (item.typeRef) {
      const t = typeFromName(localName(item.typeRef));
      const resolve = withConstraints ? this.resolveConstrained : this.resolve;
      base = t.kind === 'named' ? (v) => resolve(t.name)?.check(v) ?? true : (v) => conforms(v, t, resolve);
    }
    if (!withConstraints || item.allowedValues === null) return base;
    const allowed = at(`allowed values of item definition '${item.name}'`, item.line, item.name, () => compileUnaryTests(item.allowedValues!));
    return (v) => base(v) && (v === null || allowed(v, EMPTY) === true);
  }

  /** Builds every item definition's checks now, so broken allowed values fail the model's compilation. */
  checkAll(): void {
    for (const name of this.model.items.keys()) this.resolveConstrained(name);
  }

  /** The FEEL type a typeRef names (built-in or item definition). */
  typeNamed(typeRef: string): FeelType {
    return typeFromName(localName(typeRef));
  }

  /**
   * A value as `typeRef` takes it (DMN 1.3+ 10.3.2.9.4): conforming values as they are,
   * singleton lists unwrapped or values wrapped where that makes them conform; anything
   * else is an error (`what` says what; `at` names the element, else the one being
   * evaluated) and null. Unknown type names let values pass.
   */
  coerce(v: unknown, typeRef: string | null, ctx: EvalContext, what: string, at?: { name: string; line: number }): unknown {
    if (!this.typeCheck || v === null || v === undefined || !typeRef) return v ?? null;
    const target = this.target(typeRef);
    if (target === null) return v;
    const r = convert(v, target.check, target.list);
    if (r !== NONCONFORMING) return r;
    const text = `${what}: a ${typeOf(v)} value that does not conform to type '${typeRef}'`;
    return at ? ctx.errorAt(at.name, at.line, text) : ctx.error(text);
  }

  /** What a typeRef asks of a value, worked out once per typeRef: null when anything passes. */
  private readonly targets = new Map<string, { check: (x: unknown) => boolean; list: boolean } | null>();
  private target(typeRef: string): { check: (x: unknown) => boolean; list: boolean } | null {
    let t = this.targets.get(typeRef);
    if (t !== undefined) return t;
    const type = this.typeNamed(typeRef);
    const named = type.kind === 'named' ? this.resolveConstrained(type.name) : undefined;
    if (type.kind === 'any' || (type.kind === 'named' && !named)) t = null;
    else t = { check: named ? named.check : (x) => conforms(x, type, this.resolveConstrained), list: isListType(type, this.resolveConstrained) };
    this.targets.set(typeRef, t);
    return t;
  }


  /** Parser name hints: nested item components let paths like `Applicant.Monthly Income` parse. */
  structureOf(typeRef: string | null, depth = 0): unknown {
    if (!typeRef || depth > 5) return 1;
    const it = this.model.items.get(localName(typeRef));
    if (!it || !it.components.length) return it?.typeRef ? this.structureOf(it.typeRef, depth + 1) : 1;
    const o: Record<string, unknown> = {};
    for (const c of it.components) o[c.name] = c.components.length ? this.componentStructure(c, depth + 1) : this.structureOf(c.typeRef, depth + 1);
    return o;
  }

  private componentStructure(item: ItemDefinition, depth: number): unknown {
    if (depth > 5) return 1;
    const o: Record<string, unknown> = {};
    for (const c of item.components) o[c.name] = c.components.length ? this.componentStructure(c, depth + 1) : this.structureOf(c.typeRef, depth + 1);
    return o;
  }
}
