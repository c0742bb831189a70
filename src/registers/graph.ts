import { listOrganisations, type Mandate, type Organisation } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { slugify } from '../governance/index.js';
import { classifyMandates, type TraceClass } from './traceability/classify.js';
import { loadMandates } from './traceability/mandates.js';
import { scanItems } from './traceability/report.js';

/**
 * The governance network as a graph: organisations, the bodies that decide, the
 * mandates and agreements, and how many items rest on each. Every node says whether it
 * belongs to the constitutional order (elected bodies, laws, public bodies and decisions
 * that reach an elected body) or to the parallel layer (agreements, networks, companies,
 * decisions that do not reach an elected body). JSON only; the web app draws it.
 */
export type Layer = 'constitutional' | 'parallel' | 'none';

export interface GraphNode {
  id: string;
  type: 'organisation' | 'body' | 'mandate' | 'items';
  label: string;
  layer: Layer;
  [extra: string]: unknown;
}
export interface GraphEdge {
  from: string;
  to: string;
  type: 'decided-by' | 'based-on' | 'signed-by' | 'rests-on' | 'part-of' | 'owned-by';
  count?: number;
}

const PUBLIC_BODIES = new Set<Organisation['kind']>(['gemeente', 'provincie', 'waterschap', 'rijk', 'omgevingsdienst', 'gemeenschappelijke-regeling']);
const LAYER_OF_CLASS: Record<TraceClass, Layer> = { a: 'constitutional', b: 'constitutional', c: 'parallel', d: 'none' };

export async function governanceGraph(ctx: AppContext): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; legend: Record<Layer, string> }> {
  const orgs: Organisation[] = [];
  for (let offset = 0; ; offset += 200) {
    const { items } = await listOrganisations(ctx.store, 200, offset);
    orgs.push(...items);
    if (items.length < 200) break;
  }
  const mandates: Mandate[] = await loadMandates(ctx.store);
  const verdicts = classifyMandates(mandates);
  const orgById = new Map(orgs.map((o) => [o.id, o]));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const o of orgs) {
    nodes.push({ id: `org:${o.id}`, type: 'organisation', label: o.name, kind: o.kind, layer: PUBLIC_BODIES.has(o.kind) ? 'constitutional' : 'parallel', example: o.example });
  }

  const bodies = new Map<string, GraphNode>();
  for (const m of mandates) {
    const verdict = verdicts.get(m.id)!;
    nodes.push({
      id: `mandate:${m.id}`,
      type: 'mandate',
      label: m.title,
      kind: m.kind,
      class: verdict.class,
      layer: LAYER_OF_CLASS[verdict.class],
      example: m.example,
      items: {} as Record<string, number>,
      ...(m.link ? { link: m.link } : {}),
    });
    if (m.decidedBy) {
      const bodyId = `body:${slugify(`${m.decidedBy.organisationId ?? ''} ${m.decidedBy.name}`)}`;
      if (!bodies.has(bodyId)) {
        const org = m.decidedBy.organisationId ? orgById.get(m.decidedBy.organisationId) : undefined;
        const layer: Layer = m.decidedBy.elected || (org && PUBLIC_BODIES.has(org.kind)) ? 'constitutional' : 'parallel';
        const node: GraphNode = { id: bodyId, type: 'body', label: m.decidedBy.name, elected: m.decidedBy.elected, layer };
        bodies.set(bodyId, node);
        nodes.push(node);
        if (org) edges.push({ from: bodyId, to: `org:${org.id}`, type: 'part-of' });
      }
      edges.push({ from: `mandate:${m.id}`, to: bodyId, type: 'decided-by' });
    }
    if (m.basedOn) edges.push({ from: `mandate:${m.id}`, to: `mandate:${m.basedOn}`, type: 'based-on' });
    for (const s of m.signatories) edges.push({ from: `mandate:${m.id}`, to: `org:${s}`, type: 'signed-by' });
  }

  // Items are counted, not listed: one node per (kind, owner), with weighted rests-on edges.
  const groups = new Map<string, { kind: string; ownerId: string; total: number; unmandated: number; on: Map<string, number> }>();
  await scanItems(
    ctx,
    {},
    (item, verdict) => {
      const key = `${item.kind}|${item.ownerId}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind: item.kind, ownerId: item.ownerId, total: 0, unmandated: 0, on: new Map() }));
      g.total++;
      if (!verdict.via) g.unmandated++;
      for (const id of item.mandateIds) if (verdicts.has(id)) g.on.set(id, (g.on.get(id) ?? 0) + 1);
    },
    verdicts,
  );
  const mandateNodes = new Map(nodes.filter((n) => n.type === 'mandate').map((n) => [n.id, n]));
  for (const g of groups.values()) {
    const id = `items:${g.kind}:${g.ownerId}`;
    const owner = orgById.get(g.ownerId);
    nodes.push({ id, type: 'items', label: `${g.kind} (${owner?.name ?? g.ownerId})`, kind: g.kind, ownerId: g.ownerId, count: g.total, withoutMandate: g.unmandated, layer: 'none' });
    if (owner) edges.push({ from: id, to: `org:${owner.id}`, type: 'owned-by', count: g.total });
    for (const [mandateId, count] of g.on) {
      edges.push({ from: id, to: `mandate:${mandateId}`, type: 'rests-on', count });
      const counts = mandateNodes.get(`mandate:${mandateId}`)!.items as Record<string, number>;
      counts[g.kind] = (counts[g.kind] ?? 0) + count;
    }
  }
  // A basedOn or signatory that no longer exists would leave an edge hanging.
  const ids = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    legend: {
      constitutional: 'De constitutionele orde: gekozen organen, wetten, openbare lichamen en besluiten die tot een gekozen orgaan herleidbaar zijn',
      parallel: 'De parallelle laag: convenanten, contracten, netwerken, bedrijven en besluiten die niet tot een gekozen orgaan herleidbaar zijn',
      none: 'Geen mandaat, of items (geteld per soort en eigenaar)',
    },
  };
}
