import { DEVICE_CATEGORIES, type Device, type DeviceCategory, type SensorEntry, type SensorFlag, type SensorStream } from './model.js';
import type { LiveDatastream, LiveThing } from './live-reader.js';

/**
 * Turns live Things and registered devices into register entries. Pure functions: the
 * governance declaration of a Datastream is read from its `meta` (where the live
 * capability keeps purpose, legal basis, personal data class, retention, mandate and
 * identifier fields) and, failing that, from `properties`, tolerating either missing.
 */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : typeof v === 'string' && v ? [v] : []);

const NO_PERSONAL_DATA = new Set(['none', 'geen', 'no', 'nee', 'false', 'not-personal', 'anonymous', 'anoniem']);

/** `personalData` may be declared as a boolean, a class name, or an object with a class. */
export function personalDataOf(v: unknown): { personalData: boolean | null; personalDataClass?: string } {
  if (typeof v === 'boolean') return { personalData: v };
  const cls = str(v) ?? (v && typeof v === 'object' ? str((v as Record<string, unknown>).class) : undefined);
  if (!cls) return { personalData: null };
  return { personalData: !NO_PERSONAL_DATA.has(cls.toLowerCase()), personalDataClass: cls };
}

/** ISO 8601 durations and numbers of days both occur; shown as given. */
const retentionOf = (v: unknown): string | undefined => (typeof v === 'number' ? `${v} dagen` : str(v) ?? (v && typeof v === 'object' ? str((v as Record<string, unknown>).period) : undefined));

/** What a catalog dataset says that a Datastream feeding it inherits when it declares nothing itself. */
export interface DatasetFacts {
  id: string;
  publisherId: string;
  mandateIds: readonly string[];
  personalData: string;
  legalBasis?: string;
}

export function streamOf(d: LiveDatastream, datasets: ReadonlyMap<string, DatasetFacts> = new Map()): SensorStream {
  const p = d.properties;
  const declared = { ...(p.privacy && typeof p.privacy === 'object' ? (p.privacy as Record<string, unknown>) : {}), ...p, ...d.meta };
  let mandateIds = [...new Set([...strings(declared.mandateIds), ...strings(declared.mandateId), ...strings(declared.mandate)])];
  // A stream that says which dataset it feeds (properties.catalogDataset) inherits that
  // dataset's mandates, personal data class and legal basis where it declares none itself.
  const dataset = typeof declared.catalogDataset === 'string' ? datasets.get(declared.catalogDataset) : undefined;
  if (dataset) {
    if (!mandateIds.length) mandateIds = [...dataset.mandateIds];
    declared.personalData ??= declared.personalDataClass ?? dataset.personalData;
    declared.legalBasis ??= dataset.legalBasis;
  }
  const unit = str(d.unit.symbol) ?? str(d.unit.name);
  const stream: SensorStream = {
    name: d.name,
    observedProperty: { name: d.observedProperty.name, ...(d.observedProperty.definition ? { definition: d.observedProperty.definition } : {}) },
    ...personalDataOf(declared.personalData ?? declared.personalDataClass),
    mandateIds,
    observationCount: d.observationCount,
    staId: d.id,
    ...(dataset ? { catalogDataset: dataset.id } : {}),
  };
  if (unit) stream.unit = unit;
  const purpose = str(declared.purpose);
  if (purpose) stream.purpose = purpose;
  const legalBasis = str(declared.legalBasis);
  if (legalBasis) stream.legalBasis = legalBasis;
  const retention = retentionOf(declared.retention);
  if (retention) stream.retention = retention;
  const ids = strings(declared.identifierFields);
  if (ids.length) stream.identifierFields = ids;
  return stream;
}

export function flagsOf(e: Pick<SensorEntry, 'personalData' | 'legalBasis' | 'ownerId' | 'streams'>): SensorFlag[] {
  const flags: SensorFlag[] = [];
  // Per stream: one stream with personal data and no legal basis is enough, even when another has one.
  const unfounded = e.streams.length ? e.streams.some((s) => s.personalData === true && !s.legalBasis) : e.personalData === true && !e.legalBasis;
  if (unfounded) flags.push('personal-data-without-legal-basis');
  if (!e.ownerId) flags.push('no-owner');
  return flags;
}

const joined = (values: Array<string | undefined>): string | undefined => {
  const set = [...new Set(values.filter((v): v is string => !!v))];
  return set.length ? set.join('; ') : undefined;
};

export function fromThing(t: LiveThing, baseUrl: string, datasets: ReadonlyMap<string, DatasetFacts> = new Map()): SensorEntry {
  const p = t.properties;
  const streams = t.datastreams.map((d) => streamOf(d, datasets));
  const fed = streams.map((s) => (s.catalogDataset ? datasets.get(s.catalogDataset) : undefined)).find((d) => d !== undefined);
  const category = str(p.category)?.toLowerCase();
  const personal = streams.some((s) => s.personalData === true) ? true : streams.length && streams.every((s) => s.personalData === false) ? false : null;
  const entry: SensorEntry = {
    id: `sta-${t.id}`,
    source: 'live',
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    category: DEVICE_CATEGORIES.includes(category as DeviceCategory) ? (category as DeviceCategory) : 'sensor',
    ...(str(p.theme) ? { theme: str(p.theme)! } : {}),
    // The organisation that owns the Thing in the store (only its keys change it); a property
    // anyone could write is no proof of ownership. Platform-owned Things: the publisher of the dataset they feed.
    ownerId: t.owner ?? fed?.publisherId ?? null,
    location: t.location,
    observes: [...new Set(streams.map((s) => s.observedProperty.name))],
    streams,
    personalData: personal,
    mandateIds: [...new Set([...strings(p.mandateIds), ...streams.flatMap((s) => s.mandateIds)])],
    public: p.public !== false,
    openData: p.openData === true,
    active: p.active !== false,
    example: p.example === true,
    flags: [],
    sta: `${baseUrl}/sta/v1.1/Things(${t.id})`,
  };
  const cls = joined(streams.map((s) => s.personalDataClass));
  if (cls) entry.personalDataClass = cls;
  const purpose = joined(streams.map((s) => s.purpose));
  if (purpose) entry.purpose = purpose;
  const legalBasis = joined(streams.map((s) => s.legalBasis));
  if (legalBasis) entry.legalBasis = legalBasis;
  const retention = joined(streams.map((s) => s.retention));
  if (retention) entry.retention = retention;
  entry.flags = flagsOf(entry);
  return entry;
}

export function fromDevice(d: Device): SensorEntry {
  const entry: SensorEntry = {
    id: d.id,
    source: 'registered',
    name: d.name,
    ...(d.description ? { description: d.description } : {}),
    category: d.category,
    theme: d.theme,
    ownerId: d.ownerId,
    location: d.location,
    observes: d.observes.map((o) => o.name),
    streams: [],
    personalData: d.personalData,
    ...(d.personalDataClass ? { personalDataClass: d.personalDataClass } : {}),
    ...(d.purpose ? { purpose: d.purpose } : {}),
    ...(d.legalBasis ? { legalBasis: d.legalBasis } : {}),
    ...(d.legalBasisLink ? { legalBasisLink: d.legalBasisLink } : {}),
    ...(d.retention ? { retention: d.retention } : {}),
    mandateIds: d.mandateIds,
    public: d.public,
    openData: d.openData,
    active: d.active,
    example: d.example,
    flags: [],
  };
  entry.flags = flagsOf(entry);
  return entry;
}
