import { readFileSync } from 'node:fs';
import { repoPath } from '../../src/kernel/paths.js';
import { datasetFixture } from '../support/catalog-fixtures.js';
import { ADMIN_KEY, type TestPlatform } from '../support/platform.js';
import { standardEntry } from '../registers/platform.js';

/**
 * The world the authorisation matrix runs in: organisation A owns one item of every kind
 * the API can change, B owns nothing of A's, C is a third party to A's contract.
 */
export const A = 'gemeente-a';
export const B = 'gemeente-b';
export const C = 'provincie-c';

export interface World {
  scenario: string;
  keyA: string;
  keyB: string;
  keyAPrefix: string;
  checkId: string;
  contractHash: string;
  sta: { thing: number; location: number; historicalLocation: number; datastream: number; sensor: number; observedProperty: number; observation: number; feature: number; datastreamB: number };
}

const day = 86_400_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
export const TOWER = { minX: 84961, minY: 447508, maxX: 84979, maxY: 447526 };

export const bodies = {
  organisation: (id = A) => ({ id, name: `Organisatie ${id}`, kind: 'gemeente' }),
  mandate: (id = 'raad-a') => ({ id, kind: 'raadsbesluit', title: 'Raadsbesluit sensoren', ownerId: A, decidedBy: { name: 'Gemeenteraad A', elected: true } }),
  dataset: (id = 'ds-a') => datasetFixture({ id, publisherId: A, personalData: 'pseudonymised', legalBasis: 'AVG art. 6(1)(e)', mandateIds: ['raad-a'] }),
  algorithm: (id = 'alg-a') => ({ id, ownerId: A, mandateIds: ['raad-a'], standard: standardEntry() }),
  device: (id = 'dev-a') => ({ id, ownerId: A, name: 'Wifiteller Markt', category: 'teller', theme: 'mobiliteit', location: { longitude: 4.3587, latitude: 52.0116 }, observes: [{ name: 'passanten' }], personalData: false, purpose: 'Drukte meten' }),
  scenario: () => ({
    name: 'Toren proef',
    ownerId: A,
    additions: [{ name: 'Proeftoren', crs: 'EPSG:28992', height: 40, footprint: { type: 'Polygon', coordinates: [[[TOWER.minX, TOWER.minY], [TOWER.maxX, TOWER.minY], [TOWER.maxX, TOWER.maxY], [TOWER.minX, TOWER.maxY], [TOWER.minX, TOWER.minY]]] } }],
  }),
  peer: (organisationId = C) => ({ organisationId, name: `Knooppunt ${organisationId}`, baseUrl: `https://data.${organisationId}.example:8443/`, certificateFingerprint: 'ab'.repeat(32) }),
  contract: (id = 'c-a') => ({
    id,
    providerId: A,
    consumerId: C,
    service: { name: 'Vrije plaatsen', pathPrefix: '/sta/v1.1/Things(1)' },
    purpose: 'Mobiliteitsmonitor',
    personalData: false,
    mandateIds: ['raad-a'],
    validFrom: iso(-day),
    validUntil: iso(365 * day),
  }),
  processing: () => ({ purposes: ['Toezicht'], retention: '30 dagen' }),
  location: (name = 'ingang') => ({ name, description: name, encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [4.36, 52.01] } }),
  sensor: (name = 'lus') => ({ name, description: 'lus', encodingType: 'text/html', metadata: 'https://example.org' }),
  observedProperty: (name = 'vrij') => ({ name, definition: `https://example.org/${name}`, description: name }),
  feature: (name = 'vak') => ({ name, description: name, encodingType: 'application/geo+json', feature: { type: 'Point', coordinates: [4.36, 52.01] } }),
  datastream: (name = 'vrije plaatsen') => ({
    name,
    description: name,
    observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_CountObservation',
    unitOfMeasurement: { name: 'plaatsen', symbol: '', definition: 'https://example.org/plaatsen' },
    properties: { resultBounds: { min: 0, max: 201 } },
  }),
  sttr: () => readFileSync(repoPath('demo', 'omgevingswet', 'sttr', 'ConclusieBouwenDakkapel.dmn'), 'utf8'),
  turtle: () => `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n<https://example.org/ds> a dcat:Dataset ; dct:title "x"@nl .\n`,
  cityjson: () => readFileSync(repoPath('test', 'fixtures', 'cityjson', 'conformance', 'cityjson_minimal', 'cityjson_minimal.city.json'), 'utf8'),
};

