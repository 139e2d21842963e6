/**
 * The claim registry (src/claims/registry.ts) against the trusted checker's own table
 * (src/certificates/claim-rules.ts): both name the same claims with the same evidence
 * kinds, and the checker never imports the registry (it stays small and separate).
 * Also: the views every command reads are derived from the one list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_RULES } from '../src/certificates/claim-rules.ts';
import { REGISTRY, claimRegistry, CLAIM_MODULES } from '../src/claims/registry.ts';
import { verifyStepCount } from '../src/claims/verify.ts';
import { CLAIM_DOCUMENT_IDS } from '../src/latex/claim-document.ts';
import { CLAIM_IDS } from '../properties/claims/index.ts';
import { CATALOGUE_IDS } from '../src/claims/catalogue.ts';

/** The checker's rule for statements about a given network (`dlgeom decide`): not a catalogue claim. */
const DECIDE_RULE = 'network';

/** Every evidence kind a checker rule admits, over the contexts its claims carry (S3's bias, D2's sense). */
function checkerKinds(id: string): string[] {
  const contexts = [{}, { bias: 'free' }, { bias: 'tied' }, { sense: 'all-parameters' }, { sense: 'output-layer' }];
  return [...new Set(contexts.flatMap((ctx) => CLAIM_RULES[id]!.evidence(ctx)))].sort();
}

/** The files a module imports, transitively (relative .ts imports only). */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+\.ts)'/gms)) visit(path.resolve(path.dirname(file), m[1]!));
  };
  visit(path.resolve(entry));
  return seen;
}

describe('the claim registry and the checker table', () => {
  it('name the same claims', () => {
    const withEvidence = REGISTRY.modules.filter((m) => m.evidence.length > 0).map((m) => m.id).sort();
    const ruled = Object.keys(CLAIM_RULES).filter((id) => id !== DECIDE_RULE).sort();
    expect(withEvidence).toEqual(ruled);
  });

  it.each(REGISTRY.modules.filter((m) => m.evidence.length > 0).map((m) => [m.id, m] as const))('%s: the registry evidence kinds are exactly what the checker admits', (id, m) => {
    expect(m.evidence.map((e) => e.kind).sort()).toEqual(checkerKinds(id));
  });

  it('the checker does not import the registry, nor any claim module', () => {
    const closure = [...importClosure('src/certificates/check.ts')].map((f) => path.relative(process.cwd(), f));
    expect(closure).toContain('src/certificates/claim-rules.ts');
    expect(closure.filter((f) => f.startsWith('src/claims/'))).toEqual([]);
  });
});

describe('views derived from the one list', () => {
  it('every module has a decision or search properties, and ids are unique', () => {
    for (const m of REGISTRY.modules) expect(m.decision !== undefined || m.properties.length > 0, m.id).toBe(true);
    expect(() => claimRegistry([...CLAIM_MODULES, CLAIM_MODULES[0]])).toThrow(/two claim modules declare the claim id "S1"/);
  });

  it('verify decides the modules with a decision (families last) and counts its steps from them', () => {
    const decided = REGISTRY.decided.map((m) => m.id);
    expect(decided).toEqual(['S1', 'S2', 'S3', 'D1', 'D1-degeneracy', 'D3', 'R1', 'D2']);
    expect(verifyStepCount()).toBe(decided.length + 2);
    expect(verifyStepCount({ skipD2: true })).toBe(decided.length + 1);
  });

  it('the LaTeX documents, the catalogue and the search ids come from the registry', () => {
    expect(CLAIM_DOCUMENT_IDS).toEqual(REGISTRY.documents.map((d) => d.document));
    expect(CATALOGUE_IDS).toEqual(REGISTRY.catalogue.map((m) => m.id));
    expect(CLAIM_IDS).toEqual(REGISTRY.catalogue.flatMap((m) => m.properties.map((p) => p.id)));
    for (const m of REGISTRY.modules) for (const p of m.properties) expect(p.id === m.id || p.id.startsWith(`${m.id}-`), `${p.id} under ${m.id}`).toBe(true);
  });

  it("the barrel re-exports each module's details type (so the built package's declaration files load every ClaimDetailsById entry)", () => {
    const barrel = readFileSync('src/claims/registry.ts', 'utf8');
    const withDetails = readdirSync('src/claims/registry').filter((f) => readFileSync(path.join('src/claims/registry', f), 'utf8').includes('interface ClaimDetailsById'));
    expect(withDetails.length).toBe(REGISTRY.decided.length);
    for (const f of withDetails) expect(barrel, f).toMatch(new RegExp(`^export type \\{ \\w+Details \\} from './registry/${f.replace('.', '\\.')}';$`, 'm'));
  });
});
