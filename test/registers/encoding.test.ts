import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEncoding, doubleEncode } from '../../src/registers/algorithms/import/encoding.js';
import { templateRowReason } from '../../src/registers/algorithms/import/template-rows.js';
import { clip } from '../../src/registers/algorithms/import/map-row.js';

/** Text as Dutch public documents have it: letters, accents, quotes, dashes, euro sign. */
const dutch = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC.,\'’‘“”–—€éëèêïíóöüçàáÉÈß0123456789\n'.split('')), maxLength: 80 });

describe('mis-encoding', () => {
  it('repairs any double-encoded Dutch text back to the original', () => {
    fc.assert(
      fc.property(dutch, (s) => {
        const r = checkEncoding(doubleEncode(s));
        expect(r.text).toBe(s);
        expect(r.replacementCharacters).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('repairs text that was double-encoded twice', () => {
    expect(checkEncoding(doubleEncode(doubleEncode('één café’s'))).text).toBe('één café’s');
  });

  it('leaves clean text alone', () => {
    fc.assert(
      fc.property(dutch, (s) => {
        expect(checkEncoding(s)).toEqual({ text: s, repairs: [], replacementCharacters: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('lists each repair once with what it became', () => {
    expect(checkEncoding('CafÃ© en cafÃ© â€“ ok').repairs).toEqual([
      { from: 'Ã©', to: 'é' },
      { from: 'â€“', to: '–' },
    ]);
  });

  it('does not touch sequences that are not one valid UTF-8 character', () => {
    // "Ã" followed by a letter outside the continuation range is not mojibake.
    expect(checkEncoding('Ãx and Â and Ã').text).toBe('Ãx and Â and Ã');
    // Real capitals followed by quotes also form valid UTF-8 (É‘ = C9 91), but are text.
    expect(checkEncoding('CAFÉ‘s en “ZÜ’”').text).toBe('CAFÉ‘s en “ZÜ’”');
  });

  it('counts replacement characters it cannot repair and keeps a sample', () => {
    const r = checkEncoding('Het aantal auto\uFFFDs in de stad; \uFFFD\uFFFDn keer');
    expect(r.replacementCharacters).toBe(3);
    expect(r.text).toContain('\uFFFD');
    expect(r.sample).toContain('auto\uFFFDs');
  });
});

describe('template rows', () => {
  const TABLE: Array<[string, Record<string, string>, RegExp | undefined]> = [
    ['requirement flags', { name: 'required', organization: 'required', website: '' }, /requirement flags/],
    ['column labels', { name: 'Naam', organization: 'Organisatie', department: 'Afdeling', status: 'Status' }, /column labels/],
    ['guidance sentences', { name: 'De naam die gebruikt wordt om dit algoritme aan te duiden.', organization: 'De volledige naam van de organisatie verantwoordelijk voor het algoritme.' }, /field descriptions/],
    ['the standard’s own example', { name: 'Automatische Verkeersregeling Ringweg', organization: 'Gemeente Noorderhaaks' }, /example entry/],
    ['placeholder', { name: 'Lorem ipsum dolor', organization: 'Gemeente X' }, /placeholder/],
    ['empty row', { name: '', organization: '' }, /empty/],
    ['a real entry with a long name in brackets', { name: 'Profiel Bewoningsgraad Landelijke Aanpak Adreskwaliteit (LAA)', organization: 'Ministerie BZK' }, undefined],
    ['a real entry', { name: 'Parkeercontrole', organization: 'Gemeente Rotterdam', status: 'In gebruik' }, undefined],
  ];
  for (const [name, row, expected] of TABLE) {
    it(name, () => {
      const reason = templateRowReason(row);
      if (expected) expect(reason).toMatch(expected);
      else expect(reason).toBeUndefined();
    });
  }
});

describe('clip', () => {
  it('keeps text that fits and cuts longer text at a sentence or word, marked with an ellipsis', () => {
    expect(clip('kort', 10)).toBe('kort');
    const long = 'Eerste zin is hier. Tweede zin is veel langer dan de ruimte die er is.';
    expect(clip(long, 30)).toBe('Eerste zin is hier.…');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 10, max: 200 }), (s, max) => {
        expect(clip(s, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
