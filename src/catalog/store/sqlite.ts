import type { Queryable } from '../../kernel/storage/port.js';
import type { Dataset } from '../model.js';
import type { CatalogDialect } from './catalog-store.js';
import { encodeFacetKeys, searchText } from './query.js';

const quote = (term: string) => `"${term.replace(/"/g, '""')}"*`;

/** SQLite: FTS5 (contentless, bm25 with title weighted highest) and an R*Tree for extents, with the exact box beside it. */
export const sqliteCatalog: CatalogDialect = {
  textMatches(terms) {
    return { sql: 'SELECT rowid AS rid FROM datasets_fts WHERE datasets_fts MATCH ?', params: [terms.map(quote).join(' AND ')] };
  },
  textRanked(terms, limit) {
    // FTS5 computes bm25 only for the rows it keeps when the ORDER BY is on the rank itself.
    return {
      sql: 'SELECT rowid AS rid FROM datasets_fts WHERE datasets_fts MATCH ? ORDER BY bm25(datasets_fts, 10.0, 2.0, 5.0), rowid DESC LIMIT ?',
      params: [terms.map(quote).join(' AND '), limit],
    };
  },
  bboxRids([w, s, e, n]) {
    // The R*Tree narrows on float32 boxes (rounded outwards); the exact doubles decide.
    return {
      sql: 'SELECT rid FROM datasets_extent WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? AND w <= ? AND e >= ? AND s <= ? AND n >= ?',
      params: [e, w, n, s, e, w, n, s],
    };
  },
  async writeRow(db: Queryable, d: Dataset, isNew?: boolean) {
    const existing = isNew ? undefined : await db.one<{ rid: number }>('SELECT rid FROM datasets WHERE id = ?', [d.id]);
    const values = [d.identifier, d.publisherId, d.title.nl, d.title.nl.toLocaleLowerCase('nl'), d.modified ?? d.updatedAt, encodeFacetKeys(d)];
    let rid: number;
    const created = !existing;
    if (existing) {
      rid = Number(existing.rid);
      await db.run('UPDATE datasets SET identifier = ?, publisher_id = ?, title = ?, title_sort = ?, modified = ?, facet_keys = ? WHERE rid = ?', [...values, rid]);
      await this.deleteIndexes(db, rid);
    } else {
      const res = await db.run('INSERT INTO datasets (id, identifier, publisher_id, title, title_sort, modified, facet_keys) VALUES (?, ?, ?, ?, ?, ?, ?)', [d.id, ...values]);
      rid = res.insertId!;
    }
    const t = searchText(d);
    await db.run('INSERT INTO datasets_fts (rowid, title, description, keywords) VALUES (?, ?, ?, ?)', [rid, t.title, t.description, t.keywords]);
    if (d.spatial) {
      const [w, s, e, n] = d.spatial.bbox;
      await db.run('INSERT INTO datasets_extent (rid, minx, maxx, miny, maxy, w, s, e, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [rid, w, e, s, n, w, s, e, n]);
    }
    return { rid, created };
  },
  async deleteIndexes(db, rid) {
    await db.run('DELETE FROM datasets_fts WHERE rowid = ?', [rid]);
    await db.run('DELETE FROM datasets_extent WHERE rid = ?', [rid]);
  },
};
