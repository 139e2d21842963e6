/**
 * The claim registry: every claim of SPEC §2–§4, one module each (src/claims/registry/*.ts),
 * in document order (shallow, deep, representation, truncation). Everything that iterates
 * over claims derives from this list: `ClaimId` and the `ClaimResult` union (each module adds
 * its details type), the `verify` loop and its progress total, the proof engine's methods, the
 * LaTeX documents and the HTML report's sections, the catalogue of `dlgeom explain` and the
 * README table, and the `dlgeom search` properties. The trusted checker does not read it: it
 * keeps its own table (src/certificates/claim-rules.ts), and test/claim-registry.test.ts
 * asserts that both name the same claims and evidence kinds. Adding a claim: docs/adding-a-claim.md.
 */
import type { AnySearchProperty } from '../search/property.ts';
import type { ClaimId } from './claim-result.ts';
import type { ClaimModule, LatexSection, Part } from './registry/claim-module.ts';
import { S1 } from './registry/s1.ts';
import { S2 } from './registry/s2.ts';
import { S3 } from './registry/s3.ts';
import { D1 } from './registry/d1.ts';
import { D1_DEGENERACY } from './registry/d1-degeneracy.ts';
import { D2 } from './registry/d2.ts';
import { D3 } from './registry/d3.ts';
import { R1 } from './registry/r1.ts';
import { T1, T2, T3, T4, T5 } from './registry/truncation.ts';

/**
 * Each module's details type. Re-exported so that every program that sees the registry also
 * loads each module's entry of ClaimDetailsById — a declaration-file consumer of the built
 * package too, where the modules' values are inlined and their files are otherwise not read.
 */
export type { S1Details } from './registry/s1.ts';
export type { S2Details } from './registry/s2.ts';
export type { S3Details } from './registry/s3.ts';
export type { D1Details } from './registry/d1.ts';
export type { DegeneracyDetails } from './registry/d1-degeneracy.ts';
export type { D2Details } from './registry/d2.ts';
export type { D3Details } from './registry/d3.ts';
export type { R1Details } from './registry/r1.ts';

/** The registered claim modules, in document order. */
export const CLAIM_MODULES = [S1, S2, S3, D1, D1_DEGENERACY, D2, D3, R1, T1, T2, T3, T4, T5] as const;

// Every id a module adds to ClaimDetailsById is registered here (compile-time check).
type Unregistered = Exclude<ClaimId, (typeof CLAIM_MODULES)[number]['id']>;
const everyClaimIdRegistered: [Unregistered] extends [never] ? true : Unregistered = true;
void everyClaimIdRegistered;

/** A claim module whatever its id and input. */
export type AnyClaimModule = ClaimModule<string, never>;

const PART_ORDER: readonly Part[] = ['truncation', 'representation', 'shallow', 'deep'];

/** One list of claim modules and the views every command reads. */
export interface ClaimRegistry {
  /** Document order: the order of the LaTeX documents, the report's sections and verify's per-claim decisions. */
  readonly modules: readonly AnyClaimModule[];
  /** Display order (truncation, representation, shallow, deep): explain, the README table, search. */
  readonly catalogue: readonly AnyClaimModule[];
  /** The modules `verify` decides, in the order it runs them (per-claim budgets first, then families). */
  readonly decided: readonly AnyClaimModule[];
  /** The LaTeX documents, in document order (claims sharing a document appear once). */
  readonly documents: readonly LatexSection[];
  /** The search properties, in display order. */
  readonly properties: readonly AnySearchProperty[];
  /** The module of a claim id (exact match), or undefined. */
  entry(id: string): AnyClaimModule | undefined;
}

/**
 * A registry over `modules`; rejects duplicate claim, document or property ids. Tests and
 * docs/adding-a-claim.md build one with an extra module; the CLI uses {@link REGISTRY}.
 * @example claimRegistry([...CLAIM_MODULES, myClaim]).entry('Z1')?.title
 */
export function claimRegistry(modules: readonly AnyClaimModule[]): ClaimRegistry {
  const unique = (what: string, ids: readonly string[]): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new Error(`internal: two claim modules declare the ${what} "${id}"`);
      seen.add(id);
    }
  };
  unique('claim id', modules.map((m) => m.id));
  const catalogue = [...modules].sort((a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part));
  const withDecision = modules.filter((m) => m.decision);
  const decided = [...withDecision.filter((m) => m.decision!.budget === 'claim'), ...withDecision.filter((m) => m.decision!.budget === 'family')];
  const documents: LatexSection[] = [];
  for (const m of modules) if (m.latex && !documents.includes(m.latex)) documents.push(m.latex);
  unique('LaTeX document', documents.map((d) => d.document));
  const properties = catalogue.flatMap((m) => m.properties);
  unique('search property', properties.map((p) => p.id));
  const byId = new Map(modules.map((m) => [m.id, m]));
  return { modules, catalogue, decided, documents, properties, entry: (id) => byId.get(id) };
}

/** The toolkit's claims. */
export const REGISTRY: ClaimRegistry = claimRegistry(CLAIM_MODULES as readonly AnyClaimModule[]);
