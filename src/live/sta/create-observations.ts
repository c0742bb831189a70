import type { Principal } from '../../kernel/auth/index.js';
import { AppError, invalid } from '../../kernel/errors.js';
import type { Store } from '../../kernel/storage/port.js';
import type { StaDialect } from './dialect/types.js';
import { findDatastreams, insertGroups, parseObservation, refusal, type FeatureCreator, type IngestPrivacy, type ObservationGroup, type ParsedObservation } from './ingest.js';
import { refId, safeKey } from './input.js';
import { emitObservations } from './events.js';
import { parseInstant, parseTime } from './time.js';

const COMPONENTS = new Set(['phenomenonTime', 'result', 'resultTime', 'resultQuality', 'validTime', 'parameters', 'FeatureOfInterest/id']);

interface Block {
  datastreamId: number;
  rows: (ParsedObservation | null)[];
}

/** The common case (phenomenonTime, result, resultTime, FeatureOfInterest/id) without building an object per row. */
function fastRow(components: string[], row: unknown[], path: string, now: number): ParsedObservation {
  const obs: ParsedObservation = {
    row: { datastreamId: 0, featureId: 0, phenomenonStart: now, phenomenonEnd: null, resultTime: null, resultNum: null, resultStr: null, resultJson: null, resultQuality: null, validStart: null, validEnd: null, parameters: null },
    feature: null,
  };
  for (let k = 0; k < components.length; k++) {
    const c = components[k]!;
    const v = row[k];
    if (c === 'phenomenonTime') {
      // Instants are the common case: parse them without the interval wrapper object.
      const instant = typeof v === 'string' && v.indexOf('/') < 0 ? parseInstant(v) : null;
      if (instant !== null) obs.row.phenomenonStart = instant;
      else {
        const t = parseTime(v, `${path}.phenomenonTime`);
        obs.row.phenomenonStart = t.start;
        obs.row.phenomenonEnd = t.end;
      }
    } else if (c === 'result') {
      if (typeof v === 'number') obs.row.resultNum = v;
      else if (typeof v === 'string') obs.row.resultStr = v;
      else obs.row.resultJson = JSON.stringify(v ?? null);
    } else if (c === 'resultTime') {
      if (v !== null) {
        const t = parseTime(v, `${path}.resultTime`);
        if (t.end !== null) throw invalid(`${path}.resultTime`, 'must be an instant');
        obs.row.resultTime = t.start;
      }
    } else if (c === 'FeatureOfInterest/id') {
      const id = refId({ '@iot.id': v }, `${path}.FeatureOfInterest`);
      obs.feature = { id: id! };
    } else {
      throw new Error('not a fast component');
    }
  }
  return obs;
}

const FAST = new Set(['phenomenonTime', 'result', 'resultTime', 'FeatureOfInterest/id']);

/** Reads the CreateObservations body; a structural error is a 400, a bad row only marks that row. */
function readBlocks(body: unknown, now: number): Block[] {
  if (!Array.isArray(body)) throw invalid('(root)', 'must be an array of {Datastream, components, dataArray}');
  return body.map((block, b) => {
    if (!block || typeof block !== 'object' || Array.isArray(block)) throw invalid(`${b}`, 'must be a JSON object');
    const o = block as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!['Datastream', 'components', 'dataArray', 'dataArray@iot.count'].includes(key)) throw invalid(`${b}.${safeKey(key)}`, 'is not part of a CreateObservations block');
    }
    if (o.Datastream === undefined) throw invalid(`${b}.Datastream`, 'is required');
    const datastreamId = refId(o.Datastream, `${b}.Datastream`);
    if (datastreamId === undefined) throw invalid(`${b}.Datastream`, 'must be {"@iot.id": n}');
    const components = o.components;
    if (!Array.isArray(components) || components.length === 0 || components.some((c) => typeof c !== 'string' || !COMPONENTS.has(c))) {
      throw invalid(`${b}.components`, `must be a list of: ${[...COMPONENTS].join(', ')}`);
    }
    if (new Set(components).size !== components.length) throw invalid(`${b}.components`, 'names a component twice');
    if (!components.includes('result')) throw invalid(`${b}.components`, "must include 'result'");
    if (!Array.isArray(o.dataArray)) throw invalid(`${b}.dataArray`, 'must be an array of arrays');
    const count = o['dataArray@iot.count'];
    if (count !== undefined && count !== o.dataArray.length) throw invalid(`${b}.dataArray@iot.count`, `does not match the ${o.dataArray.length} rows of dataArray`);
    const fast = components.every((c: string) => FAST.has(c));
    const rows = o.dataArray.map((row: unknown, i: number) => {
      const path = `${b}.dataArray.${i}`;
      try {
        if (!Array.isArray(row) || row.length !== components.length) throw invalid(path, `must have ${components.length} values`);
        if (fast) return fastRow(components as string[], row, path, now);
        const obs: Record<string, unknown> = {};
        components.forEach((c: string, k: number) => {
          if (c === 'FeatureOfInterest/id') obs.FeatureOfInterest = { '@iot.id': row[k] };
          else obs[c] = row[k];
        });
        return parseObservation(obs, path, now);
      } catch (e) {
        if (e instanceof AppError && e.status === 400) return null;
        throw e;
      }
    });
    return { datastreamId, rows };
  });
}

const refuseNewFeature: FeatureCreator = async (_db, _body, path) => {
  throw invalid(path, 'give an existing FeatureOfInterest id');
};

/**
 * The CreateObservations action of the dataArray extension: many observations of one or
 * more Datastreams in one request and one transaction. The answer lists, per row, the new
 * Observation's selfLink or "error" (the row was refused; the others were stored).
 */
export async function createObservations(store: Store, d: StaDialect, body: unknown, selfLink: (id: number) => string, principal: Principal, privacy?: IngestPrivacy): Promise<string[]> {
  const blocks = readBlocks(body, Date.now());
  const times = blocks.flatMap((b) => b.rows.flatMap((r) => (r ? [r.row.phenomenonStart] : [])));
  await d.ensureObservationStorage(store, times);
  const derived: number[] = [];
  const ids = await store.transaction(async (tx) => {
    const streams = await findDatastreams(tx, blocks.map((block) => block.datastreamId));
    const groups: ObservationGroup[] = blocks.map((block, b) => {
      const ds = streams.get(block.datastreamId);
      if (!ds) throw invalid(`${b}.Datastream`, `Datastream ${block.datastreamId} does not exist`);
      // Another organisation's Datastream refuses the whole request (403); an implausible row only marks its row "error".
      block.rows.forEach((r, i) => {
        const refused = r && refusal(principal, ds, r.row);
        if (refused?.code === 'forbidden') throw refused;
        if (refused) block.rows[i] = null;
      });
      return { ds, items: block.rows.filter((r): r is ParsedObservation => r !== null), principal };
    });
    // One bulk insert for the whole request, whatever the number of Datastreams in it.
    const created = await insertGroups(tx, d, groups, { createFeature: refuseNewFeature, privacy, onFeatureDerived: (id) => derived.push(id) });
    return blocks.map((block, b) => {
      let k = 0;
      return block.rows.map((r) => (r ? created[b]![k++]! : null));
    });
  });
  // Committed: tell MQTT subscribers (the rows were pseudonymised in place by the insert).
  emitObservations(
    store,
    function* () {
      for (const [b, block] of blocks.entries()) for (const [k, r] of block.rows.entries()) if (r) yield { id: ids[b]![k]!, row: r.row };
    },
    derived,
  );
  const out: string[] = [];
  for (const block of ids) for (const id of block) out.push(id === null ? 'error' : selfLink(id));
  return out;
}
