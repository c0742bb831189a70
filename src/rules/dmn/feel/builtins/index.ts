import type { FeelFunction } from '../values.js';
import { CONTEXT_FUNCTIONS } from './contexts.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import { DATE_FUNCTIONS, LOGIC_FUNCTIONS } from './dates.js';
import { LIST_FUNCTIONS } from './lists.js';
import { NUMBER_FUNCTIONS } from './numbers.js';
import { RANGE_FUNCTIONS } from './ranges.js';
import { STRING_FUNCTIONS } from './strings.js';

/** The FEEL built-in functions by name (DMN 1.5 §10.3.4). */
const BUILTINS = new Map<string, FeelFunction>(
  [...CONVERSION_FUNCTIONS, ...LOGIC_FUNCTIONS, ...STRING_FUNCTIONS, ...LIST_FUNCTIONS, ...NUMBER_FUNCTIONS, ...DATE_FUNCTIONS, ...RANGE_FUNCTIONS, ...CONTEXT_FUNCTIONS]
    .map((f) => [f.name, f]),
);

export function getBuiltin(name: string): FeelFunction | undefined {
  return BUILTINS.get(name);
}
export const builtinNames = (): string[] => [...BUILTINS.keys()];
