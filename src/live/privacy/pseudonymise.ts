import { Pseudonymiser, pseudonymiseFields } from '../../privacy/pseudonymiser.js';
import type { Queryable, Store } from '../../kernel/storage/port.js';
import type { ObservationRow } from '../sta/dialect/types.js';

export const DAY_MS = 86_400_000;

export const scopeOf = (datastreamId: number): string => `datastream:${datastreamId}`;

/**
 * A Pseudonymiser whose key look-ups run inside the ingest transaction `tx`: the store
 * serialises transactions, so opening a second one from inside the first would wait for
 * itself. A key created here commits (or rolls back) with the observations it keyed.
 */
export function pseudonymiserIn(tx: Queryable, rotationMs: number): Pseudonymiser {
  const bound: Store = {
    dialect: tx.dialect,
    features: tx.features,
    description: 'ingest transaction',
    all: (sql, params) => tx.all(sql, params),
    one: (sql, params) => tx.one(sql, params),
    run: (sql, params) => tx.run(sql, params),
    runMany: (sql, rows) => tx.runMany(sql, rows),
    insertMany: (table, columns, rows, conflict) => tx.insertMany(table, columns, rows, conflict),
    exec: (script) => tx.exec(script),
    transaction: (work) => work(tx),
    // Keys are only destroyed by the rotation job, on the real store.
    scrub: async () => undefined,
    close: async () => undefined,
  };
  return new Pseudonymiser(bound, { rotationMs });
}

/**
 * Replaces the identifier fields of one observation row by pseudonyms, in place, before
 * it is stored, logged or published. `result` alone means the whole result is the
 * identifier; `result.x.y` and `parameters.x` address fields inside the JSON.
 */
export async function pseudonymiseRow(row: ObservationRow, fields: readonly string[], pseudonymise: (v: string) => Promise<string>): Promise<void> {
  const inResult: string[] = [];
  const inParameters: string[] = [];
  for (const f of fields) {
    if (f === 'result') {
      const raw = row.resultStr ?? (row.resultNum !== null ? String(row.resultNum) : row.resultJson !== null && row.resultJson !== 'null' ? row.resultJson : null);
      if (raw !== null) {
        row.resultStr = await pseudonymise(row.resultStr ?? raw);
        row.resultNum = null;
        row.resultJson = null;
      }
    } else if (f.startsWith('result.')) inResult.push(f.slice('result.'.length));
    else if (f.startsWith('parameters.')) inParameters.push(f.slice('parameters.'.length));
  }
  if (inResult.length && row.resultJson !== null) {
    row.resultJson = JSON.stringify(await pseudonymiseFields(JSON.parse(row.resultJson), inResult, pseudonymise));
  }
  if (inParameters.length && row.parameters !== null) {
    row.parameters = JSON.stringify(await pseudonymiseFields(JSON.parse(row.parameters), inParameters, pseudonymise));
  }
}
