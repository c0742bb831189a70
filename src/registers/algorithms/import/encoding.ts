/**
 * Mis-encoded text in published exports. Two kinds occur:
 *
 * - Double encoding ("mojibake"): UTF-8 bytes read as Windows-1252/Latin-1 and saved
 *   again, so "é" becomes "Ã©". Reversible: map each character back to its byte and
 *   decode the bytes as UTF-8. We repair only sequences that form exactly one valid
 *   UTF-8 character (fatal decoder) and start with a character that does not occur in
 *   that position in Dutch text (see MOJIBAKE), which is what makes the repair unambiguous.
 * - Replacement characters (U+FFFD, "�"): the original byte was already thrown away
 *   before publication ("auto�s" may have been "auto's" or "auto’s"). Not repairable;
 *   reported with a sample so a person can fix the source.
 */

/** Windows-1252 characters in 0x80–0x9F, by byte. Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined there and read as Latin-1 C1 controls. */
const CP1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const BYTE_OF = new Map<string, number>();
for (let b = 0; b <= 0xff; b++) BYTE_OF.set(String.fromCharCode(b), b);
for (const [b, cp] of Object.entries(CP1252)) BYTE_OF.set(String.fromCodePoint(cp), Number(b));

const escape = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
/** Characters that stand for a UTF-8 continuation byte (0x80–0xBF) when misread. */
const CONT = `[\\u0080-\\u00BF${escape(Object.values(CP1252).slice(0).map((cp) => String.fromCodePoint(cp)).join(''))}]`;
/**
 * Only runs that start with Â or Ã (every Latin-1 letter Dutch uses: é ë ï ö ü ç à …),
 * â (’ “ ” – — € … •) or ð (emoji) are repaired. Other leads are real letters in real
 * text: "CAFÉ‘s" is É followed by a quote, although the two also form valid UTF-8.
 */
const MOJIBAKE = new RegExp(`[\\u00C2\\u00C3]${CONT}|\\u00E2${CONT}{2}|\\u00F0${CONT}{3}`, 'gu');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeRun(run: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of run) {
    const b = BYTE_OF.get(ch);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  try {
    const out = utf8.decode(Uint8Array.from(bytes));
    return [...out].length === 1 ? out : undefined;
  } catch {
    return undefined;
  }
}

export interface EncodingRepair {
  from: string;
  to: string;
}

export interface EncodingCheck {
  text: string;
  repairs: EncodingRepair[];
  /** U+FFFD characters left in the text (not repairable). */
  replacementCharacters: number;
  /** The first replacement character with some context, for the report. */
  sample?: string;
}

/** Repairs double-encoded sequences (repeatedly, for text encoded twice over) and counts lost characters. */
export function checkEncoding(input: string): EncodingCheck {
  let text = input;
  const repairs: EncodingRepair[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    text = text.replace(MOJIBAKE, (run) => {
      const fixed = decodeRun(run);
      if (fixed === undefined) return run;
      changed = true;
      const seen = repairs.find((r) => r.from === run);
      if (!seen) repairs.push({ from: run, to: fixed });
      return fixed;
    });
    if (!changed) break;
  }
  let replacementCharacters = 0;
  for (const ch of text) if (ch === '\uFFFD') replacementCharacters++;
  const check: EncodingCheck = { text, repairs, replacementCharacters };
  if (replacementCharacters) {
    const at = text.indexOf('\uFFFD');
    check.sample = text.slice(Math.max(0, at - 25), at + 25).replace(/\s+/g, ' ');
  }
  return check;
}

/** The mojibake of `text`: its UTF-8 bytes read as Windows-1252 (Latin-1 where 1252 has no character). For tests and fixtures. */
export function doubleEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return Array.from(bytes, (b) => String.fromCodePoint(CP1252[b] ?? b)).join('');
}
