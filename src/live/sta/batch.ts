import { AppError, invalid } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/capability.js';
import { dialectFor } from './dialect/index.js';
import { ENTITIES } from './entities.js';
import { entityJson, type Json } from './format.js';
import { featureFromThing, findDatastream, ingestPrivacy, insertObservations, parseObservation, type ParsedObservation } from './ingest.js';
import { refId } from './input.js';
import { Writer } from './write.js';

export interface IngestItem {
  /** From the topic or URL; when absent the body names it as `Datastream: {"@iot.id": n}`. */
  datastreamId?: number;
  body: unknown;
}

export interface IngestedObservation {
  id: number;
  datastreamId: number;
  featureOfInterestId: number;
  /** The Observation as the API shows it, with @iot.id and @iot.selfLink. */
  entity: Json;
}

/**
 * Stores observations of any number of Datastreams in one transaction, with one outcome
 * per item: the stored Observation, or the AppError (400) saying why this item was refused.
 * An item's error never spoils the others. This is the shape a group-committing MQTT
 * gateway needs; `ingestObservations` is the single-Datastream form.
 */
export async function ingestBatch(ctx: AppContext, items: readonly IngestItem[], root = `${ctx.baseUrl.replace(/\/$/, '')}/sta/v1.1`): Promise<(IngestedObservation | AppError)[]> {
  const d = dialectFor(ctx.store);
  const now = Date.now();
  const out: (IngestedObservation | AppError)[] = new Array(items.length);
  const groups = new Map<number, { index: number; parsed: ParsedObservation }[]>();
  items.forEach((item, index) => {
    try {
      let ds = item.datastreamId;
      const body = item.body as Record<string, unknown> | null;
      if (body && typeof body === 'object' && body.Datastream !== undefined) {
        const named = refId(body.Datastream, 'Datastream');
        if (named === undefined) throw invalid('Datastream', 'must be {"@iot.id": n}');
        if (ds !== undefined && named !== ds) throw invalid('Datastream', `names Datastream ${named}, but the observation was sent for ${ds}`);
        ds = named;
      }
      if (ds === undefined) throw invalid('Datastream', 'is required');
      const parsed = parseObservation(item.body, '', now);
      let list = groups.get(ds);
      if (!list) groups.set(ds, (list = []));
      list.push({ index, parsed });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out[index] = e;
    }
  });
  const times = [...groups.values()].flatMap((g) => g.map((x) => x.parsed.row.phenomenonStart));
  await d.ensureObservationStorage(ctx.store, times);
  await ctx.store.transaction(async (tx) => {
    const privacy = ingestPrivacy(ctx);
    const writer = new Writer(tx, d, privacy);
    for (const [dsId, group] of groups) {
      let ds;
      try {
        ds = await findDatastream(tx, dsId, 'Datastream');
      } catch (e) {
        for (const g of group) out[g.index] = e as AppError;
        continue;
      }
      // Settle each item's feature first, so a bad reference refuses only that item.
      const ready: typeof group = [];
      for (const g of group) {
        const f = g.parsed.feature;
        try {
          if (!f) g.parsed.feature = { id: await featureFromThing(tx, d, ds.thingId, 'FeatureOfInterest') };
          else if ('id' in f) {
            if (!(await tx.one('SELECT 1 AS ok FROM sta_features WHERE id = ?', [f.id]))) throw invalid('FeatureOfInterest', `FeatureOfInterest ${f.id} does not exist`);
          } else g.parsed.feature = { id: await writer.create(ENTITIES.FeatureOfInterest, f.create, 'FeatureOfInterest') };
          ready.push(g);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          out[g.index] = e;
        }
      }
      const ids = await insertObservations(tx, d, ds, ready.map((g) => g.parsed), writer.featureCreator, 'FeatureOfInterest', privacy);
      ready.forEach((g, k) => {
        const r = g.parsed.row;
        const row: Json = {
          id: ids[k], datastream_id: dsId, phenomenon_time: r.phenomenonStart, phenomenon_time_end: r.phenomenonEnd, result_time: r.resultTime,
          result_num: r.resultNum, result_str: r.resultStr, result_json: r.resultJson, result_quality: r.resultQuality,
          valid_time_start: r.validStart, valid_time_end: r.validEnd, parameters: r.parameters, feature_id: r.featureId,
        };
        out[g.index] = { id: ids[k]!, datastreamId: dsId, featureOfInterestId: r.featureId, entity: entityJson(root, ENTITIES.Observation, row) };
      });
    }
  });
  return out;
}
