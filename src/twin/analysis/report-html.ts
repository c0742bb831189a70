import type { Bbox } from '../../kernel/geo/index.js';
import type { BezonningResult, ReportMap } from './bezonning.js';

/**
 * The bezonningsstudie as one printable Dutch HTML page: verdict, method, a map of the
 * facade points (inline SVG), shadow diagrams, and the table of facade points that fall
 * below a norm. Self-contained: no scripts, no external assets.
 */
const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const nl = (v: number, d = 1): string => v.toLocaleString('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d });

function svgFrame(area: Bbox, width: number, body: (x: (v: number) => number, y: (v: number) => number) => string, title: string): string {
  const w = area[2] - area[0];
  const h = area[3] - area[1];
  const scale = width / w;
  const height = Math.round(h * scale);
  const x = (v: number): number => Number(((v - area[0]) * scale).toFixed(1));
  const y = (v: number): number => Number(((area[3] - v) * scale).toFixed(1));
  // Scale bar of a round length near a fifth of the width.
  const bar = [10, 20, 50, 100, 200, 500].reduce((a, b) => (Math.abs(b - w / 5) < Math.abs(a - w / 5) ? b : a));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">
<rect width="${width}" height="${height}" fill="#fff" stroke="#888"/>
${body(x, y)}
<g font-size="11" font-family="sans-serif"><line x1="10" y1="${height - 12}" x2="${10 + bar * scale}" y2="${height - 12}" stroke="#000" stroke-width="2"/><text x="10" y="${height - 16}">${bar} m</text>
<path d="M ${width - 20} ${height - 14} l 6 -18 l 6 18 z" fill="#000"/><text x="${width - 18}" y="${height - 36}">N</text></g>
</svg>`;
}

const pathOf = (rings: ReadonlyArray<ReadonlyArray<readonly number[]>>, x: (v: number) => number, y: (v: number) => number): string =>
  rings.map((r) => `M ${r.map((p) => `${x(p[0]!)} ${y(p[1]!)}`).join(' L ')} Z`).join(' ');

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** '--02-19' (an ISO month-day) as '19 februari'. */
const dayMonth = (md: string): string => `${Number(md.slice(5, 7))} ${MONTHS[Number(md.slice(2, 4)) - 1]}`;

const FILL = { planned: '#e8731a', studied: '#b9c7d8', removed: '#ffffff', other: '#d9d6d0' } as const;
const POINT = { 'newly-failing': '#c0001a', failing: '#7a4fa3', passing: '#1f7a3a' } as const;

export function reportHtml(r: BezonningResult, map: ReportMap, generatedAt: string): string {
  const mapSvg = svgFrame(
    map.area,
    760,
    (x, y) =>
      map.buildings.map((b) => `<path d="${pathOf(b.rings, x, y)}" fill="${FILL[b.role]}" stroke="#555" stroke-width="0.6" fill-rule="evenodd"${b.role === 'removed' ? ' stroke-dasharray="3 2"' : ''}/>`).join('\n') +
      '\n' +
      map.points.map((p) => `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="${p.status === 'newly-failing' ? 3 : 1.6}" fill="${POINT[p.status]}"/>`).join('\n'),
    'Kaart van de onderzochte gevels en het plan',
  );
  const shadowSvgs = map.shadows.map((s) =>
    `<figure><figcaption>${esc(s.label)} (zonshoogte ${nl(s.altitude)}°)</figcaption>${svgFrame(
      map.area,
      360,
      (x, y) =>
        s.pieces.filter((p) => !p.planned).map((p) => `<path d="${pathOf(p.rings, x, y)}" fill="#555" fill-opacity="0.35" fill-rule="evenodd"/>`).join('') +
        s.pieces.filter((p) => p.planned).map((p) => `<path d="${pathOf(p.rings, x, y)}" fill="#e8731a" fill-opacity="0.45" fill-rule="evenodd"/>`).join('') +
        map.buildings.map((b) => `<path d="${pathOf(b.rings, x, y)}" fill="${FILL[b.role]}" stroke="#555" stroke-width="0.4"/>`).join(''),
      `Schaduw op ${s.label}`,
    )}</figure>`,
  );
  const normRows = r.norms.map((n) => `<li><strong>${esc(n.name)}</strong>: ten minste ${n.minHours} uur zon per dag van ${esc(dayMonth(n.from))} tot en met ${esc(dayMonth(n.to))}</li>`).join('');
  const studiedRows = r.studied
    .filter((s) => Object.values(s.newlyFailing).some((n) => n > 0))
    .map((s) => `<tr><td>${esc(s.id)}</td><td>${esc(s.bagId ?? '—')}</td><td>${s.points}</td>${r.norms.map((n) => `<td>${s.failingBefore[n.name] ?? 0} → ${s.failingAfter[n.name] ?? 0}</td>`).join('')}</tr>`)
    .join('');
  const pointRows = r.newlyFailing
    .slice(0, 500)
    .map((p) => `<tr><td>${esc(p.buildingId)}</td><td>${p.storey + 1}</td><td>${esc(p.norm)}</td><td>${nl(p.hoursBefore, 2)}</td><td>${nl(p.hoursAfter, 2)}</td><td>${esc(p.worstDayAfter)}</td><td>${p.daysBelowAfter}</td><td>${nl(p.rd[0], 1)}; ${nl(p.rd[1], 1)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Bezonningsstudie — ${esc(r.scenario.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left}th{background:#eef1f4}
.verdict{font-size:1.1rem;padding:.75rem 1rem;border-left:6px solid #c0001a;background:#fbeff0}
.verdict.ok{border-color:#1f7a3a;background:#eef7f0}
.shadows{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-weight:600}
.legend span{display:inline-block;width:.9rem;height:.9rem;margin:0 .3rem 0 1rem;vertical-align:middle;border:1px solid #555}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,svg{break-inside:avoid}}
</style></head>
<body>
<h1>Bezonningsstudie: ${esc(r.scenario.name)}</h1>
<p>Scenario <code>${esc(r.scenario.id)}</code>. Gemaakt op ${esc(generatedAt.slice(0, 16).replace('T', ' '))} UTC met Thorbecke.</p>
<p class="verdict${r.newlyFailing.length === 0 ? ' ok' : ''}">${esc(r.verdict)}</p>
<h2>Plan</h2>
<ul>${r.planned.map((p) => `<li>Nieuw: ${esc(p.name ?? p.id)}${p.height !== null ? `, ${nl(p.height)} m hoog` : ''}</li>`).join('')}${r.removed.map((id) => `<li>Gesloopt: ${esc(id)}</li>`).join('')}</ul>
<h2>Methode</h2>
<p>Voor elk gebouw binnen ${r.options.radius} m van het plan zijn gevelpunten gelegd: om de ${r.options.spacing} m langs elke gevel, per verdieping op vensterbankhoogte (1 m boven de vloer, verdiepingen van 3 m). Per punt is voor elke dag van het jaar ${r.options.year} de mogelijke bezonningsduur berekend (zonnestand volgens NREL SPA, stappen van ${r.options.stepMinutes} minuten, alleen zon hoger dan ${nl(r.options.minAltitude)}°), zonder en met het plan. Gebouwen zijn LoD1-blokken uit het 3D-stadsmodel. Getoetst aan de TNO-normen:</p>
<ul>${normRows}</ul>
<h2>Kaart</h2>
<p class="legend"><span style="background:${FILL.planned}"></span>plan<span style="background:${FILL.studied}"></span>onderzocht gebouw<span style="background:${POINT['newly-failing']};border-radius:50%"></span>gaat onder de norm door het plan<span style="background:${POINT.failing};border-radius:50%"></span>voldoet ook zonder plan niet<span style="background:${POINT.passing};border-radius:50%"></span>voldoet</p>
${mapSvg}
<h2>Schaduw op 21 maart</h2>
<div class="shadows">${shadowSvgs.join('\n')}</div>
<h2>Uitkomst per norm</h2>
<table><thead><tr><th>Norm</th><th>Gaat onder de norm</th><th>Weer boven de norm</th><th>Bleef onder</th><th>Bleef voldoen</th></tr></thead><tbody>
${Object.entries(r.summary).map(([norm, s]) => `<tr><td>${esc(norm)}</td><td>${s['newly-failing']}</td><td>${s['newly-passing']}</td><td>${s['still-failing']}</td><td>${s['still-passing']}</td></tr>`).join('')}
</tbody></table>
<h2>Gebouwen met gevels die onder een norm gaan</h2>
${studiedRows ? `<table><thead><tr><th>Gebouw</th><th>BAG-pand</th><th>Gevelpunten</th>${r.norms.map((n) => `<th>Punten onder ${esc(n.name)} (zonder → met plan)</th>`).join('')}</tr></thead><tbody>${studiedRows}</tbody></table>` : '<p>Geen.</p>'}
<h2>Gevelpunten die onder een norm gaan</h2>
${pointRows ? `<table><thead><tr><th>Gebouw</th><th>Verdieping</th><th>Norm</th><th>Uren zonder plan (slechtste dag)</th><th>Uren met plan (slechtste dag)</th><th>Slechtste dag</th><th>Dagen onder de norm</th><th>RD x; y</th></tr></thead><tbody>${pointRows}</tbody></table>${r.newlyFailing.length > 500 ? `<p>En nog ${r.newlyFailing.length - 500} punten (zie de JSON-uitkomst).</p>` : ''}` : '<p>Geen.</p>'}
</body></html>`;
}
