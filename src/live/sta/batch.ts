import { actorOf, type Principal } from '../../kernel/auth/index.js';
import { AppError, invalid } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/capability.js';
import { dialectFor } from './dialect/index.js';
import { ENTITIES } from './entities.js';
import { changeFeedOf, observationCreated, type ChangeEvent } from './events.js';
import type { Json } from './format.js';
import { existingFeatures, featureFromThing, findDatastreams, ingestPrivacy, insertGroups, parseObservation, refusal, type DatastreamRef, type ParsedObservation } from './ingest.js';
import { refId } from './input.js';
import { Writer } from './write.js';

export interface IngestItem {
  /** From the topic or URL; when absent the body names it as `Datastream: {"@iot.id": n}`. */
  datastreamId?: number;
  body: unknown;
  /** Who sent it: it is stored only into a Datastream this principal's organisation owns. */
  principal: Principal;
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
  const groups = new Map<number, { index: number; parsed: ParsedObservation; principal: Principal }[]>();
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
      list.push({ index, parsed, principal: item.principal });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out[index] = e;
    }
  });
  const times = [...groups.values()].flatMap((g) => g.map((x) => x.parsed.row.phenomenonStart));
  await d.ensureObservationStorage(ctx.store, times);
  // One writer per sender: a FeatureOfInterest an item creates belongs to whoever sent it.
  const writers = new Map<string, Writer>();
  const observed: ChangeEvent[] = [];
  await ctx.store.transaction(async (tx) => {
    const privacy = ingestPrivacy(ctx);
    const writerFor = (p: Principal): Writer => {
      let w = writers.get(actorOf(p));
      if (!w) writers.set(actorOf(p), (w = new Writer(tx, d, p, privacy)));
      return w;
    };
    // A batch costs a fixed number of queries, not one per item: on PostgreSQL each is a round trip.
    const streams = await findDatastreams(tx, groups.keys());
    const referenced: number[] = [];
    for (const group of groups.values()) for (const g of group) if (g.parsed.feature && 'id' in g.parsed.feature) referenced.push(g.parsed.feature.id);
    const known = referenced.length ? await existingFeatures(tx, referenced) : new Set<number>();
    const batch: { ds: DatastreamRef; principal: Principal; ready: { index: number; parsed: ParsedObservation }[] }[] = [];
    for (const [dsId, group] of groups) {
      const ds = streams.get(dsId);
      if (!ds) {
        for (const g of group) out[g.index] = invalid('Datastream', `Datastream ${dsId} does not exist`);
        continue;
      }
      // Settle each item's feature first, so a bad reference refuses only that item.
      let derived: number | AppError | undefined;
      const ready = new Map<string, { principal: Principal; items: typeof group }>();
      for (const g of group) {
        const f = g.parsed.feature;
        const writer = writerFor(g.principal);
        try {
          const refused = refusal(g.principal, ds, g.parsed.row);
          if (refused) throw refused;
          if (!f) {
            derived ??= await featureFromThing(tx, d, ds.thingId, 'FeatureOfInterest', writer.featureDerived).catch((e: unknown) => {
              if (e instanceof AppError) return e;
              throw e;
            });
            if (derived instanceof AppError) throw derived;
            g.parsed.feature = { id: derived };
          } else if ('id' in f) {
            if (!known.has(f.id)) throw invalid('FeatureOfInterest', `FeatureOfInterest ${f.id} does not exist`);
          } else g.parsed.feature = { id: await writer.create(ENTITIES.FeatureOfInterest, f.create, 'FeatureOfInterest') };
          const key = actorOf(g.principal);
          if (!ready.has(key)) ready.set(key, { principal: g.principal, items: [] });
          ready.get(key)!.items.push(g);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          out[g.index] = e;
        }
      }
      for (const r of ready.values()) batch.push({ ds, principal: r.principal, ready: r.items });
    }
    const any = writerFor(batch[0]?.principal ?? { kind: 'admin', via: 'api-key' });
    const ids = await insertGroups(tx, d, batch.map((b) => ({ ds: b.ds, items: b.ready.map((g) => g.parsed), principal: b.principal })), {
      // Features were settled above, item by item: these only serve a path that creates none.
      createFeature: any.featureCreator,
      privacy,
      onFeatureDerived: any.featureDerived,
      // Checked above, item by item, so one bad reference refuses only its item.
      knownFeatures: known,
    });
    batch.forEach(({ ds, ready }, b) => {
      ready.forEach((g, k) => {
        const id = ids[b]![k]!;
        const event = observationCreated(id, g.parsed.row);
        observed.push(event);
        // Formatted only when someone reads it: the MQTT gateway needs just the outcome.
        out[g.index] = { id, datastreamId: ds.id, featureOfInterestId: g.parsed.row.featureId, get entity() { return event.json!(root); } };
      });
    });
  });
  // Committed: features created for the batch, then its observations, to whoever follows them.
  const feed = changeFeedOf(ctx.store);
  const created = [...writers.values()].flatMap((w) => w.changes);
  feed.emit(feed.wants('Observation') ? [...created, ...observed] : created);
  return out;
}
