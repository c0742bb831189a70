import type { Queryable } from '../../kernel/storage/port.js';
import type { RulesDialect } from './rules-store.js';

/** PostgreSQL: PostGIS geometry in EPSG:28992 with a GiST index; ST_Intersects decides. */
export const postgresRules: RulesDialect = {
  exactPoint: true,
  async insertPlan(db: Queryable, id, name, importedAt, doc) {
    const row = await db.one<{ rid: number }>('INSERT INTO rules_plans (id, name, imported_at, doc) VALUES (?, ?, ?, ?) RETURNING rid', [id, name, importedAt, doc]);
    return Number(row!.rid);
  },
  async indexPlan(db, planRid) {
    // ST_MakeValid: plan files do contain self-touching rings, on which GEOS predicates can fail.
    await db.run(
      'UPDATE rules_objects SET geom = ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(geom_rd), 28992)) WHERE plan_rid = ? AND geom_rd IS NOT NULL',
      [planRid],
    );
    await db.run('UPDATE rules_objects SET wbox = ST_MakeEnvelope(wminx, wminy, wmaxx, wmaxy, 4326) WHERE plan_rid = ? AND wminx IS NOT NULL', [planRid]);
  },
  async unindexPlan() {
    // The geometry lives in the object row itself.
  },
  atPoint(x, y) {
    return { sql: 'ST_Intersects(o.geom, ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 28992))', params: [x, y] };
  },
  intersecting(_box, areaGeoJson) {
    return { sql: 'ST_Intersects(o.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 28992))', params: [areaGeoJson] };
  },
  inBox([minx, miny, maxx, maxy]) {
    // `&&` compares float32 boxes rounded outwards: the GiST index narrows, the row's own doubles decide (as on SQLite).
    return {
      sql: 'o.geom && ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 28992) AND o.minx <= ? AND o.maxx >= ? AND o.miny <= ? AND o.maxy >= ?',
      params: [minx, miny, maxx, maxy, maxx, minx, maxy, miny],
    };
  },
  inWgs84Box([w, s, e, n]) {
    return {
      sql: 'o.wbox && ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326) AND o.wminx <= ? AND o.wmaxx >= ? AND o.wminy <= ? AND o.wmaxy >= ?',
      params: [w, s, e, n, e, w, n, s],
    };
  },
};
