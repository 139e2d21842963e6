/**
 * The claim catalogue: the registry's text (src/claims/registry.ts) in display order —
 * what each claim states, the hypotheses under which it is decided, what certifies a
 * verdict and a command that decides it. `dlgeom explain`, verify's "what can be decided"
 * line and the README's claim table (test/claims-catalogue.test.ts) all read it.
 *
 * `applicability` says, from cheap facts about the data (Q, M, L, rank X̄),
 * which claims can be decided before any work is done; hypotheses that need
 * the run itself (separability, a D1 network) are reported as such, never
 * guessed.
 */
import { REGISTRY, type AnyClaimModule, type ClaimRegistry } from './registry.ts';

/** A claim as the catalogue shows it: its registry module, and whether `verify` decides it. */
export interface CatalogueEntry extends AnyClaimModule {
  /** Whether `dlgeom verify` decides it on a data set (else: `dlgeom search` / `dlgeom prove`). */
  readonly onData: boolean;
}

const entries = new WeakMap<AnyClaimModule, CatalogueEntry>();
function entryOf(m: AnyClaimModule): CatalogueEntry {
  let e = entries.get(m);
  if (!e) entries.set(m, (e = { ...m, onData: m.decision !== undefined }));
  return e;
}

/** Every catalogue entry, in display order (truncation, representation, shallow, deep). */
export const CATALOGUE: readonly CatalogueEntry[] = REGISTRY.catalogue.map(entryOf);

/** The catalogue's claim ids, in display order. */
export const CATALOGUE_IDS: readonly string[] = CATALOGUE.map((e) => e.id);

/**
 * The entry of a claim id (exact match), or undefined.
 * @example catalogueEntry('D1')?.hypothesesShort // 'L ≥ Q, M ≥ Q, classes separable in some order'
 */
export function catalogueEntry(id: string, registry: ClaimRegistry = REGISTRY): CatalogueEntry | undefined {
  const m = registry.entry(id);
  return m && entryOf(m);
}

/** What is known about a data set before any claim is decided. */
export interface DataFacts {
  readonly Q: number;
  readonly M: number;
  /** Hidden layers the deep claims use. */
  readonly L: number;
  readonly rankXbar: number;
}

export type Applicability =
  | { readonly kind: 'decidable' }
  /** Decided during the run: depends on a hypothesis only the run can check (named). */
  | { readonly kind: 'depends'; readonly on: string }
  | { readonly kind: 'not-applicable'; readonly because: string };

/**
 * Whether `verify` can decide a claim on data with these facts. "decidable" never
 * promises a verdict — only that the hypotheses checked here hold.
 * @example applicability(catalogueEntry('S1')!, { Q: 3, M: 2, L: 3, rankXbar: 2 }) // { kind: 'not-applicable', because: 'M = 2 < Q = 3; rank X̄ = 2 < Q = 3' }
 */
export function applicability(entry: Pick<CatalogueEntry, 'hypotheses'>, f: DataFacts): Applicability {
  const failed: string[] = [];
  for (const h of entry.hypotheses) {
    if (h.key === 'M≥Q' && f.M < f.Q) failed.push(`M = ${f.M} < Q = ${f.Q}`);
    if (h.key === 'rank X̄=Q' && f.rankXbar < f.Q) failed.push(`rank X̄ = ${f.rankXbar} < Q = ${f.Q}`);
    if (h.key === 'L≥Q' && f.L < f.Q) failed.push(`L = ${f.L} < Q = ${f.Q}`);
  }
  if (failed.length) return { kind: 'not-applicable', because: [...new Set(failed)].join('; ') };
  if (entry.hypotheses.some((h) => h.key === 'separable')) return { kind: 'depends', on: 'separability' };
  return { kind: 'decidable' };
}

/**
 * The "what can be decided on this data" sentence of `verify`, from the facts alone:
 * decidable claims, claims that depend on separability, and the rest grouped by the hypothesis that fails.
 * @example applicabilityLine({ Q: 3, M: 2, L: 3, rankXbar: 2 }) // 'decidable here: R1, S3; not applicable: S1, S2 (M = 2 < Q = 3; rank X̄ = 2 < Q = 3); D1, D1-degeneracy, D2, D3 (M = 2 < Q = 3)'
 */
export function applicabilityLine(f: DataFacts, skip: readonly string[] = [], registry: ClaimRegistry = REGISTRY): string {
  const decidable: string[] = [];
  const depends: string[] = [];
  const notApplicable = new Map<string, string[]>();
  for (const e of registry.catalogue) {
    if (!e.decision || skip.includes(e.id)) continue;
    const a = applicability(e, f);
    if (a.kind === 'decidable') decidable.push(e.id);
    else if (a.kind === 'depends') depends.push(e.id);
    else notApplicable.set(a.because, [...(notApplicable.get(a.because) ?? []), e.id]);
  }
  const parts: string[] = [];
  parts.push(`decidable here: ${decidable.join(', ') || 'none'}`);
  if (depends.length) parts.push(`${depends.join(', ')} if the classes can be separated (exact LP during the run)`);
  if (notApplicable.size) parts.push(`not applicable: ${[...notApplicable].map(([because, ids]) => `${ids.join(', ')} (${because})`).join('; ')}`);
  return parts.join('; ');
}

/**
 * The README's claim table (Markdown), generated from the catalogue; a test checks the README holds it verbatim.
 * @example claimTableMarkdown().startsWith('| claim |') // true
 */
export function claimTableMarkdown(): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = CATALOGUE.map((e) => `| \`${e.id}\` | ${esc(e.title)} | ${esc(e.hypothesesShort)} | ${e.evidence.length ? e.evidence.map((v) => `\`${v.kind}\``).join(', ') : 'property search (no data)'} | \`${esc(e.sample)}\` |`);
  return ['| claim | what it says | hypotheses (decided only when they hold) | certified by | try |', '|---|---|---|---|---|', ...rows].join('\n');
}
