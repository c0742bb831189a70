/**
 * RDF/XML may carry a DOCTYPE whose internal entities abbreviate namespaces
 * (`<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">`). The parser substitutes such values
 * once, never recursively and never from outside the document; what is left to guard
 * against is amplification (a long value referenced many times) and declarations it would
 * silently ignore (external and parameter entities). Returns why a document is refused.
 */
export function unsafeXml(text: string, maxExpandedChars: number): string | undefined {
  const doctype = /<!DOCTYPE[\s\S]*?(\[[\s\S]*?\])?\s*>/i.exec(text.slice(0, 1_000_000));
  if (!doctype) return undefined;
  if (/\b(SYSTEM|PUBLIC)\b/.test(doctype[0].replace(/"[^"]*"|'[^']*'/g, ''))) return 'the document refers to an external DTD or entity (SYSTEM/PUBLIC); only internal entities are read';
  const subset = doctype[1] ?? '';
  if (/<!ENTITY\s+%/.test(subset)) return 'the document declares parameter entities; only plain internal entities are read';
  let expanded = text.length;
  for (const m of subset.matchAll(/<!ENTITY\s+(\S+)\s+("([^"]*)"|'([^']*)')\s*>/g)) {
    const [, name, , dq, sq] = m;
    const value = dq ?? sq ?? '';
    if (/[&<]/.test(value)) return `entity '${name}' refers to other entities or markup; only plain text values are read`;
    const uses = text.split(`&${name};`).length - 1;
    expanded += uses * value.length;
    if (expanded > maxExpandedChars) return `entity expansion would make the document larger than ${maxExpandedChars.toLocaleString('en')} characters`;
  }
  return undefined;
}
