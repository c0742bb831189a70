/**
 * RDF/XML may carry a DOCTYPE whose internal entities abbreviate namespaces
 * (`<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">`). The parser substitutes such values
 * once, never recursively and never from outside the document; what is left to guard
 * against is amplification (a long value referenced many times) and declarations it would
 * silently ignore (external and parameter entities). Returns why a document is refused.
 *
 * Every `<!ENTITY` in the text is looked at, not only those of a matched internal subset:
 * a value may itself contain "]>", which would end such a match early.
 */
export function unsafeXml(text: string, maxExpandedChars: number): string | undefined {
  if (!/<!DOCTYPE/i.test(text)) return undefined;
  if (/<!DOCTYPE\s+[^\s>[]+\s+(SYSTEM|PUBLIC)\b/i.test(text)) return 'the document refers to an external DTD or entity (SYSTEM/PUBLIC); only internal entities are read';
  const declared = text.split('<!ENTITY').length - 1;
  const plain = [...text.matchAll(/<!ENTITY\s+([^\s%"'<>]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)];
  if (plain.length < declared) {
    if (/<!ENTITY\s+%/.test(text)) return 'the document declares parameter entities; only plain internal entities are read';
    if (/<!ENTITY\s+\S+\s+(SYSTEM|PUBLIC)\b/.test(text)) return 'the document refers to an external DTD or entity (SYSTEM/PUBLIC); only internal entities are read';
    return 'the document has an entity declaration that is not a plain internal entity';
  }
  let expanded = text.length;
  for (const [, name, dq, sq] of plain) {
    const value = dq ?? sq ?? '';
    if (/[&<]/.test(value)) return `entity '${name}' refers to other entities or markup; only plain text values are read`;
    expanded += (text.split(`&${name};`).length - 1) * value.length;
    if (expanded > maxExpandedChars) return `entity expansion would make the document larger than ${maxExpandedChars.toLocaleString('en')} characters`;
  }
  return undefined;
}
