import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DcatParseError } from '../../../src/catalog/dcat/parse.js';
import { resolveSyntax } from '../../../src/catalog/dcat/syntax.js';
import { type HarvestReport, importDcat } from '../../../src/catalog/harvest.js';
import { testPlatform, type TestPlatform } from '../../support/platform.js';

/**
 * Not part of CI: imports peers' published example catalogues, which cannot be copied into the
 * repository (their licences differ). Point THORBECKE_PEER_EXAMPLES at one or more folders
 * (colon-separated), e.g. a checkout of ckan/ckanext-dcat's examples/dcat and Geonovum's
 * DCAT-AP-NL30 doc/klassen/<class>/Voorbeelden.md files; Markdown files contribute each of
 * their ```turtle blocks as a document. Without the variable, or without the folders, it skips.
 * It asserts no particular outcome, only that every document gives a report or a parse error,
 * never a crash, and prints what became of each.
 */
const FOLDERS = (process.env.THORBECKE_PEER_EXAMPLES ?? '').split(':').filter((d) => d && existsSync(d));

function documents(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const dir of FOLDERS) {
    for (const f of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (f.endsWith('.md')) [...text.matchAll(/```turtle\n([\s\S]*?)```/g)].forEach((m, i) => out.push({ name: `${f}#${i + 1}`, text: m[1]! }));
      else if (/\.(ttl|rdf|xml|jsonld|json|nt)$/.test(f)) out.push({ name: f, text });
    }
  }
  return out;
}

const ASSUMPTIONS = { theme: 'GOVE', accessRights: 'PUBLIC', license: 'CC-BY-4.0' } as const;

describe.skipIf(FOLDERS.length === 0)('peers’ published examples (local only)', () => {
  let p: TestPlatform;
  const lines: string[] = [];
  beforeAll(async () => (p = await testPlatform('sqlite')));
  afterAll(async () => {
    await p.close();
    console.log(['', 'document | syntax | as published | with assumptions theme=GOVE accessRights=PUBLIC license=CC-BY-4.0', '--- | --- | --- | ---', ...lines].join('\n'));
  });

  const summary = (r: HarvestReport) =>
    `${r.created + r.updated} imported, ${r.rejected.length} rejected${r.rejected.length ? ` (${[...new Set(r.rejected.flatMap((x) => x.reasons.map((reason) => reason.split(':')[0])))].join(', ')})` : ''}` +
    `, ${Object.values(r.dropped).reduce((a, b) => a + b, 0)} values dropped`;

  it.each(documents())('$name', async ({ name, text }) => {
    const syntax = resolveSyntax({ path: name.replace(/#\d+$/, ''), text });
    const run = (assume = {}) => importDcat(p.ctx, text, syntax, { assume, principal: { kind: 'admin' } }).then(summary, (e: unknown) => {
      if (e instanceof DcatParseError) return `parse error: ${e.message.slice(0, 140)}`;
      throw e;
    });
    const plain = await run();
    const assumed = await run(ASSUMPTIONS);
    lines.push(`${name} | ${syntax} | ${plain} | ${assumed}`);
    expect(plain).toBeTypeOf('string');
  });
});
