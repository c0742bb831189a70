/**
 * The HTML form of every OGC API Features resource (/req/html/content): the JSON
 * document written out as nested lists, links as links, coordinates as text. It is
 * for people following links in a browser; tools take the JSON.
 */

export type Format = 'json' | 'html';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * What the client prefers by Accept (q-values respected): HTML only when it ranks
 * text/html above every JSON type, as browsers do; ties and `*` go to JSON.
 */
export function negotiate(f: Format | undefined, accept: string | undefined): Format {
  if (f) return f;
  let html = 0;
  let json = 0;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === 'text/html') html = Math.max(html, q);
    else if (/^application\/(geo\+)?json$|^application\/\*$|^\*\/\*$/.test(type)) json = Math.max(json, q);
  }
  return html > json ? 'html' : 'json';
}

const isPositions = (v: unknown[]): boolean => v.every((x) => typeof x === 'number' || (Array.isArray(x) && isPositions(x)));

function renderLinks(links: Array<Record<string, unknown>>): string {
  const items = links.map((l) => {
    const href = escapeHtml(String(l.href));
    const extra = Object.entries(l).filter(([k]) => k !== 'href' && k !== 'title').map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(String(v))}`);
    return `<li><a href="${href}">${escapeHtml(String(l.title ?? l.rel))}</a> <small>(${extra.join(', ')}; ${href})</small></li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

function render(value: unknown, key?: string): string {
  if (value === null || value === undefined) return '<i>null</i>';
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
  if (typeof value !== 'object') return escapeHtml(String(value));
  if (Array.isArray(value)) {
    if (key === 'links') return renderLinks(value as Array<Record<string, unknown>>);
    if (value.length > 0 && isPositions(value)) return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => render(v)).join(', ');
    return `<ol>${value.map((v) => `<li>${render(v)}</li>`).join('')}</ol>`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${render(v, k)}</dd>`).join('')}</dl>`;
}

/** A whole HTML 5 page for a JSON document. */
export function htmlPage(title: string, doc: Record<string, unknown>): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;margin:1rem 2rem;line-height:1.4}dt{font-weight:600}dd{margin:0 0 .4rem 1.2rem}code{word-break:break-all}</style>' +
    `</head><body><main><h1>${escapeHtml(title)}</h1>${render(doc)}</main></body></html>\n`
  );
}
