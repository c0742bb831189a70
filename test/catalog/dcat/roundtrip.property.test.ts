import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportDataset } from '../../../src/catalog/dcat/export.js';
import { parseDcat } from '../../../src/catalog/dcat/import.js';
import { asDataset, BASE_URL, DEMO_DATASETS, expectedInput, MANDATES, ORGANISATIONS } from './helpers.js';

/** Text that stresses escaping: quotes, backslashes, controls, non-BMP characters, markup. */
const nastyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0001', '\u007f', '\'', '<', '>', '{', '}', '@', '^^', 'é', '’', '😀', '"""') },
);
const text = (max: number) => fc.string({ unit: nastyUnit, minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);

describe('round trip with arbitrary text', () => {
  it('titles, descriptions, keywords and contact names survive Turtle and JSON-LD', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(40), fc.option(text(40), { nil: undefined }), text(200), fc.uniqueArray(text(20), { maxLength: 5, selector: (k) => k.trim() }), text(30),
        async (titleNl, titleEn, description, keywords, contactName) => {
          const base = DEMO_DATASETS[0]!;
          const dataset = asDataset({
            ...expectedInput(base),
            id: base.id,
            publisherId: base.publisherId,
            title: { nl: titleNl, ...(titleEn ? { en: titleEn } : {}) },
            description: { nl: description },
            keywords,
            contactPoint: { name: contactName },
          });
          for (const format of ['turtle', 'jsonld'] as const) {
            const doc = exportDataset({ dataset, organisations: ORGANISATIONS, mandates: MANDATES, baseUrl: BASE_URL }, format);
            const result = await parseDcat(doc, format);
            expect(result.rejected).toEqual([]);
            expect(result.datasets[0]?.input).toEqual(expectedInput(dataset));
          }
        },
      ),
      { numRuns: 60, seed: 20260101 },
    );
  });
});
