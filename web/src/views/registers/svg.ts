const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children; text is always a text node. */
export function s(tag: string, attrs: Record<string, string | number> = {}, ...children: Array<Node | string | null>): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}
