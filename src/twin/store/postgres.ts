import type { SqlValue } from '../../kernel/storage/port.js';
import type { BuildingDialect } from './building-store.js';

/** PostgreSQL: PostGIS envelope (the same box SQLite's R*Tree holds) and footprint, both GiST-indexed. */
export const postgresBuildings: BuildingDialect = {
  bboxCondition([w, s, e, n]) {
    // `&&` compares float32 boxes rounded outwards (~0.4 m here): the GiST index narrows, the row's own doubles decide.
    return { sql: 'b.bbox && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND b.minx <= ? AND b.maxx >= ? AND b.miny <= ? AND b.maxy >= ?', params: [w, s, e, n, e, w, n, s] };
  },
  rdBoxCondition([w, s, e, n]) {
    return {
      sql: '(b.extent_rd::json->>0)::float8 <= ? AND (b.extent_rd::json->>3)::float8 >= ? AND (b.extent_rd::json->>1)::float8 <= ? AND (b.extent_rd::json->>4)::float8 >= ?',
      params: [e, w, n, s],
    };
  },
  async writeRow(db, columns, b) {
    const names = Object.keys(columns);
    const values = Object.values(columns) as SqlValue[];
    const box = b.bboxWgs84;
    const footprint = b.footprint ? JSON.stringify(b.footprint.wgs84) : null;
    const row = await db.one<{ created: boolean }>(
      `INSERT INTO twin_buildings (${names.join(', ')}, bbox, footprint)
       VALUES (${names.map(() => '?').join(', ')},
         CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326) END,
         CASE WHEN ?::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) END)
       ON CONFLICT (id) DO UPDATE SET ${[...names.filter((c) => c !== 'id'), 'bbox', 'footprint'].map((c) => `${c} = excluded.${c}`).join(', ')}
       RETURNING (xmax = 0) AS created`,
      [...values, box?.[0] ?? null, box?.[0] ?? null, box?.[1] ?? null, box?.[2] ?? null, box?.[3] ?? null, footprint, footprint],
    );
    return Boolean(row!.created);
  },
  async writeRows(db, rows) {
    if (rows.length === 0) return 0;
    const names = Object.keys(rows[0]!.columns);
    const extra = 7;
    // PostgreSQL takes at most 65,535 parameters per statement; 200 rows keep the statement small.
    const chunk = Math.min(200, Math.floor(60_000 / (names.length + extra)));
    const one = `(${names.map(() => '?').join(', ')},
      CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326) END,
      CASE WHEN ?::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) END)`;
    let created = 0;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: SqlValue[] = [];
      for (const { columns, b } of part) {
        const box = b.bboxWgs84;
        const footprint = b.footprint ? JSON.stringify(b.footprint.wgs84) : null;
        for (const n of names) params.push(columns[n]!);
        params.push(box?.[0] ?? null, box?.[0] ?? null, box?.[1] ?? null, box?.[2] ?? null, box?.[3] ?? null, footprint, footprint);
      }
      const out = await db.all<{ created: boolean }>(
        `INSERT INTO twin_buildings (${names.join(', ')}, bbox, footprint)
         VALUES ${part.map(() => one).join(',\n')}
         ON CONFLICT (id) DO UPDATE SET ${[...names.filter((c) => c !== 'id'), 'bbox', 'footprint'].map((c) => `${c} = excluded.${c}`).join(', ')}
         RETURNING (xmax = 0) AS created`,
        params,
      );
      for (const r of out) if (r.created) created++;
    }
    return created;
  },
  async deleteIndexes() {
    // The envelope and footprint live in the row itself.
  },
};
