import type { Bbox } from '../../kernel/geo/index.js';
import type { Params, Queryable, SqlValue } from '../../kernel/storage/port.js';
import type { TwinBuilding, TwinBuildingWithSurfaces } from '../model.js';
import { tileOfExtent } from '../tiles/grid.js';
import { decodeSurfaces, encodeSurfaces } from './surfaces-codec.js';

/** What differs between engines: the spatial index and how a row is written. */
export interface BuildingDialect {
  /** A condition on `b` (twin_buildings) for buildings whose box meets the WGS84 bbox. */
  bboxCondition(bbox: Bbox): { sql: string; params: Params };
  /** A condition on `b` for buildings whose RD extent (extent_rd, x and y) meets the RD box; no index of its own. */
  rdBoxCondition(box: Bbox): { sql: string; params: Params };
  /** Inserts or updates the row (by id) and its spatial index entry; true when created. */
  writeRow(db: Queryable, columns: Record<string, SqlValue>, b: TwinBuilding): Promise<boolean>;
  /**
   * Upserts many rows with distinct ids in as few statements as the engine allows; returns
   * how many were created. Engines without it write row by row.
   */
  writeRows?(db: Queryable, rows: ReadonlyArray<{ columns: Record<string, SqlValue>; b: TwinBuilding }>): Promise<number>;
  /** Removes index entries not held in the row itself. */
  deleteIndexes(db: Queryable, rid: number): Promise<void>;
}

export interface BuildingQuery {
  /** WGS84 box the building's WGS84 box meets. */
  bbox?: Bbox;
  /** RD New box the building's RD extent meets; narrowed by the WGS84 index first (see search). */
  rdBox?: Bbox;
  /** Only buildings built in or before this year, or of unknown year. */
  builtBy?: number;
  /** Ids to leave out (a scenario's demolitions). */
  exclude?: readonly string[];
  limit: number;
  offset: number;
}

const SUMMARY = 'b.id, b.bag_id, b.year, b.lod, b.ground_height, b.roof_min, b.roof_p50, b.roof_p70, b.roof_max, b.height_source, b.area, b.footprint_rd, b.footprint_wgs84, b.extent_rd, b.minx, b.miny, b.maxx, b.maxy, b.attributes';

interface Row {
  id: string;
  bag_id: string | null;
  year: number | null;
  lod: string | null;
  ground_height: number | null;
  roof_min: number | null;
  roof_p50: number | null;
  roof_p70: number | null;
  roof_max: number | null;
  height_source: TwinBuilding['heightSource'];
  area: number | null;
  footprint_rd: string | null;
  footprint_wgs84: string | null;
  extent_rd: string | null;
  minx: number | null;
  miny: number | null;
  maxx: number | null;
  maxy: number | null;
  attributes: string;
  surfaces?: Uint8Array;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Row): TwinBuilding {
  const rd = r.footprint_rd ? JSON.parse(r.footprint_rd) : null;
  const wgs = r.footprint_wgs84 ? JSON.parse(r.footprint_wgs84) : null;
  return {
    id: r.id,
    bagId: r.bag_id,
    yearOfConstruction: num(r.year),
    lod: r.lod,
    groundHeight: num(r.ground_height),
    roofHeight: { min: num(r.roof_min), p50: num(r.roof_p50), p70: num(r.roof_p70), max: num(r.roof_max) },
    heightSource: r.height_source,
    footprint: rd && wgs ? { rd, wgs84: wgs, area: Number(r.area) } : null,
    extentRd: r.extent_rd ? JSON.parse(r.extent_rd) : null,
    bboxWgs84: r.minx === null ? null : [Number(r.minx), Number(r.miny), Number(r.maxx), Number(r.maxy)],
    attributes: JSON.parse(r.attributes),
  };
}

/** The columns both engines share. */
export function rowColumns(b: TwinBuildingWithSurfaces, source: string, importedAt: string): Record<string, SqlValue> {
  return {
    id: b.id,
    bag_id: b.bagId,
    year: b.yearOfConstruction,
    lod: b.lod,
    ground_height: b.groundHeight,
    roof_min: b.roofHeight.min,
    roof_p50: b.roofHeight.p50,
    roof_p70: b.roofHeight.p70,
    roof_max: b.roofHeight.max,
    height_source: b.heightSource,
    area: b.footprint?.area ?? null,
    footprint_rd: b.footprint ? JSON.stringify(b.footprint.rd) : null,
    footprint_wgs84: b.footprint ? JSON.stringify(b.footprint.wgs84) : null,
    extent_rd: b.extentRd ? JSON.stringify(b.extentRd) : null,
    minx: b.bboxWgs84?.[0] ?? null,
    miny: b.bboxWgs84?.[1] ?? null,
    maxx: b.bboxWgs84?.[2] ?? null,
    maxy: b.bboxWgs84?.[3] ?? null,
    tile: b.extentRd ? tileOfExtent(b.extentRd) : null,
    surfaces: encodeSurfaces(b.surfaces),
    attributes: JSON.stringify(b.attributes),
    source,
    imported_at: importedAt,
  };
}

export class BuildingStore {
  constructor(private readonly dialect: BuildingDialect) {}

