import { A, B, bodies, type World } from './matrix-fixtures.js';

/**
 * Who may make a write:
 * - owner: a key of the item's owning organisation (A) or the administrator;
 * - admin: the administrator only;
 * - anonymous: anyone, without a key (capped per client);
 * - any-organisation: any organisation's key, for its own items (refused items are reported, not stored).
 */
export type Access = 'owner' | 'admin' | 'anonymous' | 'any-organisation';

export interface WriteCase {
  /** `METHOD /path` as the OpenAPI document writes it, or as the SensorThings API names it. */
  route: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: (w: World) => string;
  /** A body the owner would send (valid, so a refusal is never a validation error in disguise). */
  body?: (w: World) => unknown;
  contentType?: string;
  access: Access;
  /** Who makes the write when the matrix checks it is allowed (default: A, or the administrator for admin routes). */
  allowedFor?: 'admin';
}

const c = (route: string, access: Access, url: WriteCase['url'], body?: WriteCase['body'], contentType?: string): WriteCase => {
  const [method] = route.split(' ') as [WriteCase['method']];
  return { route, method, url, access, ...(body ? { body } : {}), ...(contentType ? { contentType } : {}) };
};

const api = (path: string) => `/api/v1${path}`;

/** Every write route of the OpenAPI document. A route missing here fails the matrix's completeness test. */
export const API_CASES: WriteCase[] = [
  c('POST /api/v1/organisations', 'admin', () => api('/organisations'), () => bodies.organisation('gemeente-nieuw')),
  c('PUT /api/v1/organisations/{id}', 'owner', () => api(`/organisations/${A}`), () => bodies.organisation(A)),
  c('DELETE /api/v1/organisations/{id}', 'admin', () => api(`/organisations/${A}`)),
  c('POST /api/v1/organisations/{id}/keys', 'owner', () => api(`/organisations/${A}/keys`), () => ({ label: 'extra' })),
  c('DELETE /api/v1/organisations/{id}/keys/{prefix}', 'owner', (w) => api(`/organisations/${A}/keys/${w.keyAPrefix}`)),
  c('POST /api/v1/mandates', 'owner', () => api('/mandates'), () => bodies.mandate('raad-a-2')),
  c('PUT /api/v1/mandates/{id}', 'owner', () => api('/mandates/raad-a'), () => bodies.mandate('raad-a')),
  c('DELETE /api/v1/mandates/{id}', 'owner', () => api('/mandates/raad-a')),
  c('POST /api/v1/catalog/datasets', 'owner', () => api('/catalog/datasets'), () => bodies.dataset('ds-a-2')),
  c('PUT /api/v1/catalog/datasets/{id}', 'owner', () => api('/catalog/datasets/ds-a'), () => bodies.dataset('ds-a')),
  c('DELETE /api/v1/catalog/datasets/{id}', 'owner', () => api('/catalog/datasets/ds-a')),
  c('POST /api/v1/catalog/harvest', 'any-organisation', () => api('/catalog/harvest'), () => bodies.turtle(), 'text/turtle'),
  c('POST /api/v1/rules/plans', 'admin', () => api('/rules/plans'), () => '<gml/>', 'application/gml+xml'),
  c('DELETE /api/v1/rules/plans/{id}', 'admin', () => api('/rules/plans/NL.IMRO.0664.BPBS02-VG99')),
  c('POST /api/v1/rules/here', 'anonymous', () => api('/rules/here'), () => ({ geometry: { type: 'Polygon', coordinates: [[[3.88, 51.49], [3.89, 51.49], [3.89, 51.5], [3.88, 51.49]]] } })),
  c('POST /api/v1/rules/check-building', 'anonymous', () => api('/rules/check-building'), () => ({ footprint: { type: 'Polygon', coordinates: [[[3.88, 51.49], [3.881, 51.49], [3.881, 51.491], [3.88, 51.49]]] }, height: 10 })),
  c('POST /api/v1/rules/check-scenario', 'anonymous', () => api('/rules/check-scenario'), (w) => ({ scenario: w.scenario })),
  c('POST /api/v1/rules/activities', 'any-organisation', () => api('/rules/activities?id=dakkapel-b'), () => bodies.sttr(), 'application/xml'),
  c('DELETE /api/v1/rules/activities/{id}', 'owner', () => api('/rules/activities/dakkapel-a')),
  c('POST /api/v1/rules/checks', 'anonymous', () => api('/rules/checks'), () => ({ activity: 'ConclusieBouwenDakkapel' })),
  c('POST /api/v1/rules/checks/{id}/answers', 'anonymous', (w) => api(`/rules/checks/${w.checkId}/answers`), () => ({ answers: {} })),
  c('POST /api/v1/twin/imports', 'admin', () => api('/twin/imports'), () => bodies.cityjson(), 'application/city+json'),
  c('POST /api/v1/twin/scenarios', 'owner', () => api('/twin/scenarios'), () => bodies.scenario()),
  c('PUT /api/v1/twin/scenarios/{id}', 'owner', (w) => api(`/twin/scenarios/${w.scenario}`), () => bodies.scenario()),
  c('DELETE /api/v1/twin/scenarios/{id}', 'owner', (w) => api(`/twin/scenarios/${w.scenario}`)),
  c('POST /api/v1/twin/analyses/sun-hours', 'anonymous', () => api('/twin/analyses/sun-hours'), () => ({ bbox: [4.35, 52.0, 4.3501, 52.0001], date: '2026-06-21', cellSize: 5 })),
  c('POST /api/v1/twin/analyses/facades', 'anonymous', () => api('/twin/analyses/facades'), () => ({ buildings: ['nobody'] })),
  c('POST /api/v1/twin/analyses/bezonning', 'anonymous', (w) => api('/twin/analyses/bezonning'), (w) => ({ scenario: w.scenario })),
  c('POST /api/v1/registers/algorithms', 'owner', () => api('/registers/algorithms'), () => bodies.algorithm('alg-a-2')),
  c('PUT /api/v1/registers/algorithms/{id}', 'owner', () => api('/registers/algorithms/alg-a'), () => bodies.algorithm('alg-a')),
  c('DELETE /api/v1/registers/algorithms/{id}', 'owner', () => api('/registers/algorithms/alg-a')),
  c('POST /api/v1/registers/ai-act/assess', 'anonymous', () => api('/registers/ai-act/assess'), () => ({ answers: {} })),
  c('PUT /api/v1/registers/processing/datasets/{id}', 'owner', () => api('/registers/processing/datasets/ds-a'), () => bodies.processing()),
  c('POST /api/v1/registers/sensors/devices', 'owner', () => api('/registers/sensors/devices'), () => bodies.device('dev-a-2')),
  c('PUT /api/v1/registers/sensors/devices/{id}', 'owner', () => api('/registers/sensors/devices/dev-a'), () => bodies.device('dev-a')),
  c('DELETE /api/v1/registers/sensors/devices/{id}', 'owner', () => api('/registers/sensors/devices/dev-a')),
  c('POST /api/v1/federation/peers', 'admin', () => api('/federation/peers'), () => bodies.peer(B)),
  c('PUT /api/v1/federation/peers/{organisationId}', 'admin', () => api('/federation/peers/provincie-c'), () => bodies.peer()),
  c('DELETE /api/v1/federation/peers/{organisationId}', 'admin', () => api('/federation/peers/provincie-c')),
  c('POST /api/v1/federation/contracts', 'admin', () => api('/federation/contracts'), () => bodies.contract('c-a-2')),
  c('DELETE /api/v1/federation/contracts/{id}', 'admin', () => api('/federation/contracts/c-a')),
  c('POST /api/v1/federation/contracts/{id}/accept', 'owner', () => api('/federation/contracts/c-a/accept'), (w) => ({ party: 'provider', contentHash: w.contractHash })),
  c('POST /api/v1/federation/contracts/{id}/revoke', 'owner', () => api('/federation/contracts/c-a/revoke'), () => ({ reason: 'test' })),
];

