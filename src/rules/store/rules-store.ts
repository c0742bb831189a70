import type { Params, Queryable } from '../../kernel/storage/port.js';
import { RD_NEW, transformer, WGS84 } from '../../kernel/geo/index.js';
import { boxOf, mapPositions, type Box, type ImroPlan, type ObjectKind, type PlanGeometry, type PlanInfo, type PlanObject, type PolygonCoords, type Xy } from '../imro/index.js';
import { MIN_OVERLAP_M2, overlapWith, pointInGeometry } from '../check/planar.js';

/** A stored plan: what the file said about itself, plus what the import made of it. */
export interface PlanRecord extends PlanInfo {
  version: ImroPlan['version'];
  importedAt: string;
  /** WGS84 [west, south, east, north] of the plan area. */
  bbox: [number, number, number, number];
  counts: ImroPlan['report']['counts'];
  report: ImroPlan['report'];
  metadata: ImroPlan['metadata'];
}

/** A plan object as stored, without geometry. */
export type ObjectRecord = Omit<PlanObject, 'geometry'> & { planId: string };

/** An object found at a location, with its RD geometry where the caller needs it. */
export interface FoundObject extends ObjectRecord {
  geometry: PlanGeometry | null;
  /** m² of the query area it covers (area queries, surface objects). */
  overlapM2?: number;
}

/** What differs between engines: the spatial index and how a plan's rows get into it. */
export interface RulesDialect {
  /** Whether `atPoint` is exact (PostGIS) or only a box filter (R*Tree) to refine in TypeScript. */
  readonly exactPoint: boolean;
  insertPlan(db: Queryable, id: string, name: string, importedAt: string, doc: string): Promise<number>;
  /** Builds the index entries of a plan's freshly inserted object rows. */
  indexPlan(db: Queryable, planRid: number): Promise<void>;
  unindexPlan(db: Queryable, planRid: number): Promise<void>;
  /** A condition on `o` (rules_objects) for objects at (x, y) RD. */
  atPoint(x: number, y: number): { sql: string; params: Params };
  /** A condition on `o` for objects that may intersect the area (GeoJSON MultiPolygon in RD). */
  intersecting(box: Box, areaGeoJson: string): { sql: string; params: Params };
  /** A condition on `o` for objects whose box meets `box` (RD). */
  inBox(box: Box): { sql: string; params: Params };
  /** A condition on `o` for objects whose WGS84 box meets `box` (longitude/latitude). */
  inWgs84Box(box: Box): { sql: string; params: Params };
}

/** Which objects a collection query wants; the boxes are exact (the row's own box decides). */
export interface FeatureQuery {
  kinds: readonly ObjectKind[];
  /** RD New box. */
  rdBox?: Box;
  /** WGS84 longitude/latitude box. */
  wgsBox?: Box;
  planId?: string;
  limit: number;
  offset: number;
  /** Which stored geometry to return: RD as imported, or the WGS84 copy. */
  geometry: 'rd' | 'wgs84';
}

const BATCH = 100;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** RD to WGS84, rounded to about a centimetre: the precision the source has. */
export function toWgs84(g: PlanGeometry): PlanGeometry {
  const t = transformer(RD_NEW, WGS84);
  return mapPositions(g, (p) => {
    const q = t.point(p);
    return [round7(q[0]), round7(q[1])];
  });
}

interface ObjectRow {
  doc: string;
  geom_rd?: string | null;
  plan_id: string;
}

const toFound = (r: ObjectRow, withGeometry: boolean): FoundObject => ({
  ...(JSON.parse(r.doc) as ObjectRecord),
  geometry: withGeometry && r.geom_rd ? (JSON.parse(r.geom_rd) as PlanGeometry) : null,
});

export class RulesStore {
  constructor(private readonly dialect: RulesDialect) {}

