/**
 * The claim catalogue: for every claim id of SPEC §2–§4, what it states, the
 * hypotheses under which it is decided, what certifies a verdict (evidence
 * kinds of src/certificates/format.ts) and a command that decides it. One
 * data module: `dlgeom explain`, verify's "what can be decided" line and the
 * README's claim table (test/claims-catalogue.test.ts) all read from it.
 *
 * `applicability` says, from cheap facts about the data (Q, M, L, rank X̄),
 * which claims can be decided before any work is done; hypotheses that need
 * the run itself (separability, a D1 network) are reported as such, never
 * guessed.
 */
import type { Evidence } from '../certificates/format.ts';

/** A hypothesis a claim needs; `key` names the check `applicability` makes. */
export interface Hypothesis {
  readonly key: 'M≥Q' | 'rank X̄=Q' | 'L≥Q' | 'separable' | 'none';
  readonly text: string;
}

export interface CatalogueEntry {
  readonly id: string;
  /** A short name. */
  readonly title: string;
  /** The claim, as the toolkit reads it (SPEC section in brackets). */
  readonly statement: string;
  readonly hypotheses: readonly Hypothesis[];
  /** The hypotheses in a few symbols, for tables. */
  readonly hypothesesShort: string;
  /** Certificate evidence kinds that back a verdict on this claim, with what each shows. */
  readonly evidence: readonly { readonly kind: Evidence['kind']; readonly shows: string }[];
  /** Whether `dlgeom verify` decides it on a data set (else: `dlgeom search` / `dlgeom prove`). */
  readonly onData: boolean;
  /** A command that decides it. */
  readonly sample: string;
}

const M_GE_Q: Hypothesis = { key: 'M≥Q', text: 'M ≥ Q: the input dimension is at least the number of classes' };
const RANK_Q: Hypothesis = { key: 'rank X̄=Q', text: 'rank X̄ = Q: the class means are linearly independent (X̄⁺ and P exist)' };
const L_GE_Q: Hypothesis = { key: 'L≥Q', text: 'L ≥ Q hidden layers (--layers; default L = Q)' };
const SEPARABLE: Hypothesis = {
  key: 'separable',
  text: 'the classes can be truncated one by one: in some order each class is strictly separated by a hyperplane from what is still present (decided by an exact LP during the run; when it fails, a convex-overlap certificate says which two classes meet)',
};
const TRUNCATION: Hypothesis = { key: 'none', text: 'a square invertible W (τ needs W⁺; none on the data)' };