async function ok(p: TestPlatform, method: 'POST' | 'PUT', url: string, body: unknown, key: string): Promise<any> {
  const res = await p.call(method, url, body, key);
  if (res.status >= 300) throw new Error(`fixture ${method} ${url}: ${res.status} ${res.body}`);
  return res;
}

const idOf = (location: unknown) => Number(/\((\d+)\)$/.exec(String(location))![1]);

/** Makes A's items, one of every kind, through the API as A (or the administrator where only it may). */
export async function buildWorld(p: TestPlatform): Promise<World> {
  for (const id of [A, B, C]) await ok(p, 'POST', '/api/v1/organisations', bodies.organisation(id), ADMIN_KEY);
  const issuedA = (await ok(p, 'POST', `/api/v1/organisations/${A}/keys`, { label: 'a' }, ADMIN_KEY)).json;
  const keyB = (await ok(p, 'POST', `/api/v1/organisations/${B}/keys`, { label: 'b' }, ADMIN_KEY)).json.key as string;
  const keyA = issuedA.key as string;
  await ok(p, 'POST', '/api/v1/mandates', bodies.mandate(), keyA);
  await ok(p, 'POST', '/api/v1/catalog/datasets', bodies.dataset(), keyA);
  await ok(p, 'POST', '/api/v1/registers/algorithms', bodies.algorithm(), keyA);
  await ok(p, 'POST', '/api/v1/registers/sensors/devices', bodies.device(), keyA);
  await ok(p, 'PUT', '/api/v1/registers/processing/datasets/ds-a', bodies.processing(), keyA);
  const scenario = (await ok(p, 'POST', '/api/v1/twin/scenarios', bodies.scenario(), keyA)).json.id as string;
  await ok(p, 'POST', '/api/v1/federation/peers', bodies.peer(), ADMIN_KEY);
  const contract = (await ok(p, 'POST', '/api/v1/federation/contracts', bodies.contract(), ADMIN_KEY)).json;
  // The STTR import takes XML.
  const sttr = await p.app.inject({ method: 'POST', url: '/api/v1/rules/activities?id=dakkapel-a', headers: { 'content-type': 'application/xml', 'x-api-key': keyA }, payload: bodies.sttr() });
  if (sttr.statusCode >= 300) throw new Error(`fixture STTR import: ${sttr.statusCode} ${sttr.body}`);
  const check = await p.call('POST', '/api/v1/rules/checks', { activity: 'ConclusieBouwenDakkapel' });
  // SensorThings: a Thing with a Location, a Datastream with its Sensor and ObservedProperty, an Observation with a feature.
  const thing = idOf((await ok(p, 'POST', '/sta/v1.1/Things', { name: 'garage', description: 'garage', Locations: [bodies.location()] }, keyA)).headers.location);
  const location = (await p.call('GET', `/sta/v1.1/Things(${thing})/Locations`)).json.value[0]['@iot.id'] as number;
  const historicalLocation = (await p.call('GET', `/sta/v1.1/Things(${thing})/HistoricalLocations`)).json.value[0]['@iot.id'] as number;
  const ds = await ok(p, 'POST', '/sta/v1.1/Datastreams', { ...bodies.datastream(), Thing: { '@iot.id': thing }, Sensor: bodies.sensor(), ObservedProperty: bodies.observedProperty() }, keyA);
  const datastream = idOf(ds.headers.location);
  const expanded = (await p.call('GET', `/sta/v1.1/Datastreams(${datastream})?$expand=Sensor,ObservedProperty`)).json;
  const feature = idOf((await ok(p, 'POST', '/sta/v1.1/FeaturesOfInterest', bodies.feature(), keyA)).headers.location);
  const observation = idOf((await ok(p, 'POST', '/sta/v1.1/Observations', { result: 12, Datastream: { '@iot.id': datastream }, FeatureOfInterest: { '@iot.id': feature } }, keyA)).headers.location);
  const thingB = idOf((await ok(p, 'POST', '/sta/v1.1/Things', { name: 'b', description: 'b', Locations: [bodies.location('b')] }, keyB)).headers.location);
  const datastreamB = idOf((await ok(p, 'POST', '/sta/v1.1/Datastreams', { ...bodies.datastream('b'), Thing: { '@iot.id': thingB }, Sensor: bodies.sensor('b'), ObservedProperty: bodies.observedProperty('b') }, keyB)).headers.location);
  return {
    keyA,
    keyB,
    keyAPrefix: issuedA.prefix,
    checkId: check.json.id,
    contractHash: contract.contentHash,
    scenario,
    sta: { thing, location, historicalLocation, datastream, sensor: expanded.Sensor['@iot.id'], observedProperty: expanded.ObservedProperty['@iot.id'], observation, feature, datastreamB },
  };
}