  /**
   * Writes a plan and all its objects, replacing a plan with the same id. Call inside
   * a transaction: a failure half-way leaves the old plan in place.
   */
  async putPlan(db: Queryable, plan: ImroPlan, onProgress?: (done: number, total: number) => void): Promise<{ plan: PlanRecord; replaced: boolean }> {
    const replaced = await this.deletePlan(db, plan.plan.id);
    const area = plan.objects.find((o) => o.kind === 'plangebied')!;
    const wgsBox = boxOf(toWgs84(area.geometry!));
    const record: PlanRecord = {
      ...plan.plan,
      version: plan.version,
      importedAt: new Date().toISOString(),
      bbox: wgsBox,
      counts: plan.report.counts,
      report: plan.report,
      metadata: plan.metadata,
    };
    const rid = await this.dialect.insertPlan(db, record.id, record.name, record.importedAt, JSON.stringify(record));
    const total = plan.objects.length;
    for (let start = 0; start < total; start += BATCH) {
      const rows: Params[] = plan.objects.slice(start, start + BATCH).map((o) => {
        const { geometry, ...rest } = o;
        const doc: ObjectRecord = { ...rest, planId: record.id };
        const box = geometry ? boxOf(geometry) : null;
        const wgs = geometry ? toWgs84(geometry) : null;
        const wbox = wgs ? boxOf(wgs) : null;
        return [
          rid,
          o.id,
          o.kind,
          JSON.stringify(doc),
          geometry ? JSON.stringify(geometry) : null,
          wgs ? JSON.stringify(wgs) : null,
          box?.[0] ?? null,
          box?.[1] ?? null,
          box?.[2] ?? null,
          box?.[3] ?? null,
          wbox?.[0] ?? null,
          wbox?.[1] ?? null,
          wbox?.[2] ?? null,
          wbox?.[3] ?? null,
        ];
      });
      await db.insertMany('rules_objects', ['plan_rid', 'id', 'kind', 'doc', 'geom_rd', 'geom_wgs84', 'minx', 'miny', 'maxx', 'maxy', 'wminx', 'wminy', 'wmaxx', 'wmaxy'], rows);
      onProgress?.(Math.min(total, start + BATCH), total);
    }
    await this.dialect.indexPlan(db, rid);
    return { plan: record, replaced };
  }

  async deletePlan(db: Queryable, id: string): Promise<boolean> {
    const row = await db.one<{ rid: number }>('SELECT rid FROM rules_plans WHERE id = ?', [id]);
    if (!row) return false;
    await this.dialect.unindexPlan(db, Number(row.rid));
    await db.run('DELETE FROM rules_objects WHERE plan_rid = ?', [row.rid]);
    await db.run('DELETE FROM rules_plans WHERE rid = ?', [row.rid]);
    return true;
  }

  async getPlan(db: Queryable, id: string): Promise<PlanRecord | undefined> {
    const row = await db.one<{ doc: string }>('SELECT doc FROM rules_plans WHERE id = ?', [id]);
    return row ? (JSON.parse(row.doc) as PlanRecord) : undefined;
  }

  async listPlans(db: Queryable, limit: number, offset: number): Promise<{ items: PlanRecord[]; total: number }> {
    const rows = await db.all<{ doc: string }>('SELECT doc FROM rules_plans ORDER BY name, id LIMIT ? OFFSET ?', [limit, offset]);
    const total = Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM rules_plans'))!.n);
    return { items: rows.map((r) => JSON.parse(r.doc) as PlanRecord), total };
  }

