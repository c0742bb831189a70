/**
 * Structural upgrade of CityJSON 1.0 and 1.1 documents to 2.0, in place, before
 * validation against the 2.0 schema. Only what changed in structure is touched;
 * each change is reported so the import can say what it did.
 */
import { crsUri, parseCrsReference } from '../../kernel/geo/index.js';
import { CityJsonError } from './errors.js';
import type { CityJsonGeometry, CityObject } from './types.js';

export interface UpgradeReport {
  from: string;
  to: '2.0';
  changes: string[];
}

type Upgradable = {
  version?: unknown;
  metadata?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  transform?: unknown;
  vertices?: unknown;
  CityObjects?: Record<string, CityObject>;
  'geometry-templates'?: { templates?: CityJsonGeometry[] };
};

export const SUPPORTED_VERSIONS = ['1.0', '1.1', '2.0'] as const;

/** "1.1.3" → "1.1"; anything else is refused. */
export function majorMinor(version: unknown): string {
  if (typeof version !== 'string') throw new CityJsonError('unsupported-version', 'the document has no "version"');
  const match = /^(\d+)\.(\d+)/.exec(version);
  const mm = match ? `${match[1]}.${match[2]}` : version;
  if (!(SUPPORTED_VERSIONS as readonly string[]).includes(mm)) {
    throw new CityJsonError('unsupported-version', `CityJSON version ${version} is not supported (${SUPPORTED_VERSIONS.join(', ')} are)`);
  }
  return mm;
}

function eachGeometry(doc: Upgradable, fn: (g: CityJsonGeometry) => void): void {
  for (const object of Object.values(doc.CityObjects ?? {})) for (const g of object.geometry ?? []) fn(g);
  for (const g of doc['geometry-templates']?.templates ?? []) fn(g);
}

/** Upgrades objects shared by documents and CityJSONSeq features (CityObjects only). */
export function upgradeCityObjects(input: object, changes: Set<string>): void {
  const doc = input as Upgradable;
  for (const object of Object.values(doc.CityObjects ?? {})) {
    // 1.1 shipped GenericCityObject as the "Generic" extension; 2.0 made it core.
    if (object.type === '+GenericCityObject') {
      object.type = 'GenericCityObject';
      changes.add('"+GenericCityObject" (1.1 Generic extension) became the core type "GenericCityObject"');
    }
    // 1.0 had a single address object; 2.0 has an array of them.
    if (object.address && !Array.isArray(object.address)) {
      object.address = [object.address as never];
      changes.add('"address" objects were wrapped in arrays');
    }
  }
  eachGeometry(doc, (g) => {
    if (typeof g.lod === 'number') {
      g.lod = String(g.lod);
      changes.add('numeric "lod" values became strings');
    }
  });
}

/**
 * Upgrades a CityJSON document (type "CityJSON") to 2.0 in place. A 1.0 file
 * without "transform" gets one (1 mm, origin at its minimum), since 2.0 requires it:
 * its coordinates are rounded to the millimetre.
 */
export function upgradeDocument(input: object): UpgradeReport {
  // Unvalidated JSON: only the members read below are assumed, each guarded.
  const doc = input as Upgradable;
  const from = majorMinor(doc.version);
  const changes = new Set<string>();
  if (from === '2.0') return { from, to: '2.0', changes: [] };

  upgradeCityObjects(doc, changes);

  const ref = doc.metadata?.['referenceSystem'];
  if (typeof ref === 'string' && ref.startsWith('urn:')) {
    try {
      doc.metadata!['referenceSystem'] = crsUri(parseCrsReference(ref).epsg);
      changes.add('the URN "referenceSystem" was rewritten as an OGC https URI');
    } catch {
      // Left as it is; the CRS check reports it.
    }
  }
  if (doc.extensions && 'Generic' in doc.extensions) {
    delete doc.extensions['Generic'];
    changes.add('the "Generic" extension entry was dropped (core in 2.0)');
  }
  if (!doc.transform && Array.isArray(doc.vertices)) {
    doc.transform = quantise(doc.vertices as number[][]);
    changes.add('vertices were quantised to 1 mm with a new "transform" (required in 2.0)');
  }
  doc.version = '2.0';
  changes.add(`"version" ${String(from)} became "2.0"`);
  return { from, to: '2.0', changes: [...changes] };
}

function quantise(vertices: number[][]): { scale: [number, number, number]; translate: [number, number, number] } {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  for (const v of vertices) for (let i = 0; i < 3; i++) min[i] = Math.min(min[i]!, v[i] ?? 0);
  const translate = min.map((m) => (Number.isFinite(m) ? m : 0)) as [number, number, number];
  for (const v of vertices) for (let i = 0; i < 3; i++) v[i] = Math.round(((v[i] ?? 0) - translate[i]!) / 0.001);
  return { scale: [0.001, 0.001, 0.001], translate };
}
