import type { SqlValue } from '../../kernel/storage/port.js';
import type { BuildingDialect } from './building-store.js';

/** SQLite: an R*Tree over the WGS84 boxes, keyed by the row id. */
export const sqliteBuildings: BuildingDialect = {
  bboxCondition([w, s, e, n]) {
    // The R*Tree keeps float32 boxes rounded outwards (~0.4 m here): it narrows, the row's own doubles decide.
    return {
      sql: 'b.rid IN (SELECT rid FROM twin_buildings_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?) AND b.minx <= ? AND b.maxx >= ? AND b.miny <= ? AND b.maxy >= ?',
      params: [e, w, n, s, e, w, n, s],
    };
  },
  rdBoxCondition([w, s, e, n]) {
    return {
      sql: "json_extract(b.extent_rd, '$[0]') <= ? AND json_extract(b.extent_rd, '$[3]') >= ? AND json_extract(b.extent_rd, '$[1]') <= ? AND json_extract(b.extent_rd, '$[4]') >= ?",
      params: [e, w, n, s],
    };
  },
  async writeRow(db, columns, b) {
    const names = Object.keys(columns);
    const values = Object.values(columns) as SqlValue[];
    const existing = await db.one<{ rid: number }>('SELECT rid FROM twin_buildings WHERE id = ?', [b.id]);
    let rid: number;
    if (existing) {
      rid = Number(existing.rid);
      await db.run(`UPDATE twin_buildings SET ${names.map((c) => `${c} = ?`).join(', ')} WHERE rid = ?`, [...values, rid]);
      await this.deleteIndexes(db, rid);
    } else {
      rid = (await db.run(`INSERT INTO twin_buildings (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, values)).insertId!;
    }
    if (b.bboxWgs84) {
      const [w, s, e, n] = b.bboxWgs84;
      await db.run('INSERT INTO twin_buildings_rtree (rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)', [rid, w, e, s, n]);
    }
    return !existing;
  },
  async deleteIndexes(db, rid) {
    await db.run('DELETE FROM twin_buildings_rtree WHERE rid = ?', [rid]);
  },
};
