import { describe, expect, it } from 'vitest';
import { THEMES } from '../../src/catalog/vocab.js';
import { en } from '../../web/src/i18n/en.js';
import { nl } from '../../web/src/i18n/nl.js';

/** What the type system cannot see: placeholders, blanks, and the two dictionaries drifting apart at run time. */
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('UI dictionaries', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.entries(nl).filter(([key, text]) => placeholders(text).join() !== placeholders(en[key as keyof typeof en]).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('have no empty or untrimmed messages', () => {
    const bad = [...Object.entries(nl), ...Object.entries(en)].filter(([, text]) => text.trim() === '' || text !== text.trim());
    expect(bad).toEqual([]);
  });

  it('translate the things that differ between the languages', () => {
    // Messages that read the same in both languages: names, codes and loanwords.
    const same = new Set([
      'app.name', 'app.footer', 'lang.nl', 'lang.en', 'dr.filters', 'dr.facet.sector', 'dr.facet.option', 'dd.status', 'dd.distributions',
      'dd.dist.link', 'dd.rdf', 'dd.rdf.turtle', 'dd.rdf.jsonld', 'sector.geo-ngii', 'sector.water', 'mandateKind.contract', 'nav.menu', 'reg.proc.source.catalog', 'reg.proc.source.sensors',
    ]);
    const untranslated = Object.keys(nl).filter((key) => !same.has(key) && nl[key as keyof typeof nl] === en[key as keyof typeof en]);
    expect(untranslated).toEqual([]);
  });

  it('does not need theme labels: those come from the server vocabulary', () => {
    expect(Object.keys(nl).filter((key) => THEMES.some((code) => key.endsWith(`.${code}`)))).toEqual([]);
  });
});
