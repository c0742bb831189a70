/** DCAT-AP-NL 3.0 RDF layer of the data register: export (Turtle, JSON-LD) and import (Turtle, N-Triples, JSON-LD, RDF/XML). */
export {
  type CatalogDescription, DCAT_MEDIA_TYPES, type DcatDatasetExportInput, DcatExportError, type DcatExportInput, type DcatFormat,
  exportCatalog, exportCatalogToString, exportDataset,
} from './export.js';
export {
  type AgentDescription, DcatParseError, type MandateDescription, parseDcat, type ParseDcatOptions, type ParseDcatResult, type ReadDataset, readDcat, type UnreadDataset,
  UNRESOLVED_PUBLISHER_ID,
} from './import.js';
export { type Assumptions, parseAssumptions } from './assumptions.js';
export { type RdfSyntax, resolveSyntax } from './syntax.js';
export { JSONLD_CONTEXT } from './jsonld.js';
export { platformUris } from './uris.js';
