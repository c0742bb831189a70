import { h } from '../../dom.js';
import { formatNumber, t, type MessageKey } from '../../i18n/index.js';
import { s } from './svg.js';

export interface GraphNode {
  id: string;
  type: 'organisation' | 'body' | 'mandate' | 'items';
  label: string;
  layer: 'constitutional' | 'parallel' | 'none';
  kind?: string;
  class?: string;
  elected?: boolean;
  count?: number;
}
export interface GraphEdge {
  from: string;
  to: string;
  type: string;
  count?: number;
}

/**
 * Four rows, top to bottom: elected bodies and what they decided (class a); executive
 * bodies and decisions under a mandate (b) with the public organisations; agreements,
 * networks and what does not reach an elected body (c, d); the items resting on them.
 */
export function rowOf(n: GraphNode): number {
  if (n.type === 'items') return 3;
  if (n.type === 'body') return n.elected ? 0 : 1;
  if (n.type === 'mandate') return n.class === 'a' ? 0 : n.class === 'b' ? 1 : 2;
  return n.layer === 'constitutional' ? 1 : 2;
}

const ROW_KEYS: MessageKey[] = ['reg.graph.row0', 'reg.graph.row1', 'reg.graph.row2', 'reg.graph.row3'];
const TYPE_KEYS: Record<GraphNode['type'], MessageKey> = { organisation: 'reg.graph.type.organisation', body: 'reg.graph.type.body', mandate: 'reg.graph.type.mandate', items: 'reg.graph.type.items' };
const EDGE_KEYS: Record<string, MessageKey> = {
  'decided-by': 'reg.graph.edge.decidedBy',
  'based-on': 'reg.graph.edge.basedOn',
  'signed-by': 'reg.graph.edge.signedBy',
  'rests-on': 'reg.graph.edge.restsOn',
  'part-of': 'reg.graph.edge.partOf',
  'owned-by': 'reg.graph.edge.ownedBy',
};

const NODE_W = 150;
const NODE_H = 46;
const GAP_X = 24;
const ROW_GAP = 110;
const TOP = 40;

const short = (text: string, max = 22): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Splits a label over two lines of at most ~22 characters. */
function lines(text: string): [string, string?] {
  if (text.length <= 22) return [text];
  const cut = text.lastIndexOf(' ', 22);
  const at = cut > 8 ? cut : 22;
  return [text.slice(0, at), short(text.slice(at).trim())];
}

export function governanceGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): HTMLElement {
  const rows: GraphNode[][] = [[], [], [], []];
  for (const n of nodes) rows[rowOf(n)]!.push(n);
  // Related nodes near each other: order rows by label inside their type.
  for (const row of rows) row.sort((a, b) => a.type.localeCompare(b.type) || a.label.localeCompare(b.label));
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = Math.max(640, widest * (NODE_W + GAP_X) + GAP_X);
  const height = TOP + 4 * ROW_GAP;
  const pos = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => {
    // Left-aligned, so every row starts in view when the drawing scrolls sideways.
    const x0 = GAP_X;
    row.forEach((n, i) => pos.set(n.id, { x: x0 + i * (NODE_W + GAP_X), y: TOP + r * ROW_GAP }));
  });

  const edgeEls = edges.flatMap((e) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) return [];
    return [s('line', { x1: a.x + NODE_W / 2, y1: a.y + NODE_H / 2, x2: b.x + NODE_W / 2, y2: b.y + NODE_H / 2, class: `edge edge-${e.type}` })];
  });
  const nodeEls = nodes.map((n) => {
    const p = pos.get(n.id)!;
    const [l1, l2] = lines(n.type === 'items' && n.count !== undefined ? `${n.label}: ${formatNumber(n.count)}` : n.label);
    return s(
      'g',
      { class: `node node-${n.type} layer-${n.layer}`, transform: `translate(${p.x},${p.y})` },
      s('title', {}, `${t(TYPE_KEYS[n.type])}: ${n.label}`),
      s('rect', { width: NODE_W, height: NODE_H, rx: n.type === 'mandate' ? 2 : 10 }),
      s('text', { x: 8, y: l2 ? 19 : 28 }, l1),
      l2 ? s('text', { x: 8, y: 36 }, l2) : null,
    );
  });
  const rowLabels = ROW_KEYS.map((k, r) => s('text', { x: 6, y: TOP + r * ROW_GAP - 10, class: 'row-label' }, t(k)));
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, class: 'gov-graph', role: 'img', 'aria-labelledby': 'graph-title graph-desc' },
    s('title', { id: 'graph-title' }, t('reg.graph.title')),
    s('desc', { id: 'graph-desc' }, t('reg.graph.desc')),
    ...rowLabels,
    s('g', { class: 'edges' }, ...edgeEls),
    s('g', { class: 'nodes' }, ...nodeEls),
  );

  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const table = h(
    'table',
    { class: 'graph-table' },
    h('caption', null, t('reg.graph.tableCaption')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('reg.graph.from')), h('th', { scope: 'col' }, t('reg.graph.relation')), h('th', { scope: 'col' }, t('reg.graph.to')))),
    h(
      'tbody',
      null,
      edges
        .filter((e) => label.has(e.from) && label.has(e.to))
        .map((e) => h('tr', null, h('td', null, label.get(e.from)!), h('td', null, `${t(EDGE_KEYS[e.type] ?? 'reg.graph.edge.other')}${e.count !== undefined ? ` (${formatNumber(e.count)})` : ''}`), h('td', null, label.get(e.to)!))),
    ),
  );
  return h(
    'div',
    { class: 'graph' },
    h('div', { class: 'graph-scroll', tabindex: 0, role: 'region', 'aria-label': t('reg.graph.scrollLabel') }, svg),
    h('p', { class: 'legend-note' }, h('span', { class: 'swatch swatch-constitutional', 'aria-hidden': 'true' }), ` ${t('reg.graph.legend.constitutional')} `, h('span', { class: 'swatch swatch-parallel', 'aria-hidden': 'true' }), ` ${t('reg.graph.legend.parallel')} `, h('span', { class: 'swatch swatch-none', 'aria-hidden': 'true' }), ` ${t('reg.graph.legend.none')}`),
    h('details', { class: 'graph-alt' }, h('summary', null, t('reg.graph.showTable')), h('div', { class: 'table-wrap' }, table)),
  );
}
