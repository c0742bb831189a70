import { describe, expect, it } from 'vitest';
import { flagsOf, personalDataOf, streamOf } from '../../../src/registers/sensors/entries.js';
import { pointOf } from '../../../src/registers/sensors/live-reader.js';

describe('sensor declarations', () => {
  it.each([
    [true, { personalData: true }],
    [false, { personalData: false }],
    ['none', { personalData: false, personalDataClass: 'none' }],
    ['Geen', { personalData: false, personalDataClass: 'Geen' }],
    ['pseudonymised', { personalData: true, personalDataClass: 'pseudonymised' }],
    [{ class: 'special-category' }, { personalData: true, personalDataClass: 'special-category' }],
    [undefined, { personalData: null }],
    ['  ', { personalData: null }],
    [42, { personalData: null }],
  ])('reads personalData %j', (input, expected) => {
    expect(personalDataOf(input)).toEqual(expected);
  });

  it('flags personal data without a legal basis per stream, and a missing owner', () => {
    const stream = (personalData: boolean | null, legalBasis?: string) => ({ name: 's', observedProperty: { name: 'p' }, personalData, mandateIds: [], ...(legalBasis ? { legalBasis } : {}) });
    expect(flagsOf({ personalData: true, ownerId: 'o', streams: [stream(true, 'AVG 6(1)(e)'), stream(true)] })).toEqual(['personal-data-without-legal-basis']);
    expect(flagsOf({ personalData: true, ownerId: 'o', streams: [stream(true, 'AVG 6(1)(e)'), stream(false)] })).toEqual([]);
    expect(flagsOf({ personalData: null, ownerId: null, streams: [stream(null)] })).toEqual(['no-owner']);
    expect(flagsOf({ personalData: true, legalBasis: 'x', ownerId: 'o', streams: [] })).toEqual([]);
    expect(flagsOf({ personalData: true, ownerId: 'o', streams: [] })).toEqual(['personal-data-without-legal-basis']);
  });

  it('prefers meta over properties, and its own declaration over the dataset it feeds', () => {
    const base = { id: '1', name: 'd', unit: { symbol: 'µg/m³' }, observationCount: 3, observedProperty: { name: 'NO2', definition: '' } };
    const s = streamOf({ ...base, properties: { personalData: 'personal', legalBasis: 'oud', catalogDataset: 'ds' }, meta: { legalBasis: 'nieuw', retention: 30 } }, new Map([['ds', { id: 'ds', publisherId: 'x', mandateIds: ['m'], personalData: 'none', legalBasis: 'dataset' }]]));
    expect(s).toMatchObject({ personalData: true, personalDataClass: 'personal', legalBasis: 'nieuw', retention: '30 dagen', mandateIds: ['m'], unit: 'µg/m³', catalogDataset: 'ds' });
    expect(s.observedProperty).toEqual({ name: 'NO2' });
  });

  it.each([
    [{ type: 'Point', coordinates: [4.3, 52] }, { longitude: 4.3, latitude: 52 }],
    ['{"type":"Point","coordinates":[4.3,52]}', { longitude: 4.3, latitude: 52 }],
    [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2, 3] } }, { longitude: 1, latitude: 2 }],
    [{ type: 'Polygon', coordinates: [] }, null],
    ['not json', null],
    [null, null],
  ])('takes a point from %j', (input, expected) => {
    expect(pointOf(input)).toEqual(expected);
  });
});
