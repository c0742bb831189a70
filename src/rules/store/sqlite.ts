import type { Queryable } from '../../kernel/storage/port.js';
import type { RulesDialect } from './rules-store.js';

/** SQLite: an R*Tree on RD boxes narrows candidates; exact tests run in TypeScript (check/planar.ts). */
export const sqliteRules: RulesDialect = {
  exactPoint: false,
  async insertPlan(db: Queryable, id, name, importedAt, doc) {
    return (await db.run('INSERT INTO rules_plans (id, name, imported_at, doc) VALUES (?, ?, ?, ?)', [id, name, importedAt, doc])).insertId!;
  },
  async indexPlan(db, planRid) {
    await db.run(
      'INSERT INTO rules_objects_rtree (rid, minx, maxx, miny, maxy) SELECT rid, minx, maxx, miny, maxy FROM rules_objects WHERE plan_rid = ? AND minx IS NOT NULL',
      [planRid],
    );
    await db.run(
      'INSERT INTO rules_objects_wgs_rtree (rid, minx, maxx, miny, maxy) SELECT rid, wminx, wmaxx, wminy, wmaxy FROM rules_objects WHERE plan_rid = ? AND wminx IS NOT NULL',
      [planRid],
    );
  },
  async unindexPlan(db, planRid) {
    await db.run('DELETE FROM rules_objects_rtree WHERE rid IN (SELECT rid FROM rules_objects WHERE plan_rid = ?)', [planRid]);
    await db.run('DELETE FROM rules_objects_wgs_rtree WHERE rid IN (SELECT rid FROM rules_objects WHERE plan_rid = ?)', [planRid]);
  },
  atPoint(x, y) {
    return { sql: 'o.rid IN (SELECT rid FROM rules_objects_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)', params: [x, x, y, y] };
  },
  intersecting(box) {
    return this.inBox(box);
  },
  inBox([minx, miny, maxx, maxy]) {
    // The R*Tree holds float32 boxes rounded outwards: it narrows, the row's own doubles decide.
    return {
      sql: 'o.rid IN (SELECT rid FROM rules_objects_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?) AND o.minx <= ? AND o.maxx >= ? AND o.miny <= ? AND o.maxy >= ?',
      params: [maxx, minx, maxy, miny, maxx, minx, maxy, miny],
    };
  },
  inWgs84Box([w, s, e, n]) {
    return {
      sql: 'o.rid IN (SELECT rid FROM rules_objects_wgs_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?) AND o.wminx <= ? AND o.wmaxx >= ? AND o.wminy <= ? AND o.wmaxy >= ?',
      params: [e, w, n, s, e, w, n, s],
    };
  },
};
