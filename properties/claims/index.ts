/**
 * The searchable claims, by id (SPEC ids, plus variants that state a claim
 * beyond its hypotheses and are expected to fail), from the claim registry:
 * each claim module lists its properties. Order = display order.
 *
 * @example CLAIM_PROPERTIES.get('T4-general')?.expect // 'fails'
 */
import type { AnySearchProperty } from '../../src/search/property.ts';
import { REGISTRY } from '../../src/claims/registry.ts';

export const CLAIM_PROPERTIES: ReadonlyMap<string, AnySearchProperty> = new Map(REGISTRY.properties.map((p) => [p.id, p]));

/** Valid claim ids, in display order. */
export const CLAIM_IDS: readonly string[] = REGISTRY.properties.map((p) => p.id);
