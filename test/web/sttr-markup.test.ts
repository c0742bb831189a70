import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSttr, type SttrModel } from '../../src/rules/sttr/index.js';
import { parseInline, parseRuleLine, parseRuleText, plainText, safeHref, type Block, type Inline } from '../../web/src/views/vergunningcheck/markup.js';
import { shippedTrees } from '../rules/sttr/paths.js';

/**
 * STTR texts are read as their markup, never shown raw: over every text of every shipped
 * file (questions, options, explanations, long explanations, provisos, conclusion texts,
 * measures), nothing of the markup survives into the visible text, and every address in
 * the text becomes a link. The DOM side (text.ts) only maps these nodes to elements.
 */
export function textsOf(model: SttrModel): Array<{ where: string; text: string; line: boolean }> {
  const out: Array<{ where: string; text: string; line: boolean }> = [];
  const add = (where: string, text: string | null | undefined, line = false) => {
    if (text && text.trim()) out.push({ where, text, line });
  };
  for (const q of model.questions) {
    add(`${q.id} question`, q.text, true);
    add(`${q.id} explanation`, q.explanation);
    add(`${q.id} long explanation`, q.longExplanation);
    add(`${q.id} proviso`, q.fixed?.proviso);
    for (const o of q.options) {
      add(`${q.id} option`, o.text, true);
      add(`${q.id} option explanation`, o.explanation);
    }
  }
  for (const r of model.ruleById.values()) add(`${r.decision} rule ${r.index}`, r.explanation);
  for (const m of model.measures.values()) {
    add(`${m.id} measure`, m.text, true);
    add(`${m.id} measure explanation`, m.explanation);
    add(`${m.id} frequency`, m.frequency, true);
  }
  return out;
}

const inlineOf = (blocks: readonly Block[]): Inline[][] => blocks.flatMap((b) => (b.t === 'list' ? b.items : [b.children]));
const links = (nodes: readonly Inline[]): string[] => nodes.flatMap((n) => (n.t === 'link' || n.t === 'media' ? [n.href] : n.t === 'strong' || n.t === 'em' ? links(n.children) : []));

/** Visible text outside links whose label is their own address (those show the URL as written). */
function visible(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      if (n.t === 'text') return n.text;
      if (n.t === 'break') return '\n';
      if (n.t === 'media') return n.title;
      if (n.t === 'link' && plainText(n.children) === n.href) return ' ';
      return visible(n.children);
    })
    .join('');
}

