import { ApiError, fetchJson, getJson } from '../../api.js';
import type { AirStream, Facility, FeatureCollection, LonLat, ParkingState, ParkingStreams, Point, Station } from './types.js';

/** The SensorThings API lives at its own root, not under /api/v1. */
const STA = '/sta/v1.1';

interface StaDatastream {
  '@iot.id': number;
  name: string;
  unitOfMeasurement?: { symbol?: string };
  properties?: Record<string, unknown> | null;
}
interface StaThing {
  '@iot.id': number;
  name: string;
  properties?: Record<string, unknown> | null;
  Locations?: Array<{ location?: { type?: string; coordinates?: number[] } }>;
  Datastreams?: StaDatastream[];
}

async function staJson<T>(pathAndQuery: string, signal?: AbortSignal): Promise<T> {
  return fetchJson<T>(pathAndQuery.startsWith('http') ? pathAndQuery : `${STA}${pathAndQuery}`, { signal });
}

async function demoThings(demo: string, signal?: AbortSignal): Promise<StaThing[]> {
  const query = new URLSearchParams({
    $filter: `properties/demo eq '${demo}'`,
    $expand: 'Locations($select=location),Datastreams($select=id,name,unitOfMeasurement,properties)',
    $orderby: 'name',
    $top: '100',
  });
  return (await staJson<{ value: StaThing[] }>(`/Things?${query.toString()}`, signal)).value;
}

const pointOf = (t: StaThing): LonLat | null => {
  const c = t.Locations?.[0]?.location?.coordinates;
  return c && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : null;
};

export async function loadFacilities(signal?: AbortSignal): Promise<Facility[]> {
  const out: Facility[] = [];
  for (const t of await demoThings('delft-parkeren', signal)) {
    const at = pointOf(t);
    const roles = new Map((t.Datastreams ?? []).map((d) => [String(d.properties?.role ?? ''), d['@iot.id']]));
    const streams = { vacant: roles.get('vacant'), capacity: roles.get('capacity'), open: roles.get('open'), full: roles.get('full') };
    if (!at || Object.values(streams).some((v) => v === undefined)) continue;
    const p = t.properties ?? {};
    out.push({
      id: t['@iot.id'],
      name: t.name,
      address: String(p.address ?? ''),
      operator: String(p.operator ?? ''),
      capacity: Number(p.capacity ?? 0),
      at,
      streams: streams as ParkingStreams,
    });
  }
  return out;
}

export async function loadStations(signal?: AbortSignal): Promise<Station[]> {
  return (await demoThings('amsterdam-luchtmeetnet', signal)).flatMap((t) => {
    const at = pointOf(t);
    if (!at) return [];
    const streams: AirStream[] = (t.Datastreams ?? []).map((d) => ({ id: d['@iot.id'], name: d.name, unit: d.unitOfMeasurement?.symbol ?? '' }));
    streams.sort((a, b) => a.name.localeCompare(b.name));
    return [{ id: t['@iot.id'], name: t.name, at, streams }];
  });
}

/** The numeric observations of a Datastream in the `days` before `until`, oldest first (at most a few pages). */
export async function loadSeries(datastream: number, until: number, days: number, signal?: AbortSignal): Promise<Point[]> {
  const since = new Date(until - days * 86_400_000).toISOString();
  const query = new URLSearchParams({
    $filter: `phenomenonTime ge ${since} and phenomenonTime le ${new Date(until).toISOString()}`,
    $orderby: 'phenomenonTime asc',
    $select: 'phenomenonTime,result',
    $top: '100',
  });
  const points: Point[] = [];
  let next: string | undefined = `/Datastreams(${datastream})/Observations?${query.toString()}`;
  for (let page = 0; next && page < 10; page++) {
    const body: { value: Array<{ phenomenonTime: string; result: unknown }>; '@iot.nextLink'?: string } = await staJson(next, signal);
    for (const o of body.value) if (typeof o.result === 'number') points.push({ time: Date.parse(o.phenomenonTime), value: o.result });
    next = body['@iot.nextLink'];
  }
  return points;
}

export async function loadConfig(signal?: AbortSignal): Promise<{ basemapUrl: string | null }> {
  return getJson('/live/config', signal);
}

/** Buildings of the twin as grey footprints under the live layers: the platform's own base map. */
export async function loadBuildings(bbox: [number, number, number, number], signal?: AbortSignal): Promise<FeatureCollection> {
  try {
    return await getJson<FeatureCollection>(`/twin/collections/buildings/items?bbox=${bbox.join(',')}&limit=1000`, signal);
  } catch (error) {
    // A platform without the twin still shows the live layers.
    if (error instanceof ApiError) return { type: 'FeatureCollection', features: [] };
    throw error;
  }
}

/** Occupancy state from the latest values; `busy` from 85% occupied. */
export function parkingState(v: { vacant?: number; capacity?: number; open?: boolean; full?: boolean }): ParkingState {
  if (v.open === false) return 'closed';
  if (v.vacant === undefined) return 'unknown';
  if (v.full === true || v.vacant <= 0) return 'full';
  const capacity = v.capacity ?? 0;
  if (capacity > 0 && v.vacant / capacity <= 0.15) return 'busy';
  return 'free';
}
