import { describe, expect, it } from 'vitest';
import { generateDatasets } from '../../../src/catalog/generate.js';
import { datasetInput } from '../../../src/catalog/model.js';

const PUBLISHERS = ['gemeente-delft', 'provincie-zuid-holland', 'parkeerbedrijf'];
const MANDATES = ['raad-2021-datastrategie', 'college-2023-parkeersensoren'];
/** The European Netherlands, generously: [west, south, east, north]. */
const NL = [3.2, 50.7, 7.3, 53.6] as const;

describe('generateDatasets', () => {
  const sample = generateDatasets(2000, 5, PUBLISHERS, { mandateIds: MANDATES });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateDatasets(50, 5, PUBLISHERS, { mandateIds: MANDATES })).toEqual(sample.slice(0, 50));
    expect(generateDatasets(50, 6, PUBLISHERS)).not.toEqual(generateDatasets(50, 5, PUBLISHERS));
  });

  it('yields only datasets the schema accepts', () => {
    for (const d of sample) {
      const r = datasetInput.safeParse(d);
      expect(r.success, `${d.id}: ${r.error?.message}`).toBe(true);
    }
  });

  it('gives unique dataset and distribution ids', () => {
    const ids = sample.map((d) => d.id);
    expect(new Set(ids).size).toBe(sample.length);
    const distIds = sample.flatMap((d) => (d.distributions ?? []).map((x) => x.id));
    expect(new Set(distIds).size).toBe(distIds.length);
  });

  it('keeps bboxes inside the Netherlands and uses 1–3 distributions', () => {
    for (const d of sample) {
      const [w, s, e, n] = d.spatial!.bbox!;
      expect(w >= NL[0] && s >= NL[1] && e <= NL[2] && n <= NL[3], `${d.id}: ${d.spatial!.bbox}`).toBe(true);
      expect(d.distributions!.length).toBeGreaterThanOrEqual(1);
      expect(d.distributions!.length).toBeLessThanOrEqual(3);
    }
  });

  it('states a legal basis for every dataset that holds personal data, and restricts access to it', () => {
    const personal = sample.filter((d) => d.personalData !== 'none');
    expect(personal.length).toBeGreaterThan(50);
    for (const d of personal) {
      expect(d.legalBasis).toMatch(/AVG/);
      expect(d.accessRights).not.toBe('PUBLIC');
    }
  });

  it('varies themes, formats, licences, languages and publishers', () => {
    const distinct = <T>(f: (d: (typeof sample)[number]) => T[]) => new Set(sample.flatMap(f)).size;
    expect(distinct((d) => d.themes)).toBeGreaterThanOrEqual(10);
    expect(distinct((d) => d.distributions!.map((x) => x.format))).toBeGreaterThanOrEqual(12);
    expect(distinct((d) => d.distributions!.map((x) => x.license))).toBeGreaterThanOrEqual(4);
    expect(distinct((d) => [d.publisherId])).toBe(PUBLISHERS.length);
    expect(sample.some((d) => d.title.en !== undefined) && sample.some((d) => d.title.en === undefined)).toBe(true);
    expect(sample.filter((d) => d.creatorId !== undefined).every((d) => d.creatorId !== d.publisherId)).toBe(true);
    expect(sample.flatMap((d) => d.mandateIds ?? []).every((m) => MANDATES.includes(m))).toBe(true);
  });

  it('needs at least one publisher', () => {
    expect(() => generateDatasets(1, 1, [])).toThrow(/publisher/);
  });
});
