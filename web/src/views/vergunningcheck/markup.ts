/**
 * The markup of STTR texts (vraagTekst, toelichting, langeToelichting, tekstVoorbehoud,
 * maatregelen), read into a small tree that the page turns into DOM nodes. What the
 * files use: Markdown paragraphs, "-"/"*" and "1." lists, lines that each stand alone,
 * **bold** and __bold__, *emphasis* and _emphasis_, [links](url "title"), ![images](url "title")
 * and the Omgevingsloket's own !video(url, "title") (seen with its closing quote missing).
 * Pure: no DOM, no HTML; nothing in a text can become markup.
 */
export type Inline =
  | { t: 'text'; text: string }
  | { t: 'strong' | 'em'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'media'; kind: 'image' | 'video'; href: string; title: string }
  | { t: 'break' };

export type Block = { t: 'p'; children: Inline[] } | { t: 'heading'; children: Inline[] } | { t: 'list'; ordered: boolean; items: Inline[][] };

/** Only web and mail addresses become links; anything else (javascript:, data:) stays text. */
export const safeHref = (url: string): string | null => (/^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(url) ? url : null);

const URL_RE = String.raw`(?:https?:\/\/|mailto:)[^\s<>"()]+(?:\([^\s<>"()]*\)[^\s<>"()]*)*`;
const INLINE = new RegExp(
  [
    String.raw`!\[(?<imageAlt>[^\]]*)\]\(\s*(?<imageUrl>${URL_RE})(?:\s+"(?<imageTitle>[^"]*)")?\s*\)`,
    // Title quotes optional: the dormer file writes !video(url, "title) without the closing one.
    String.raw`!video\(\s*(?<videoUrl>${URL_RE})\s*(?:,\s*"?(?<videoTitle>[^")]*)"?\s*)?\)`,
    String.raw`\[(?<linkText>[^\]]+)\]\(\s*(?<linkUrl>[^\s)]+)(?:\s+"[^"]*")?\s*\)`,
    String.raw`<(?<angleUrl>${URL_RE})>`,
    String.raw`(?<bare>${URL_RE})`,
    String.raw`(?<![\w*])\*\*(?<strongStar>\S(?:[\s\S]*?\S)?)\*\*(?![\w*])`,
    String.raw`(?<![\w_])__(?<strongLine>\S(?:[\s\S]*?\S)?)__(?![\w_])`,
    String.raw`(?<![\w*])\*(?<emStar>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])`,
    String.raw`(?<![\w_])_(?<emLine>[^\s_](?:[^_]*?[^\s_])?)_(?![\w_])`,
  ].join('|'),
  'g',
);

/** A bare URL without the punctuation that ends the sentence around it. */
function trimUrl(url: string): { url: string; rest: string } {
  const m = /[.,;:!?]+$/.exec(url);
  return m ? { url: url.slice(0, m.index), rest: m[0] } : { url, rest: '' };
}

function text(out: Inline[], s: string): void {
  if (s === '') return;
  const last = out[out.length - 1];
  if (last?.t === 'text') last.text += s;
  else out.push({ t: 'text', text: s });
}

/** One line (or a run of inline text) into inline nodes. */
export function parseInline(s: string, inLink = false): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of s.matchAll(INLINE)) {
    const g = m.groups ?? {};
    const whole = m[0];
    let node: Inline | null = null;
    let after = '';
    if (g.imageUrl !== undefined) node = { t: 'media', kind: 'image', href: g.imageUrl, title: (g.imageTitle || g.imageAlt || '').trim() };
    else if (g.videoUrl !== undefined) node = safeHref(g.videoUrl) ? { t: 'media', kind: 'video', href: g.videoUrl, title: (g.videoTitle ?? '').trim() } : null;
    else if (g.linkText !== undefined) {
      const href = safeHref(g.linkUrl!);
      const label = parseInline(g.linkText, true);
      if (href && !inLink) node = { t: 'link', href, children: label };
      else {
        text(out, s.slice(at, m.index));
        out.push(...label);
        at = m.index + whole.length;
        continue;
      }
    } else if (g.angleUrl !== undefined || g.bare !== undefined) {
      const { url, rest } = g.bare !== undefined ? trimUrl(g.bare) : { url: g.angleUrl!, rest: '' };
      node = inLink ? { t: 'text', text: url } : { t: 'link', href: url, children: [{ t: 'text', text: url }] };
      after = rest;
    } else {
      const inner = g.strongStar ?? g.strongLine ?? g.emStar ?? g.emLine ?? '';
      node = { t: g.strongStar !== undefined || g.strongLine !== undefined ? 'strong' : 'em', children: parseInline(inner, inLink) };
    }
    if (!node) continue;
    text(out, s.slice(at, m.index));
    if (node.t === 'text') text(out, node.text);
    else out.push(node);
    text(out, after);
    at = m.index + whole.length;
  }
  text(out, s.slice(at));
  return out;
}

const BULLET = /^\s*[-*+•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
// Headings as Markdown writes them; the measures file also writes "#Uitzondering" without the space.
const HEADING = /^\s*#{1,6}\s*(\p{L}.*?)\s*#*\s*$/u;

/** A whole text into blocks: paragraphs (their lines kept apart), lists and headings. */
export function parseRuleText(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').trim().split('\n');
  let para: string[] = [];
  let list: Extract<Block, { t: 'list' }> | null = null;
  const flushPara = () => {
    if (para.length === 0) return;
    const children: Inline[] = [];
    para.forEach((line, i) => {
      if (i > 0) children.push({ t: 'break' });
      children.push(...parseInline(line));
    });
    blocks.push({ t: 'p', children });
    para = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trim().replace(/[ \t]+/g, ' ');
    if (line === '') {
      flushPara();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const heading = bullet || numbered ? null : HEADING.exec(line);
    if (bullet || numbered) {
      flushPara();
      const ordered = !bullet;
      if (list && list.ordered !== ordered) flushList();
      list ??= { t: 'list', ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]!));
    } else if (heading) {
      flushPara();
      flushList();
      blocks.push({ t: 'heading', children: parseInline(heading[1]!) });
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return blocks;
}

/** A text in one line (a question, an option): paragraphs and list items joined by spaces. */
export function parseRuleLine(source: string): Inline[] {
  const out: Inline[] = [];
  for (const b of parseRuleText(source)) {
    const parts = b.t === 'list' ? b.items : [b.children];
    for (const part of parts) {
      if (out.length > 0) out.push({ t: 'text', text: ' ' });
      out.push(...part.map((n) => (n.t === 'break' ? ({ t: 'text', text: ' ' } as Inline) : n)));
    }
  }
  return out;
}

/** The visible text of inline nodes (media as their title), e.g. for tests and labels. */
export function plainText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => (n.t === 'text' ? n.text : n.t === 'break' ? '\n' : n.t === 'media' ? n.title : plainText(n.children)))
    .join('');
}

/** The host a link leads to, said next to images and videos so a resident knows they leave the page. */
export function hostOf(href: string): string {
  try {
    return new URL(href).host.replace(/^www\./, '');
  } catch {
    return href;
  }
}
