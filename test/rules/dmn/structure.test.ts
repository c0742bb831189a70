/**
 * The DMN engine's structure, walked over every file of src/rules/dmn: no import cycles
 * (type imports included), no function over 150 lines, and nothing imported from outside
 * the engine but its parser packages: no HTTP, no kernel, no capability.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', 'src', 'rules', 'dmn');
const files = (function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
})(root);
const sources = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]));
const ALLOWED_PACKAGES = new Set(['@bpmn-io/feelin', '@lezer/common']);

function importsOf(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  sf.forEachChild((n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
  });
  return out;
}
const local = (from: string, spec: string): string => resolve(dirname(from), spec.replace(/\.js$/, '.ts'));

describe('the DMN engine structure', () => {
  it('imports only its own files and its parser packages', () => {
    const foreign = [...sources].flatMap(([f, sf]) =>
      importsOf(sf).filter((s) => (s.startsWith('.') ? !local(f, s).startsWith(root) : !ALLOWED_PACKAGES.has(s) && !s.startsWith('node:'))).map((s) => `${relative(root, f)} → ${s}`));
    expect(foreign).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map([...sources].map(([f, sf]) => [f, importsOf(sf).filter((s) => s.startsWith('.')).map((s) => local(f, s))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('has no function over 150 lines', () => {
    const long: string[] = [];
    for (const [f, sf] of sources) {
      const visit = (n: ts.Node) => {
        if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)) {
          const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          if (lines > 150) long.push(`${relative(root, f)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`);
        }
        n.forEachChild(visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });
});