  /** Upserts buildings by id; returns how many were new and how many replaced. */
  async putMany(db: Queryable, buildings: readonly TwinBuildingWithSurfaces[], source: string): Promise<{ created: number; updated: number }> {
    const now = new Date().toISOString();
    let created = 0;
    if (this.dialect.writeRows) {
      // One statement may touch an id once: the last version of a building in the batch wins, as row by row.
      const last = new Map(buildings.map((b) => [b.id, b]));
      created = await this.dialect.writeRows(db, [...last.values()].map((b) => ({ columns: rowColumns(b, source, now), b })));
    } else {
      for (const b of buildings) if (await this.dialect.writeRow(db, rowColumns(b, source, now), b)) created++;
    }
    return { created, updated: buildings.length - created };
  }

  async get(db: Queryable, id: string): Promise<TwinBuilding | undefined> {
    const row = await db.one<Row>(`SELECT ${SUMMARY} FROM twin_buildings b WHERE b.id = ?`, [id]);
    return row ? fromRow(row) : undefined;
  }

  async getWithSurfaces(db: Queryable, ids: readonly string[]): Promise<TwinBuildingWithSurfaces[]> {
    if (ids.length === 0) return [];
    const out: TwinBuildingWithSurfaces[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await db.all<Row>(`SELECT ${SUMMARY}, b.surfaces FROM twin_buildings b WHERE b.id IN (${chunk.map(() => '?').join(', ')}) ORDER BY b.id`, chunk);
      for (const r of rows) out.push({ ...fromRow(r), surfaces: decodeSurfaces(r.surfaces!) });
    }
    return out;
  }

  async exists(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await db.all<{ id: string }>(`SELECT id FROM twin_buildings WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  async count(db: Queryable): Promise<number> {
    return Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM twin_buildings'))!.n);
  }

  private where(q: Pick<BuildingQuery, 'bbox' | 'rdBox' | 'builtBy' | 'exclude'>): { sql: string; params: SqlValue[] } {
    const where: string[] = [];
    const params: SqlValue[] = [];
    for (const c of [q.bbox && this.dialect.bboxCondition(q.bbox), q.rdBox && this.dialect.rdBoxCondition(q.rdBox)]) {
      if (!c) continue;
      where.push(c.sql);
      params.push(...c.params);
    }
    if (q.builtBy !== undefined) {
      where.push('(b.year IS NULL OR b.year <= ?)');
      params.push(q.builtBy);
    }
    if (q.exclude && q.exclude.length > 0) {
      where.push(`b.id NOT IN (${q.exclude.map(() => '?').join(', ')})`);
      params.push(...q.exclude);
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  /** One page of buildings in id order, and how many match in all. */
  async search(db: Queryable, q: BuildingQuery): Promise<{ items: TwinBuilding[]; total: number }> {
    const w = this.where(q);
    const rows = await db.all<Row>(`SELECT ${SUMMARY} FROM twin_buildings b ${w.sql} ORDER BY b.id LIMIT ? OFFSET ?`, [...w.params, q.limit, q.offset]);
    const total = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM twin_buildings b ${w.sql}`, w.params))!.n);
    return { items: rows.map(fromRow), total };
  }

  /** Every building meeting the bbox, with surfaces (analyses of a limited area). */
  async inBbox(db: Queryable, bbox: Bbox, exclude: readonly string[] = []): Promise<TwinBuildingWithSurfaces[]> {
    const w = this.where({ bbox, exclude });
    const rows = await db.all<Row>(`SELECT ${SUMMARY}, b.surfaces FROM twin_buildings b ${w.sql} ORDER BY b.id`, w.params);
    return rows.map((r) => ({ ...fromRow(r), surfaces: decodeSurfaces(r.surfaces!) }));
  }

  async inTile(db: Queryable, tile: string, exclude: readonly string[] = []): Promise<TwinBuildingWithSurfaces[]> {
    const w = this.where({ exclude });
    const cond = w.sql ? `${w.sql} AND b.tile = ?` : 'WHERE b.tile = ?';
    const rows = await db.all<Row>(`SELECT ${SUMMARY}, b.surfaces FROM twin_buildings b ${cond} ORDER BY b.id`, [...w.params, tile]);
    return rows.map((r) => ({ ...fromRow(r), surfaces: decodeSurfaces(r.surfaces!) }));
  }

  /** Buildings per tile, and the union of their WGS84 boxes. */
  async tiles(db: Queryable): Promise<Array<{ tile: string; n: number }>> {
    const rows = await db.all<{ tile: string; n: number }>('SELECT tile, COUNT(*) AS n FROM twin_buildings WHERE tile IS NOT NULL GROUP BY tile ORDER BY tile');
    return rows.map((r) => ({ tile: r.tile, n: Number(r.n) }));
  }

  /** The earliest year of construction, or null when no building has one. */
  async firstYear(db: Queryable): Promise<number | null> {
    const r = await db.one<{ y: number | null }>('SELECT MIN(year) AS y FROM twin_buildings');
    return r && r.y !== null ? Number(r.y) : null;
  }

  async extent(db: Queryable): Promise<Bbox | null> {
    const r = await db.one<{ a: number | null; b: number; c: number; d: number }>('SELECT MIN(minx) AS a, MIN(miny) AS b, MAX(maxx) AS c, MAX(maxy) AS d FROM twin_buildings');
    return r && r.a !== null ? [Number(r.a), Number(r.b), Number(r.c), Number(r.d)] : null;
  }

  async delete(db: Queryable, id: string): Promise<boolean> {
    const row = await db.one<{ rid: number }>('SELECT rid FROM twin_buildings WHERE id = ?', [id]);
    if (!row) return false;
    await this.dialect.deleteIndexes(db, Number(row.rid));
    await db.run('DELETE FROM twin_buildings WHERE rid = ?', [row.rid]);
    return true;
  }
}
