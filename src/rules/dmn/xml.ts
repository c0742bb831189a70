import { DmnError } from './errors.js';

/** A namespace-resolved XML element with the line it starts on, which dmn-moddle does not give us. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by local name (namespaced attributes also under `prefix:name`). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  line: number;
  /** Prefix → URI map in scope, to resolve QName attribute values such as typeRef="ns:tType". */
  nsMap: Record<string, string>;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new DmnError('dmn-xml-invalid', `unknown XML entity ${m}`, { line });
    return v;
  });
}

const NAME = /[A-Za-z_][\w.\-:]*/y;
const ATTR = /\s*([A-Za-z_][\w.\-:]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Small non-validating XML parser: enough for DMN (no DTDs), strict about nesting. */
export function parseXml(src: string): XmlElement {
  let pos = 0;
  let line = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (src.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const fail = (msg: string): never => {
    throw new DmnError('dmn-xml-invalid', msg, { line, ...(stack.length ? { element: stack[stack.length - 1]!.name } : {}) });
  };
  if (src.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      if (src.slice(pos).trim() !== '') fail('text after the root element');
      break;
    }
    if (lt > pos) {
      const text = src.slice(pos, lt);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(text, line);
      else if (text.trim() !== '') fail('text outside the root element');
      advance(lt);
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos);
      if (end < 0) fail('unterminated comment');
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      top!.text += src.slice(pos + 9, end);
      advance(end + 3);
    } else if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos);
      if (end < 0) fail('unterminated processing instruction');
      advance(end + 2);
    } else if (src.startsWith('<!', pos)) {
      const end = src.indexOf('>', pos);
      if (end < 0) fail('unterminated declaration');
      advance(end + 1);
    } else if (src.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(src);
      if (!m) fail('malformed end tag');
      const end = src.indexOf('>', NAME.lastIndex);
      if (end < 0) fail('unterminated end tag');
      const el = stack.pop();
      const qname = m![0];
      const local = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
      if (!el || el.name !== local) fail(`end tag </${qname}> does not match <${el?.name ?? '(none)'}>`);
      advance(end + 1);
    } else {
      const startLine = line;
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(src);
      if (!m) fail('malformed start tag');
      let p = NAME.lastIndex;
      const raw: [string, string][] = [];
      for (;;) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(src);
        if (!a) break;
        raw.push([a[1]!, decodeEntities(a[3] ?? a[4] ?? '', line)]);
        p = ATTR.lastIndex;
      }
      while (p < src.length && /\s/.test(src[p]!)) p++;
      let selfClosing = false;
      if (src.startsWith('/>', p)) {
        selfClosing = true;
        p += 2;
      } else if (src[p] === '>') p += 1;
      else fail(`malformed attribute in <${m![0]}>`);
      const parent = stack[stack.length - 1];
      const nsMap: Record<string, string> = { ...(parent?.nsMap ?? {}) };
      for (const [k, v] of raw) {
        if (k === 'xmlns') nsMap[''] = v;
        else if (k.startsWith('xmlns:')) nsMap[k.slice(6)] = v;
      }
      const qname = m![0];
      const ci = qname.indexOf(':');
      const prefix = ci >= 0 ? qname.slice(0, ci) : '';
      const attrs: Record<string, string> = {};
      for (const [k, v] of raw) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
        const i = k.indexOf(':');
        attrs[k] = v;
        if (i >= 0 && !(k.slice(i + 1) in attrs)) attrs[k.slice(i + 1)] = v;
      }
      const el: XmlElement = {
        name: ci >= 0 ? qname.slice(ci + 1) : qname,
        ns: nsMap[prefix] ?? '',
        attrs,
        children: [],
        text: '',
        line: startLine,
        nsMap,
      };
      if (prefix && nsMap[prefix] === undefined) fail(`undeclared namespace prefix '${prefix}' on <${qname}>`);
      if (parent) parent.children.push(el);
      else if (root) fail('more than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(p);
    }
  }
  if (stack.length) fail(`element <${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new DmnError('dmn-xml-invalid', 'no root element', { line: 1 });
  return root;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
