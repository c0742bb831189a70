import { h } from '../../dom.js';
import { language, t } from '../../i18n/index.js';

// What STTR texts link with: Markdown images and links (optional "title"), the
// Omgevingsloket's `!video(url, "title")`, and bare URLs (without trailing punctuation).
const LINK = new RegExp(
  [
    String.raw`!\[(?<imageAlt>[^\]]*)\]\((?<imageUrl>https?:\/\/[^\s)]+)(?:\s+"(?<imageTitle>[^"]*)")?\)`,
    String.raw`\[(?<text>[^\]]+)\]\((?<url>https?:\/\/[^\s)]+)(?:\s+"[^"]*")?\)`,
    String.raw`!video\((?<videoUrl>https?:\/\/[^\s,)]+)\s*(?:,\s*"(?<videoTitle>[^"]*)")?\s*\)`,
    String.raw`(?<bare>https?:\/\/[^\s)<>]*[^\s)<>.,;:!?])`,
  ].join('|'),
  'g',
);

/** A link's address and text; images and videos become links too (nothing is loaded from elsewhere). */
function linkOf(g: Record<string, string | undefined>): { href: string; label: string } {
  if (g.imageUrl) return { href: g.imageUrl, label: `${t('vc.image')}: ${g.imageTitle || g.imageAlt || g.imageUrl}` };
  if (g.videoUrl) return { href: g.videoUrl, label: `${t('vc.video')}: ${g.videoTitle || g.videoUrl}` };
  if (g.url) return { href: g.url, label: g.text ?? g.url };
  return { href: g.bare!, label: g.bare! };
}

/** One paragraph: links as links, everything else stays text. */
function inline(text: string): Array<string | Node> {
  const out: Array<string | Node> = [];
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    const { href, label } = linkOf(m.groups ?? {});
    out.push(h('a', { href, rel: 'noopener' }, label));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * Rule texts (questions, explanations, provisos) from STTR files: Dutch, plain text with
 * the odd Markdown link. Never parsed as HTML.
 */
export function ruleText(text: string, attrs: Record<string, string> = {}): HTMLElement[] {
  const lang = language() === 'nl' ? {} : { lang: 'nl' };
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) => h('p', { ...attrs, ...lang }, inline(para.replace(/\s*\n\s*/g, ' '))));
}

/** The same for one line (a label, an option): no paragraphs. */
export function ruleLine(text: string): HTMLElement {
  return h('span', language() === 'nl' ? null : { lang: 'nl' }, inline(text.trim().replace(/\s+/g, ' ')));
}
