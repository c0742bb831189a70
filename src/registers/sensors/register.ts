import { getOrganisation, missingRef, requireMandates, slugify } from '../../governance/index.js';
import { AppError, invalid } from '../../kernel/errors.js';
import type { Queryable } from '../../kernel/storage/port.js';
import { catalogStore } from '../../catalog/index.js';
import { fromDevice, fromThing, type DatasetFacts } from './entries.js';
import { readLiveThings } from './live-reader.js';
import { deviceInput, type Device, type SensorEntry, type SensorFlag } from './model.js';
import * as store from './store.js';

export interface SensorFilter {
  category?: string;
  personalData?: 'yes' | 'no' | 'unknown';
  owner?: string;
  theme?: string;
  source?: 'live' | 'registered';
  flag?: SensorFlag;
  flagged?: boolean;
  /** Case-insensitive part of the name or of what it observes. */
  q?: string;
}

/**
 * Every sensor: live Things first (in id order), then registered devices. A register
 * holds thousands, not millions, so filtering happens in memory over one read of each table.
 */
export async function allSensors(db: Queryable, baseUrl: string): Promise<SensorEntry[]> {
  const things = await readLiveThings(db);
  const datasets = await datasetFacts(db, things.flatMap((t) => t.datastreams.map((d) => d.properties.catalogDataset)));
  const live = things.map((t) => fromThing(t, baseUrl, datasets));
  const registered = (await store.allDevices(db)).map(fromDevice);
  return [...live, ...registered];
}

/** The few datasets live streams say they feed, read once per request. */
async function datasetFacts(db: Queryable, refs: unknown[]): Promise<Map<string, DatasetFacts>> {
  const ids = [...new Set(refs.filter((r): r is string => typeof r === 'string' && r.length > 0))];
  const out = new Map<string, DatasetFacts>();
  if (!ids.length) return out;
  for (const [id, d] of await catalogStore(db).getMany(db, ids)) {
    out.set(id, { id, publisherId: d.publisherId, mandateIds: d.mandateIds, personalData: d.personalData, ...(d.legalBasis ? { legalBasis: d.legalBasis } : {}) });
  }
  return out;
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function matches(e: SensorEntry, f: SensorFilter): boolean {
  if (f.category && e.category !== f.category) return false;
  if (f.personalData) {
    const v = e.personalData === true ? 'yes' : e.personalData === false ? 'no' : 'unknown';
    if (v !== f.personalData) return false;
  }
  if (f.owner && e.ownerId !== f.owner) return false;
  if (f.theme && e.theme !== f.theme) return false;
  if (f.source && e.source !== f.source) return false;
  if (f.flag && !e.flags.includes(f.flag)) return false;
  if (f.flagged !== undefined && f.flagged !== e.flags.length > 0) return false;
  if (f.q) {
    const q = fold(f.q);
    if (!fold(e.name).includes(q) && !e.observes.some((o) => fold(o).includes(q))) return false;
  }
  return true;
}

export async function listSensors(db: Queryable, baseUrl: string, f: SensorFilter): Promise<SensorEntry[]> {
  return (await allSensors(db, baseUrl)).filter((e) => matches(e, f));
}

export async function getSensor(db: Queryable, baseUrl: string, id: string): Promise<SensorEntry | undefined> {
  if (id.startsWith('sta-')) return (await allSensors(db, baseUrl)).find((e) => e.id === id);
  const d = await store.getDevice(db, id);
  return d ? fromDevice(d) : undefined;
}

/** Registers (or with `replaceId`, replaces) a device; owner and mandates must exist. */
export async function saveDevice(db: Queryable, input: unknown, replaceId?: string, now = new Date()): Promise<Device> {
  const data = deviceInput.parse(input);
  const id = replaceId ?? data.id ?? slugify(`${data.ownerId} ${data.name}`);
  if (id.startsWith('sta-')) throw invalid('id', "must not start with 'sta-' (reserved for live Things)");
  if (!(await getOrganisation(db, data.ownerId))) throw missingRef('ownerId', 'Organisation', data.ownerId);
  await requireMandates(db, data.mandateIds);
  const existing = await store.getDevice(db, id);
  if (existing && !replaceId) throw new AppError('conflict', `Sensor device '${id}' already exists`);
  const stamp = now.toISOString();
  const device: Device = { ...data, id, createdAt: existing?.createdAt ?? stamp, updatedAt: stamp };
  await store.putDevice(db, device);
  return device;
}
