/** DCAT-AP-NL 3.0 RDF layer of the data register: export (Turtle, JSON-LD) and import. */
export {
  type CatalogDescription, DCAT_MEDIA_TYPES, type DcatDatasetExportInput, DcatExportError, type DcatExportInput, type DcatFormat,
  exportCatalog, exportCatalogToString, exportDataset,
} from './export.js';
export {
  type AgentRef, DcatParseError, parseDcat, type ParseDcatOptions, type ParseDcatResult, type ParsedDataset, type RejectedDataset, UNRESOLVED_PUBLISHER_ID,
} from './import.js';
export { JSONLD_CONTEXT } from './jsonld.js';
export { platformUris } from './uris.js';