const ALL: readonly CatalogueEntry[] = [
  {
    id: 'T1',
    title: 'truncation is idempotent',
    statement: 'τ∘τ = τ for the truncation map τ_{W,b}(x) = W⁺(σ(Wx + b) − b) (SPEC §2).',
    hypotheses: [{ key: 'none', text: 'W of full row rank' }],
    hypothesesShort: 'W full row rank',
    evidence: [],
    onData: false,
    sample: 'dlgeom search T1 --runs 200',
  },
  {
    id: 'T2',
    title: 'fixed points are the forward cone',
    statement: 'For invertible W the fixed points of τ are exactly K⁺ = {x : Wx + b ≥ 0} (SPEC §2).',
    hypotheses: [TRUNCATION],
    hypothesesShort: 'W invertible',
    evidence: [],
    onData: false,
    sample: 'dlgeom search T2 --runs 200',
  },
  {
    id: 'T3',
    title: 'the backward cone collapses to the apex',
    statement: 'τ maps all of K⁻ = {x : Wx + b ≤ 0} to the apex θ = −W⁻¹b (SPEC §2).',
    hypotheses: [TRUNCATION],
    hypothesesShort: 'W invertible',
    evidence: [],
    onData: false,
    sample: 'dlgeom search T3 --runs 200',
  },
  {
    id: 'T4',
    title: 'truncation is a metric projection (orthogonal W)',
    statement: 'For orthogonal W, τ is the metric projection onto K⁺, hence 1-Lipschitz (SPEC §2); T4-general states it for any W and fails.',
    hypotheses: [{ key: 'none', text: 'W orthogonal' }],
    hypothesesShort: 'W orthogonal',
    evidence: [],
    onData: false,
    sample: 'dlgeom search T4 --runs 200',
  },
  {
    id: 'T5',
    title: 'truncation ignores positive rescaling and permutation',
    statement: 'τ_{ΠDW, ΠDb} = τ_{W,b} for a permutation Π and a positive diagonal D (SPEC §2).',
    hypotheses: [TRUNCATION, { key: 'none', text: 'D positive diagonal, Π a permutation' }],
    hypothesesShort: 'W invertible, D > 0',
    evidence: [],
    onData: false,
    sample: 'dlgeom search T5 --runs 200',
  },
  {
    id: 'R1',
    title: 'hidden layers act as a recursion of truncations',
    statement: 'With invertible W_1..W_L the network equals x ↦ W^(L+1)·τ_{W^(L),b^(L)}∘⋯∘τ_{W^(1),b^(1)}(x) + b^(L+1), checked exactly on every data point (SPEC §2).',
    hypotheses: [{ key: 'none', text: 'invertible hidden weights (the D1 network when one is built, else the S3 network)' }],
    hypothesesShort: 'invertible W_ℓ (any data)',
    evidence: [
      { kind: 'representation-identity', shows: 'on every data point the per-layer pass equals the truncation form (verified)' },
      { kind: 'representation-counterexample', shows: 'a data point where the two differ (refuted)' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'S1',
    title: 'shallow upper bound O(δ_P)',
    statement: 'W₁ = P, b₁ = β1, W₂ = YX̄⁺, b₂ = −W₂b₁ has ms = U² = (1/N)Σ|YX̄⁺PΔx|², so min C ≤ U ≤ ‖YX̄⁺‖_op·δ_P (SPEC §3).',
    hypotheses: [M_GE_Q, RANK_Q],
    hypothesesShort: 'M ≥ Q, rank X̄ = Q',
    evidence: [{ kind: 'identity-region-bound', shows: 'every hidden pre-activation ≥ 0 on the data, ms = U², and U² ≤ λ·δ_P² by a Rayleigh quotient' }],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'S2',
    title: 'the class cost is a metric',
    statement: 'For the S1 network and any input x in its identity region, the class-j cost is |YX̄⁺P(x − x̄_j)| (SPEC §3).',
    hypotheses: [M_GE_Q, RANK_Q],
    hypothesesShort: 'M ≥ Q, rank X̄ = Q',
    evidence: [
      { kind: 'metric-identity', shows: 'the identity holds exactly on the test inputs and Y is invertible (verified)' },
      { kind: 'metric-counterexample', shows: 'a test input where it fails (refuted)' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'S3',
    title: 'shallow affine-region local minimum, gap O(δ_P²)',
    statement: 'Where all hidden pre-activations are positive the network is affine; the least-squares fit (output bias free, or tied b₂ = −W₂b₁) is claimed to be a degenerate local minimum whose value is within a relative O(δ_P²) of the S1 bound (SPEC §3).',
    hypotheses: [
      { key: 'none', text: 'M = Q in the paper; here both readings are decided for any data' },
      { key: 'none', text: 'the rate 1 − V/U against δ_P needs M ≥ Q and rank X̄ = Q (U² exists)' },
    ],
    hypothesesShort: 'M = Q in the paper; decided for any data (rate: rank X̄ = Q)',
    evidence: [
      { kind: 'pattern-bound', shows: 'strict activation patterns and per-pattern normal equations: a local minimum over all parameters' },
      { kind: 'descent', shows: 'an exact direction with a negative first (or zero first, negative second) Taylor coefficient: not a local minimum' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'D1',
    title: 'explicit global minimizers (cost 0)',
    statement: 'For sufficiently clustered data, hidden layer ℓ truncates class ℓ to an apex; the output layer maps the Q apexes to the targets; the cost is exactly 0 (SPEC §4).',
    hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE],
    hypothesesShort: 'L ≥ Q, M ≥ Q, classes separable in some order',
    evidence: [
      { kind: 'cost-zero', shows: 'the explicit network has ms = 0 exactly: a global minimum (verified)' },
      { kind: 'convex-overlap', shows: 'two classes whose convex hulls meet: the hypothesis fails (not applicable)' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'D1-degeneracy',
    title: 'the D1 minimum is degenerate',
    statement: 'The D1 minimizer is not isolated: explicit one-parameter families of equal cost, and the local dimension of the minimizing set from exact Jacobian ranks (SPEC §4).',
    hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE, { key: 'none', text: 'a D1 network was built' }],
    hypothesesShort: 'as D1 (a D1 network was built)',
    evidence: [{ kind: 'families', shows: 'families along which the outputs never change, and rank bounds on the local dimension' }],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
  {
    id: 'D2',
    title: '2^Q − 1 distinct degenerate local minima',
    statement: 'For every proper subset J of the classes, the network truncating the classes of J with the output layer fitted to the curated data; each candidate is decided as a local minimum over all parameters and over the output layer alone, and the candidates compared (SPEC §4, our reading: docs/decisions.md).',
    hypotheses: [M_GE_Q, { key: 'none', text: 'L ≥ |J| hidden layers for each candidate' }, { ...SEPARABLE, text: 'the classes of J can be truncated one by one (exact LP per candidate)' }],
    hypothesesShort: 'M ≥ Q, L ≥ |J|, the classes of J separable',
    evidence: [
      { kind: 'pattern-bound', shows: 'a local minimum over all parameters' },
      { kind: 'output-normal-equations', shows: 'a minimum over the output layer' },
      { kind: 'descent', shows: 'an exact descent direction: not a local minimum' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3',
  },
  {
    id: 'D3',
    title: 'curation shrinks every class',
    statement: 'Along the D1 network the within-class spread of the τ-images never increases, and is 0 for each truncated class after its layer (SPEC §4).',
    hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE, { key: 'none', text: 'a D1 network was built' }],
    hypothesesShort: 'as D1 (a D1 network was built)',
    evidence: [
      { kind: 'curation-spread', shows: 'the exact spreads after each layer, non-increasing, 0 after truncation (verified)' },
      { kind: 'curation-spread-increase', shows: 'a spread that increases (refuted)' },
    ],
    onData: true,
    sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  },
];

/** Every catalogue entry, in display order (truncation, representation, shallow, deep). */
export const CATALOGUE: readonly CatalogueEntry[] = ALL;

/** The catalogue's claim ids, in display order. */
export const CATALOGUE_IDS: readonly string[] = ALL.map((e) => e.id);

/**
 * The entry of a claim id (exact match), or undefined.
 * @example catalogueEntry('D1')?.hypothesesShort // 'L ≥ Q, M ≥ Q, classes separable in some order'
 */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return ALL.find((e) => e.id === id);
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
export function applicability(entry: CatalogueEntry, f: DataFacts): Applicability {
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
export function applicabilityLine(f: DataFacts, skip: readonly string[] = []): string {
  const decidable: string[] = [];
  const depends: string[] = [];
  const notApplicable = new Map<string, string[]>();
  for (const e of ALL) {
    if (!e.onData || skip.includes(e.id)) continue;
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
  const rows = ALL.map((e) => `| \`${e.id}\` | ${esc(e.title)} | ${esc(e.hypothesesShort)} | ${e.evidence.length ? e.evidence.map((v) => `\`${v.kind}\``).join(', ') : 'property search (no data)'} | \`${esc(e.sample)}\` |`);
  return ['| claim | what it says | hypotheses (decided only when they hold) | certified by | try |', '|---|---|---|---|---|', ...rows].join('\n');
}
