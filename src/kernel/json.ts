import sjson from 'secure-json-parse';

/** Why a JSON body (HTTP or MQTT) was refused before any capability saw it. */
export class JsonInputError extends Error {
  constructor(
    readonly reason: 'encoding' | 'depth' | 'syntax',
    message: string,
  ) {
    super(message);
    this.name = 'JsonInputError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bytes as UTF-8 text; invalid sequences are refused, never replaced (RFC 8259 8.1). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new JsonInputError('encoding', 'the body is not valid UTF-8');
  }
}

/**
 * Refuses text nested deeper than `maxDepth` arrays and objects, in one pass without
 * parsing: recursive code after JSON.parse (validation, formatting) would overflow the
 * stack on a 5,000-level body.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new JsonInputError('depth', `the JSON is nested deeper than ${maxDepth} levels`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** Parses JSON from the wire: UTF-8, at most `maxDepth` levels, no `__proto__` / `constructor.prototype` keys. */
export function parseJson(input: Uint8Array | string, maxDepth: number): unknown {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  checkJsonDepth(text, maxDepth);
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    // Node's message quotes the input, which may hold identifiers: say only where it broke.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new JsonInputError('syntax', at ? `the JSON is not well-formed (at character ${at})` : 'the JSON is not well-formed');
  }
}
