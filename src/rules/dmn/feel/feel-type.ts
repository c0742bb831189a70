/** A FEEL type as written in `instance of`, function parameters or a typeRef. */
export type FeelType =
  | { kind: 'any' }
  | { kind: 'builtin'; name: string }
  | { kind: 'list'; of: FeelType }
  | { kind: 'range'; of: FeelType }
  | { kind: 'context'; entries: [string, FeelType][] }
  | { kind: 'function'; params: FeelType[]; ret: FeelType }
  /** An item definition or other named type resolved through the model. */
  | { kind: 'named'; name: string };

/** Checks a value against a named (item definition) type; `collection` says whether the type is a list type. */
export interface NamedType {
  check: (v: unknown) => boolean;
  collection: boolean;
}
/** Resolves a named type through the model; undefined when unknown. */
export type TypeResolver = (name: string) => NamedType | undefined;
