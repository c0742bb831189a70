import type { DatasetInput } from '../../src/catalog/model.js';

/** A valid dataset input with the fields a test does not care about filled in. */
export function datasetFixture(overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    title: { nl: 'Parkeergarages Delft', en: 'Parking garages Delft' },
    description: { nl: 'Bezetting van de parkeergarages in de binnenstad.' },
    publisherId: 'gemeente-test',
    contactPoint: { name: 'Team data', email: 'data@example.org' },
    themes: ['TRAN'],
    accessRights: 'PUBLIC',
    personalData: 'none',
    distributions: [{ accessUrl: 'https://example.org/data.csv', format: 'CSV', license: 'CC-BY-4.0' }],
    ...overrides,
  };
}
