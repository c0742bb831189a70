import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, type Quad, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SHAPE_FILES = [
  'dcat-ap-SHACL.ttl',
  'ranges.ttl',
  'dcat-ap-nl-SHACL.ttl',
  'dcat-ap-nl-SHACL-klassebereik.ttl',
  'dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl',
];
const dir = fileURLToPath(new URL('../../fixtures/shacl/', import.meta.url));
const EUSH_MESSAGE = 'https://purl.eu/ns/shacl#message';

const dataset = (quads: Quad[]): Store => new Store(quads);

let validator: SHACLValidator | undefined;
let shapes: Store | undefined;

function load(): { validator: SHACLValidator; shapes: Store } {
  if (!validator || !shapes) {
    const quads = SHAPE_FILES.flatMap((f) => new Parser({ baseIRI: 'https://example.invalid/' }).parse(readFileSync(dir + f, 'utf8')));
    shapes = dataset(quads);
    validator = new SHACLValidator(shapes);
  }
  return { validator, shapes };
}

export interface Violation { focus: string; path: string; message: string; value?: string; severity: string }

/** Validates Turtle against DCAT-AP 3.0.1 + DCAT-AP-NL 3.0 and lists every result readably. */
export async function validateTurtle(turtle: string): Promise<Violation[]> {
  const { validator, shapes } = load();
  const report = await validator.validate(dataset(new Parser().parse(turtle)));
  return report.results.map((r) => {
    const shapeMessage = shapes.getQuads(r.sourceShape as never, DataFactory.namedNode(EUSH_MESSAGE), null, null)[0]?.object.value;
    return {
      focus: r.focusNode?.value ?? '?',
      path: r.path?.value ?? '',
      message: shapeMessage ?? r.message.map((m) => m.value).join('; '),
      ...(r.value ? { value: r.value.value } : {}),
      severity: r.severity?.value.replace('http://www.w3.org/ns/shacl#', '') ?? '?',
    };
  });
}

export const formatViolations = (vs: Violation[]): string =>
  vs.map((v) => `  [${v.severity}] ${v.focus}\n      ${v.path}: ${v.message}${v.value ? ` (value: ${v.value})` : ''}`).join('\n');
