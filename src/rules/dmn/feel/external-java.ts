/**
 * FEEL externally defined Java functions (`function(x) external {java: {class: "…",
 * method signature: "m(double)"}}`, DMN 1.5 §10.3.2.13.3). This engine runs no Java: it
 * answers a fixed set of static methods of java.lang whose results the Java SE API fully
 * specifies (java.lang.Math, the number wrappers' valueOf/parse methods, String.valueOf
 * and String.format with %s/%d/%%), with the argument conversions Java's signature types
 * imply. Any other class or method is an evaluation error, never host code.
 */
import { FeelEvalError } from '../errors.js';
import { FeelFunction, isContext, type FunctionParam } from './values.js';

type JavaArg = number | string | unknown[];
type JavaMethod = (args: JavaArg[]) => unknown;

const fail = (why: string): never => {
  throw new FeelEvalError(why);
};

const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647], long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** A FEEL value as the Java parameter type asks (the DMN Java mapping); an error where Java would refuse it. */
function toJava(v: unknown, type: string): JavaArg {
  if (type === 'double' || type === 'java.lang.Double') return typeof v === 'number' ? v : fail(`${type} needs a number`);
  if (type === 'float' || type === 'java.lang.Float') return typeof v === 'number' ? Math.fround(v) : fail(`${type} needs a number`);
  const range = INT_RANGES[type.replace(/^java\.lang\./, '').replace('Integer', 'int').toLowerCase()];
  if (range) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) return fail(`${type} needs a whole number in ${range[0]}..${range[1]}`);
    return v;
  }
  if (type === 'char' || type === 'java.lang.Character') return typeof v === 'string' && v.length === 1 ? v : fail(`${type} needs a string of one character`);
  if (type === 'java.lang.String') return typeof v === 'string' ? v : fail(`${type} needs a string`);
  if (type === '[Ljava.lang.Object;' || type === 'java.lang.Object[]') return Array.isArray(v) ? v : [v];
  return fail(`no mapping of FEEL values to the Java type ${type}`);
}

/** Java's decimal number syntax for valueOf(String)/parseX(String). */
function parseJavaNumber(s: string, integral: boolean, range?: [number, number]): number {
  const t = s.trim() === s ? s : fail(`'${s}' is no number`);
  const ok = integral ? /^[+-]?\d+$/.test(t) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(t);
  if (!ok) return fail(`'${s}' is no number (NumberFormatException)`);
  const n = Number(t.replace(/[fFdD]$/, ''));
  if (range && (n < range[0] || n > range[1])) return fail(`'${s}' is out of range (NumberFormatException)`);
  return n;
}

const WRAPPERS: Record<string, { integral: boolean; range?: [number, number]; float?: boolean }> = {
  'java.lang.Integer': { integral: true, range: INT_RANGES.int! },
  'java.lang.Long': { integral: true, range: INT_RANGES.long! },
  'java.lang.Short': { integral: true, range: INT_RANGES.short! },
  'java.lang.Byte': { integral: true, range: INT_RANGES.byte! },
  'java.lang.Double': { integral: false },
  'java.lang.Float': { integral: false, float: true },
};

const MATH_1 = ['abs', 'acos', 'asin', 'atan', 'cbrt', 'ceil', 'cos', 'cosh', 'exp', 'expm1', 'floor', 'log', 'log10', 'log1p', 'signum', 'sin', 'sinh', 'sqrt', 'tan', 'tanh'] as const;

/** A Java float as the decimal Float.toString writes: the shortest that reads back as the same float. */
function floatDecimal(x: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(x.toPrecision(p));
    if (Math.fround(d) === x) return d;
  }
  return x;
}

const PRIMITIVE_NUMBERS = new Set(['double', 'float', 'int', 'long']);

