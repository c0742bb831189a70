/** Stable codes so routes and the CLI map an import failure without parsing its text. */
export type ImroErrorCode = 'imro-xml-invalid' | 'imro-not-imro' | 'imro-geometry-invalid' | 'imro-no-plan';

/** An IMRO file that cannot be imported; names the element and the line where it went wrong. */
export class ImroError extends Error {
  constructor(
    readonly code: ImroErrorCode,
    readonly detail: string,
    readonly element?: string,
    readonly line?: number,
  ) {
    super(`${element ? `<${element}>` : 'document'}${line !== undefined ? ` at line ${line}` : ''}: ${detail}`);
    this.name = 'ImroError';
  }
}