  async getPlans(db: Queryable, ids: readonly string[]): Promise<Map<string, PlanRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await db.all<{ doc: string }>(`SELECT doc FROM rules_plans WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => JSON.parse(r.doc) as PlanRecord).map((p) => [p.id, p]));
  }

  /** Every object whose surface contains (x, y) in RD; the boundary counts. */
  async objectsAtPoint(db: Queryable, x: number, y: number): Promise<FoundObject[]> {
    const c = this.dialect.atPoint(x, y);
    const exact = this.dialect.exactPoint;
    const rows = await db.all<ObjectRow>(
      `SELECT o.doc, ${exact ? 'NULL AS geom_rd' : 'o.geom_rd'}, p.id AS plan_id FROM rules_objects o JOIN rules_plans p ON p.rid = o.plan_rid
       WHERE ${c.sql} AND o.geom_rd LIKE '{"type":"MultiPolygon"%' ORDER BY o.rid`,
      c.params,
    );
    const found = rows.map((r) => toFound(r, !exact));
    return exact ? found : found.filter((o) => o.geometry && pointInGeometry(x, y, o.geometry)).map((o) => ({ ...o, geometry: null }));
  }

  /** Every object that overlaps the area (RD polygons) by more than rounding, with the m² it covers. */
  async objectsInArea(db: Queryable, area: readonly PolygonCoords[]): Promise<FoundObject[]> {
    const g: PlanGeometry = { type: 'MultiPolygon', coordinates: area as PolygonCoords[] };
    const c = this.dialect.intersecting(boxOf(g), JSON.stringify(g));
    const rows = await db.all<ObjectRow>(
      `SELECT o.doc, o.geom_rd, p.id AS plan_id FROM rules_objects o JOIN rules_plans p ON p.rid = o.plan_rid WHERE ${c.sql} ORDER BY o.rid`,
      c.params,
    );
    const out: FoundObject[] = [];
    for (const r of rows) {
      const o = toFound(r, true);
      if (!o.geometry) continue;
      const overlap = overlapWith(o.geometry, area);
      if (overlap === false || (typeof overlap === 'number' && overlap < MIN_OVERLAP_M2)) continue;
      out.push(typeof overlap === 'number' ? { ...o, overlapM2: overlap } : o);
    }
    return out;
  }

  /** Objects of some kinds as GeoJSON features (RD or WGS84 as stored), optionally within a box, in a stable order. */
  async features(db: Queryable, q: FeatureQuery): Promise<{ features: GeoJsonFeature[]; matched: number }> {
    const where = [`o.kind IN (${q.kinds.map(() => '?').join(', ')})`, 'o.geom_wgs84 IS NOT NULL'];
    const params: unknown[] = [...q.kinds];
    for (const c of [q.rdBox && this.dialect.inBox(q.rdBox), q.wgsBox && this.dialect.inWgs84Box(q.wgsBox)]) {
      if (!c) continue;
      where.push(c.sql);
      params.push(...c.params);
    }
    if (q.planId) {
      where.push('p.id = ?');
      params.push(q.planId);
    }
    const column = q.geometry === 'rd' ? 'o.geom_rd' : 'o.geom_wgs84';
    const from = `rules_objects o JOIN rules_plans p ON p.rid = o.plan_rid WHERE ${where.join(' AND ')}`;
    const rows = await db.all<FeatureRow>(`SELECT o.doc, ${column} AS geom, ${BOX_COLUMNS} FROM ${from} ORDER BY o.rid LIMIT ? OFFSET ?`, [...params, q.limit, q.offset] as Params);
    const matched = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${from}`, params as Params))!.n);
    return { matched, features: rows.map((r) => toFeature(r, q.geometry)) };
  }

  /** One object of some kinds by plan and object id, as a feature. */
  async feature(db: Queryable, kinds: readonly ObjectKind[], planId: string, objectId: string, geometry: 'rd' | 'wgs84'): Promise<GeoJsonFeature | undefined> {
    const column = geometry === 'rd' ? 'o.geom_rd' : 'o.geom_wgs84';
    const row = await db.one<FeatureRow>(
      `SELECT o.doc, ${column} AS geom, ${BOX_COLUMNS} FROM rules_objects o JOIN rules_plans p ON p.rid = o.plan_rid
       WHERE p.id = ? AND o.id = ? AND o.kind IN (${kinds.map(() => '?').join(', ')}) AND o.geom_wgs84 IS NOT NULL`,
      [planId, objectId, ...kinds],
    );
    return row ? toFeature(row, geometry) : undefined;
  }

  /** The WGS84 box of every object of some kinds, or null when there are none. */
  async extent(db: Queryable, kinds: readonly ObjectKind[]): Promise<Box | null> {
    const r = await db.one<{ a: number | null; b: number; c: number; d: number }>(
      `SELECT MIN(wminx) AS a, MIN(wminy) AS b, MAX(wmaxx) AS c, MAX(wmaxy) AS d FROM rules_objects WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND geom_wgs84 IS NOT NULL`,
      kinds,
    );
    return r && r.a !== null ? [Number(r.a), Number(r.b), Number(r.c), Number(r.d)] : null;
  }

  /** A plan's objects without geometry (for the plan detail). */
  async planObjects(db: Queryable, planId: string): Promise<ObjectRecord[]> {
    const rows = await db.all<{ doc: string }>('SELECT o.doc FROM rules_objects o JOIN rules_plans p ON p.rid = o.plan_rid WHERE p.id = ? ORDER BY o.rid', [planId]);
    return rows.map((r) => JSON.parse(r.doc) as ObjectRecord);
  }

  /** Writes a check's document; `at` is when (the check's clock), kept as the row's updated_at for the expiry sweep. */
  async putCheck(db: Queryable, id: string, modelId: string, doc: unknown, created: boolean, at: string): Promise<void> {
    if (created) await db.run('INSERT INTO rules_checks (id, model_id, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [id, modelId, JSON.stringify(doc), at, at]);
    else await db.run('UPDATE rules_checks SET doc = ?, updated_at = ? WHERE id = ?', [JSON.stringify(doc), at, id]);
  }

  async getCheck<T>(db: Queryable, id: string): Promise<{ doc: T; updatedAt: string } | undefined> {
    const row = await db.one<{ doc: string; updated_at: string }>('SELECT doc, updated_at FROM rules_checks WHERE id = ?', [id]);
    return row ? { doc: JSON.parse(row.doc) as T, updatedAt: row.updated_at } : undefined;
  }

  /** Inserts or replaces an imported STTR file (call inside a transaction). */
  async putSttrFile(db: Queryable, f: StoredSttrFile & { xml: string }): Promise<boolean> {
    const replaced = (await db.run('DELETE FROM rules_sttr_files WHERE id = ?', [f.id])).changes > 0;
    const { xml, ...meta } = f;
    await db.run('INSERT INTO rules_sttr_files (id, name, sha256, bytes, xml, imported_at, imported_by, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      f.id,
      f.name,
      f.sha256,
      f.bytes,
      xml,
      f.importedAt,
      f.importedBy.kind === 'admin' ? 'admin' : `organisation:${f.importedBy.organisationId}`,
      JSON.stringify(meta),
    ]);
    return replaced;
  }

  /** The imported files without their documents, by id. */
  async listSttrFiles(db: Queryable): Promise<StoredSttrFile[]> {
    const rows = await db.all<{ doc: string }>('SELECT doc FROM rules_sttr_files ORDER BY id');
    return rows.map((r) => JSON.parse(r.doc) as StoredSttrFile);
  }

  async sttrXml(db: Queryable, id: string): Promise<string | undefined> {
    return (await db.one<{ xml: string }>('SELECT xml FROM rules_sttr_files WHERE id = ?', [id]))?.xml;
  }

  async deleteSttrFile(db: Queryable, id: string): Promise<boolean> {
    return (await db.run('DELETE FROM rules_sttr_files WHERE id = ?', [id])).changes > 0;
  }

  /** Deletes checks last touched at or before `cutoff` (ISO time); answers how many. */
  async deleteChecksTouchedBy(db: Queryable, cutoff: string): Promise<number> {
    return (await db.run('DELETE FROM rules_checks WHERE updated_at <= ?', [cutoff])).changes;
  }
}