function mathMethod(name: string, types: string[]): JavaMethod | undefined {
  if (!types.every((t) => PRIMITIVE_NUMBERS.has(t))) return undefined;
  const m = Math as unknown as Record<string, (...a: number[]) => number>;
  const nums = (a: JavaArg[]) => a as number[];
  // abs, max and min keep their argument type: on floats they answer a float.
  const floats = types.includes('float') && ['abs', 'max', 'min'].includes(name);
  if ((MATH_1 as readonly string[]).includes(name) && types.length === 1) return (a) => (floats ? floatDecimal : Number)(m[name === 'signum' ? 'sign' : name]!(...nums(a)));
  if (['max', 'min', 'pow', 'atan2', 'hypot'].includes(name) && types.length === 2) return (a) => (floats ? floatDecimal : Number)(m[name]!(...nums(a)));
  if (name === 'toDegrees' && types.length === 1) return (a) => (nums(a)[0]! * 180) / Math.PI;
  if (name === 'toRadians' && types.length === 1) return (a) => (nums(a)[0]! * Math.PI) / 180;
  if (name === 'round' && types.length === 1) return (a) => Math.floor(nums(a)[0]! + 0.5);
  return undefined;
}

/** String.format for the conversions %s, %d and %% (others are refused rather than guessed). */
function javaFormat(fmt: string, args: unknown[]): string {
  let k = 0;
  return fmt.replace(/%([sdn%])/g, (_m, c: string) => {
    if (c === '%') return '%';
    if (c === 'n') return '\n';
    if (k >= args.length) return fail('String.format: too few arguments (MissingFormatArgumentException)');
    const v = args[k++];
    if (c === 'd' && (typeof v !== 'number' || !Number.isInteger(v))) return fail('String.format: %d needs a whole number');
    return String(v);
  }).replace(/%/g, () => fail('String.format: only %s, %d, %n and %% are supported here'));
}

function lookup(cls: string, name: string, types: string[]): JavaMethod | undefined {
  if (cls === 'java.lang.Math' || cls === 'java.lang.StrictMath') return mathMethod(name, types);
  const w = WRAPPERS[cls];
  if (w && (name === 'valueOf' || name.startsWith('parse')) && types.length === 1) {
    if (types[0] === 'java.lang.String') return ([s]) => {
      const n = parseJavaNumber(s as string, w.integral, w.range);
      return w.float ? floatDecimal(Math.fround(n)) : n;
    };
    return ([n]) => (w.float ? floatDecimal(n as number) : n);
  }
  if (cls === 'java.lang.String' && name === 'valueOf' && types.length === 1) return ([v]) => String(v);
  if (cls === 'java.lang.String' && name === 'format' && types.length === 2) return ([f, rest]) => javaFormat(f as string, rest as unknown[]);
  return undefined;
}

/** The FEEL function for an external Java function definition; null (reported by the caller) when the mapping is unusable. */
export function externalJavaFunction(spec: unknown, params: FunctionParam[]): FeelFunction | string {
  if (!isContext(spec) || !isContext(spec.java)) return 'an external function needs {java: {class: …, method signature: …}} (PMML is not supported)';
  const cls = spec.java['class'];
  const sig = spec.java['method signature'];
  const m = typeof sig === 'string' ? /^\s*([\w$]+)\s*\(([^)]*)\)\s*$/.exec(sig) : null;
  if (typeof cls !== 'string' || !m) return `the Java class or method signature is not valid: ${String(cls)} ${String(sig)}`;
  const types = m[2]!.trim() === '' ? [] : m[2]!.split(',').map((t) => t.trim());
  if (types.length !== params.length) return `${cls}.${m[1]} takes ${types.length} parameters, the function ${params.length}`;
  const method = lookup(cls, m[1]!, types);
  if (!method) return `${cls}.${m[1]}(${types.join(', ')}) is not available: this engine runs no Java, only a fixed set of java.lang methods`;
  return new FeelFunction(params, (args) => {
    const r = method(args.map((a, i) => toJava(a, types[i]!)));
    return typeof r === 'number' && !Number.isFinite(r) ? fail('the result is not a finite number') : r;
  }, `${cls}.${m[1]}`);
}
