import { h, type Child } from '../../dom.js';
import { language, t } from '../../i18n/index.js';
import { hostOf, parseRuleLine, parseRuleText, type Block, type Inline } from './markup.js';

/**
 * STTR texts as DOM nodes, built element by element from the parsed markup (markup.ts):
 * never innerHTML, so no text in a rule file can become HTML. Images and videos are
 * links with their title and host: nothing is loaded from elsewhere on the resident's behalf.
 */
function inline(nodes: readonly Inline[]): Child[] {
  return nodes.map((n): Child => {
    switch (n.t) {
      case 'text':
        return n.text;
      case 'break':
        return h('br');
      case 'strong':
        return h('strong', null, inline(n.children));
      case 'em':
        return h('em', null, inline(n.children));
      case 'link':
        return h('a', { href: n.href, rel: 'noopener' }, inline(n.children));
      case 'media':
        return h(
          'a',
          { href: n.href, rel: 'noopener', class: `vc-media vc-media-${n.kind}` },
          `${t(n.kind === 'video' ? 'vc.video' : 'vc.image')}: ${n.title || hostOf(n.href)}`,
          h('span', { class: 'muted' }, ` (${hostOf(n.href)})`),
        );
    }
  });
}

function block(b: Block, attrs: Record<string, string>): HTMLElement {
  if (b.t === 'list') return h(b.ordered ? 'ol' : 'ul', attrs, b.items.map((item) => h('li', null, inline(item))));
  if (b.t === 'heading') return h('p', attrs, h('strong', null, inline(b.children)));
  return h('p', attrs, inline(b.children));
}

/** Rule texts (explanations, provisos): Dutch, so marked as such on an English page. */
export function ruleText(text: string, attrs: Record<string, string> = {}): HTMLElement[] {
  const lang: Record<string, string> = language() === 'nl' ? {} : { lang: 'nl' };
  return parseRuleText(text).map((b) => block(b, { ...attrs, ...lang }));
}

/** The same for one line (a question, a label, an option): no paragraphs. */
export function ruleLine(text: string): HTMLElement {
  return h('span', language() === 'nl' ? null : { lang: 'nl' }, inline(parseRuleLine(text)));
}
