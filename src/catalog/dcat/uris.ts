import type { Organisation } from '../../governance/index.js';

/** Where Thorbecke's own resources live, so the URIs in RDF resolve to the API that serves them. */
export function platformUris(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  const dataset = (id: string) => `${base}/api/v1/catalog/datasets/${encodeURIComponent(id)}`;
  return {
    base,
    dataset,
    distribution: (datasetId: string, distributionId: string) => `${dataset(datasetId)}/distributions/${encodeURIComponent(distributionId)}`,
    /** A TOOI URI (or other persistent identifier) when the organisation has one, else our own. */
    organisation: (org: Pick<Organisation, 'id' | 'uri'>) => org.uri ?? `${base}/api/v1/organisations/${encodeURIComponent(org.id)}`,
    mandate: (id: string) => `${base}/api/v1/mandates/${encodeURIComponent(id)}`,
  };
}
export type PlatformUris = ReturnType<typeof platformUris>;
