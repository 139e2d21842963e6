/**
 * docs/adding-a-claim.md works as written: its example module (C0), copied as text from the
 * doc into a temporary directory and registered in a registry of its own, runs through
 * verify, explain, latex and its search property with no other edit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_MODULES, REGISTRY, claimRegistry, type AnyClaimModule, type ClaimRegistry } from '../src/claims/registry.ts';
import { verify } from '../src/claims/verify.ts';
import { applicabilityLine, catalogueEntry } from '../src/claims/catalogue.ts';
import { explainText } from '../src/cli/explain.ts';
import { claimDocument } from '../src/latex/claim-document.ts';
import { loadExample } from '../src/data/examples.ts';

const DOC = 'docs/adding-a-claim.md';
const MARKER = '<!-- example-module: src/claims/registry/c0.ts -->';

/** The module text of the doc, with its relative imports pointing into this checkout's src/claims/registry/. */
function exampleModule(): string {
  const doc = readFileSync(DOC, 'utf8');
  const at = doc.indexOf(MARKER);
  expect(at, `${DOC} has the example-module marker`).toBeGreaterThanOrEqual(0);
  const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(at))![1]!;
  const home = path.resolve('src/claims/registry');
  return block.replace(/(from |import\()'(\.\.?\/[^']+)'/g, (_, kw: string, rel: string) => `${kw}'${pathToFileURL(path.resolve(home, rel)).href}'`);
}

let dir: string;
let C0: AnyClaimModule;
let registry: ClaimRegistry;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-c0-'));
  const file = path.join(dir, 'c0.ts');
  writeFileSync(file, exampleModule());
  C0 = ((await import(pathToFileURL(file).href)) as { C0: AnyClaimModule }).C0;
  registry = claimRegistry([...CLAIM_MODULES, C0]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the worked example of docs/adding-a-claim.md', () => {
  it('is not part of the real catalogue', () => {
    expect(REGISTRY.entry('C0')).toBeUndefined();
    expect(registry.entry('C0')).toBe(C0);
  });

  it('verify decides it, with no other edit: exact ms, inconclusive without a checker rule', () => {
    const ds = loadExample('clusters-q3');
    const report = verify(ds, { skipD2: true, registry });
    const c = report.claims.find((r) => (r.id as string) === 'C0')!;
    expect(c).toBeDefined();
    expect(c.status).toBe('inconclusive');
    expect(c.reason).toMatch(/^ms = \(1\/N\)Σ\|y\|² = 1 exactly; no checker rule re-checks C0/);
    expect(c.ms?.toString()).toBe('1'); // standard-basis targets: |y_j|² = 1 for every class
    expect(report.claims.map((r) => r.id)).toEqual(['S1', 'S2', 'S3', 'S3', 'D1', 'D1-degeneracy', 'D3', 'R1', 'C0']);
  });

  it('explain and the applicability line show it', () => {
    const text = explainText(catalogueEntry('C0', registry)!, { width: undefined, color: false });
    expect(text).toMatch(/^C0 — the zero network costs the mean squared target/);
    expect(text).toContain('try: dlgeom verify --example clusters-q3 --skip-d2');
    expect(applicabilityLine({ Q: 3, M: 3, L: 3, rankXbar: 3 }, ['D2'], registry)).toMatch(/^decidable here: R1, S1, S2, S3, C0;/);
  });

  it('latex writes its document', () => {
    const doc = claimDocument('C0', loadExample('clusters-q2'), { registry });
    expect(doc.tex).toContain('\\section{Claim C0: the cost of the zero network}');
    expect(doc.tex).toContain('dlgeom: claim C0: the cost of the zero network on clusters-q2');
    expect(doc.tex).toMatch(/Verdict: inconclusive\./);
  });

  it('its search property holds on random data (fixed seed), and confirms a planted counterexample only when it is real', () => {
    const p = registry.properties.find((x) => x.id === 'C0')!;
    const seed = 20261128;
    fc.assert(
      fc.property(p.arbitrary({ maxQ: 3 }), (input) => p.check(input) === undefined),
      { seed, numRuns: 30 },
    );
    const input = { sizes: [2, 1], targets: [[1, 0], [0, 2]] };
    expect(p.confirm(input, { summary: '', evidence: { target: '2' } })).toBe(false); // (2·1 + 1·4)/3 = 2: no counterexample
    expect(p.confirm(input, { summary: '', evidence: { target: '3' } })).toBe(true);
  });
});