const sta = (path: string) => `/sta/v1.1/${path}`;
const ref = (id: number) => ({ '@iot.id': id });

/**
 * The SensorThings writes (outside the OpenAPI document, which does not describe them):
 * B linking into, changing or deleting A's entities is refused; creating its own is not.
 */
export const STA_CASES: WriteCase[] = [
  c('POST Things', 'any-organisation', () => sta('Things'), () => ({ name: 'nieuw', description: 'nieuw' })),
  c('POST Locations', 'owner', () => sta('Locations'), (w) => ({ ...bodies.location('bij A'), Things: [ref(w.sta.thing)] })),
  c('POST HistoricalLocations', 'owner', () => sta('HistoricalLocations'), (w) => ({ time: '2026-01-01T00:00:00Z', Thing: ref(w.sta.thing) })),
  c('POST Datastreams', 'owner', () => sta('Datastreams'), (w) => ({ ...bodies.datastream('in A'), Thing: ref(w.sta.thing), Sensor: ref(w.sta.sensor), ObservedProperty: ref(w.sta.observedProperty) })),
  c('POST Sensors', 'any-organisation', () => sta('Sensors'), () => bodies.sensor('eigen')),
  c('POST ObservedProperties', 'any-organisation', () => sta('ObservedProperties'), () => bodies.observedProperty('eigen')),
  c('POST FeaturesOfInterest', 'any-organisation', () => sta('FeaturesOfInterest'), () => bodies.feature('eigen')),
  c('POST Observations', 'owner', () => sta('Observations'), (w) => ({ result: 7, Datastream: ref(w.sta.datastream), FeatureOfInterest: ref(w.sta.feature) })),
  c('POST Things(id)/Datastreams', 'owner', (w) => sta(`Things(${w.sta.thing})/Datastreams`), (w) => ({ ...bodies.datastream('kind'), Sensor: ref(w.sta.sensor), ObservedProperty: ref(w.sta.observedProperty) })),
  c('POST Datastreams(id)/Observations', 'owner', (w) => sta(`Datastreams(${w.sta.datastream})/Observations`), (w) => ({ result: 8, FeatureOfInterest: ref(w.sta.feature) })),
  c('POST CreateObservations', 'owner', () => sta('CreateObservations'), (w) => [{ Datastream: ref(w.sta.datastream), components: ['result', 'FeatureOfInterest/id'], dataArray: [[9, w.sta.feature]] }]),
  // Moving B's Datastream into A's Thing takes both owners' rights: neither A nor B alone, the administrator.
  { ...c('PATCH Datastreams(B) into Things(A)', 'owner', (w) => sta(`Datastreams(${w.sta.datastreamB})`), (w) => ({ Thing: ref(w.sta.thing) })), allowedFor: 'admin' },
  c('PATCH Things', 'owner', (w) => sta(`Things(${w.sta.thing})`), () => ({ name: 'overgenomen' })),
  c('PATCH Locations', 'owner', (w) => sta(`Locations(${w.sta.location})`), () => ({ name: 'verplaatst' })),
  c('PATCH HistoricalLocations', 'owner', (w) => sta(`HistoricalLocations(${w.sta.historicalLocation})`), () => ({ time: '2026-01-02T00:00:00Z' })),
  c('PATCH Datastreams', 'owner', (w) => sta(`Datastreams(${w.sta.datastream})`), () => ({ properties: {} })),
  c('PATCH Sensors', 'owner', (w) => sta(`Sensors(${w.sta.sensor})`), () => ({ name: 'ander' })),
  c('PATCH ObservedProperties', 'owner', (w) => sta(`ObservedProperties(${w.sta.observedProperty})`), () => ({ name: 'ander' })),
  c('PATCH Observations', 'owner', (w) => sta(`Observations(${w.sta.observation})`), () => ({ result: 100 })),
  c('PATCH FeaturesOfInterest', 'owner', (w) => sta(`FeaturesOfInterest(${w.sta.feature})`), () => ({ name: 'ander' })),
  c('DELETE Things', 'owner', (w) => sta(`Things(${w.sta.thing})`)),
  c('DELETE Locations', 'owner', (w) => sta(`Locations(${w.sta.location})`)),
  c('DELETE HistoricalLocations', 'owner', (w) => sta(`HistoricalLocations(${w.sta.historicalLocation})`)),
  c('DELETE Datastreams', 'owner', (w) => sta(`Datastreams(${w.sta.datastream})`)),
  c('DELETE Sensors', 'owner', (w) => sta(`Sensors(${w.sta.sensor})`)),
  c('DELETE ObservedProperties', 'owner', (w) => sta(`ObservedProperties(${w.sta.observedProperty})`)),
  c('DELETE Observations', 'owner', (w) => sta(`Observations(${w.sta.observation})`)),
  c('DELETE FeaturesOfInterest', 'owner', (w) => sta(`FeaturesOfInterest(${w.sta.feature})`)),
];

/** The MQTT create topics, each with a body that names A's Datastream. */
export const MQTT_CASES: Array<{ name: string; topic: (w: World, prefix: string) => string; body: (w: World) => unknown }> = [
  { name: 'v1.1/Datastreams(id)/Observations', topic: (w, prefix) => `${prefix}v1.1/Datastreams(${w.sta.datastream})/Observations`, body: () => ({ result: 11 }) },
  { name: 'v1.1/Observations', topic: (_w, prefix) => `${prefix}v1.1/Observations`, body: (w) => ({ result: 11, Datastream: ref(w.sta.datastream) }) },
];