/** Who imported an STTR file: the administrator or an organisation's key. */
export type Importer = { kind: 'admin' } | { kind: 'organisation'; organisationId: string };

/** An imported STTR file as listed: what it is, who imported it, when, and through what. */
export interface StoredSttrFile {
  id: string;
  name: string;
  sha256: string;
  bytes: number;
  /** The file name it was sent as, where known. */
  fileName: string | null;
  importedAt: string;
  importedBy: Importer;
  via: 'api' | 'cli';
}

export interface GeoJsonFeature {
  type: 'Feature';
  /** `<planId>/<objectId>`: object ids are unique within their plan only. */
  id: string;
  geometry: PlanGeometry;
  /** [minx, miny, maxx, maxy] in the geometry's CRS. */
  bbox: Box;
  properties: Record<string, unknown>;
}

interface FeatureRow {
  doc: string;
  geom: string;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  wminx: number;
  wminy: number;
  wmaxx: number;
  wmaxy: number;
}

const BOX_COLUMNS = 'o.minx, o.miny, o.maxx, o.maxy, o.wminx, o.wminy, o.wmaxx, o.wmaxy';

function toFeature(r: FeatureRow, geometry: 'rd' | 'wgs84'): GeoJsonFeature {
  const o = JSON.parse(r.doc) as ObjectRecord;
  const bbox: Box = geometry === 'rd' ? [r.minx, r.miny, r.maxx, r.maxy] : [r.wminx, r.wminy, r.wmaxx, r.wmaxy];
  return { type: 'Feature', id: `${o.planId}/${o.id}`, geometry: JSON.parse(r.geom) as PlanGeometry, bbox: bbox.map(Number) as Box, properties: featureProperties(o) };
}

export function featureProperties(o: ObjectRecord): Record<string, unknown> {
  return {
    planId: o.planId,
    objectId: o.id,
    kind: o.kind,
    type: o.type,
    name: o.name,
    hoofdgroep: o.hoofdgroep,
    artikelnummer: o.artikelnummer,
    norms: o.norms,
  };
}

export type { Xy };
