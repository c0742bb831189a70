import { describe, expect, it } from 'vitest';
import { withinService } from '../../src/federation/path-policy.js';

const refused = (prefix: string, target: string) => {
  try {
    withinService(prefix, target);
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'allowed';
};

describe('the path policy of a contract', () => {
  const DS = '/sta/v1.1/Datastreams(3)';

  it('admits a SensorThings entity, its properties and its Observations', () => {
    for (const ok of [DS, `${DS}/name`, `${DS}/name/$value`, `${DS}/Observations`, `${DS}/Observations(17)`, `${DS}/Observations(17)/result`, `${DS}/Observations?$top=10&$orderby=phenomenonTime desc`, `${DS}/Observations?$filter=result gt 3&$select=result,phenomenonTime`]) {
      expect(refused(DS, ok), ok).toBe('allowed');
    }
  });

  it('refuses navigation from the entity to related entities, in the path and in query expressions', () => {
    for (const bad of [
      `${DS}/Thing`,
      `${DS}/Thing/Datastreams`,
      `${DS}/Thing/Datastreams(7)/Observations`,
      `${DS}/Sensor/Datastreams(9)/Observations`,
      `${DS}/Observations(17)/FeatureOfInterest/Observations`,
      `${DS}/Observations?$filter=Datastream/Thing/name eq 'x'`,
      `${DS}/Observations?$orderby=FeatureOfInterest/name`,
      `${DS}/Observations?$select=Datastream/name`,
      `${DS}/Observations?$expand=FeatureOfInterest`,
      `${DS}/Observations?%24expand=FeatureOfInterest`,
    ]) {
      expect(refused(DS, bad), bad).toBe('outside-contract');
    }
  });

  it('refuses other entities, segment look-alikes and encodings that decode twice', () => {
    for (const bad of ['/sta/v1.1/Datastreams(30)', '/sta/v1.1/Datastreams(3)x', `${DS}/%252F..%252FThings`, `${DS}/%2e%2e/Things`, `${DS}//Observations`]) {
      expect(refused(DS, bad), bad).toBe('outside-contract');
    }
  });

  it('bounds other APIs by the prefix at a segment boundary only', () => {
    const P = '/api/v1/catalog/datasets/parkeren';
    expect(refused(P, P)).toBe('allowed');
    expect(refused(P, `${P}/distributions?lang=en`)).toBe('allowed');
    expect(refused(P, '/api/v1/catalog/datasets/parkeren-2')).toBe('outside-contract');
    expect(refused(P, '/api/v1/catalog/datasets')).toBe('outside-contract');
  });
});