/** Markup that must not reach a resident as characters. */
const RAW = [
  /!video/i,
  /!\[/,
  /\]\(/,
  /\*\*/,
  /(^|[\s(])__\S/,
  /\S__($|[\s.,;:)])/,
  /(^|[\s(])[*_][^\s*_]/,
  /[^\s*_][*_]($|[\s.,;:)])/,
  /^\s*[-*+]\s/m,
  /^\s*#/m,
  /<\/?[a-z][^>]*>/i,
  /https?:\/\//,
];

function expectClean(where: string, text: string, line: boolean): void {
  const rows = line ? [parseRuleLine(text)] : inlineOf(parseRuleText(text));
  const shown = rows.map(visible).join('\n');
  for (const re of RAW) expect(re.test(shown), `${where}: ${re} in ${JSON.stringify(shown)}`).toBe(false);
  // Every address the text names is a link (or a picture/video link), none is lost.
  const urls = [...text.matchAll(/https?:\/\/[^\s)"<>]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
  const hrefs = rows.flatMap(links);
  for (const url of urls) expect(hrefs.some((h) => h === url || url.startsWith(h)), `${where}: ${url} not linked`).toBe(true);
  // The words survive: every letter run of the source outside addresses and markup is still shown.
  // (An image's alt text is its file name where it has a title; the title is shown.)
  const words = text.replace(/!\[[^\]]*\](?=\(\S+\s+")/g, ' ').replace(/https?:\/\/[^\s)"<>]+/g, ' ').replace(/!video/g, ' ').match(/[\p{L}\d]{3,}/gu) ?? [];
  const shownAll = rows.map((r) => plainText(r)).join(' ');
  for (const w of words) expect(shownAll.includes(w), `${where}: lost '${w}'`).toBe(true);
}

describe('STTR text markup', () => {
  const trees = shippedTrees().map(({ file, xml }) => ({ file, model: loadSttr(xml) }));

  it.each(trees.map((t) => [t.file, t.model] as const))('%s: no raw markup in any rendered text', (_file, model) => {
    for (const { where, text, line } of textsOf(model)) expectClean(where, text, line);
  });

  it('the shipped files do use the markup this reads', () => {
    const all = trees.flatMap((t) => textsOf(t.model).map((x) => x.text)).join('\n');
    for (const construct of [/!video\(/, /!\[[^\]]*\]\(/, /\[[^\]]+\]\(/, /__\w/, /(^|\s)_\w/, /\*\w/, /^- /m, /^# /m]) expect(all).toMatch(construct);
  });

  it('reads the dormer file\'s video with its closing quote missing, and its image', () => {
    const [video] = parseInline('!video(https://www.youtube.com/watch?v=lKPLvCw2CWc, "Voorbeeld van een Rijks Beschermd Stadsgezicht)');
    expect(video).toEqual({ t: 'media', kind: 'video', href: 'https://www.youtube.com/watch?v=lKPLvCw2CWc', title: 'Voorbeeld van een Rijks Beschermd Stadsgezicht' });
    const nodes = parseInline('de hoogte ![dakkapel_afmetingen-300x191.jpg](https://www.imgur.com/Dc0RrEj.png "Meetvoorbeeld")');
    expect(nodes).toEqual([{ t: 'text', text: 'de hoogte ' }, { t: 'media', kind: 'image', href: 'https://www.imgur.com/Dc0RrEj.png', title: 'Meetvoorbeeld' }]);
    expect(parseInline('de _bovenzijde_ van de __dakkapel__ in *centimeters*')).toEqual([
      { t: 'text', text: 'de ' },
      { t: 'em', children: [{ t: 'text', text: 'bovenzijde' }] },
      { t: 'text', text: ' van de ' },
      { t: 'strong', children: [{ t: 'text', text: 'dakkapel' }] },
      { t: 'text', text: ' in ' },
      { t: 'em', children: [{ t: 'text', text: 'centimeters' }] },
    ]);
  });

  it('keeps lines that each stand alone apart, and reads lists and headings', () => {
    const blocks = parseRuleText('Gebruik detailkaarten om aan te geven:\nsanitaire voorzieningen\nhulpposten\n\n# Uitzondering\n- het eerste, en\n- het tweede');
    expect(blocks.map((b) => b.t)).toEqual(['p', 'heading', 'list']);
    expect((blocks[0] as { children: Inline[] }).children.filter((n) => n.t === 'break')).toHaveLength(2);
    expect((blocks[2] as { items: Inline[][] }).items.map(plainText)).toEqual(['het eerste, en', 'het tweede']);
  });

  it('never links anything but web and mail addresses', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example/x']) {
      expect(safeHref(bad)).toBeNull();
      const nodes = parseInline(`[klik](${bad})`);
      expect(links(nodes)).toEqual([]);
      expect(plainText(nodes)).toContain('klik');
    }
  });

  it('any text parses, and generated markup never shows its markers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseRuleText(s);
        parseRuleLine(s);
      }),
      { numRuns: 500 },
    );
    const word = fc.stringMatching(/^[a-zA-Z][a-z]{1,8}$/);
    const url = fc.tuple(fc.constantFrom('https://', 'http://'), fc.stringMatching(/^[a-z]{2,8}\.nl\/[a-z0-9_-]{0,12}$/)).map(([a, b]) => a + b);
    const piece = fc.oneof(
      word,
      word.map((w) => `**${w}**`),
      word.map((w) => `__${w}__`),
      word.map((w) => `*${w}*`),
      word.map((w) => `_${w}_`),
      fc.tuple(word, url).map(([w, u]) => `[${w}](${u})`),
      fc.tuple(word, url).map(([w, u]) => `![${w}](${u} "${w}")`),
      fc.tuple(url, word, fc.boolean()).map(([u, w, closed]) => `!video(${u}, "${w}${closed ? '"' : ''})`),
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(' ')), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n\n', '\n- '), (lines, sep) => {
        expectClean('generated', (sep === '\n- ' ? '- ' : '') + lines.join(sep), false);
      }),
      { numRuns: 300 },
    );
  });
});
