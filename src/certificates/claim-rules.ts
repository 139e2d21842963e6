/**
 * What a certificate must show beyond its evidence, claim by claim: the evidence kinds that may back the claim, its
 * context labels (D2's subset and sense, S3's bias reading, …) and how each is re-derived from the network and the data;
 * anything else is rejected. The statement proved is generated here from checked fields, never read from the certificate.
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { widthsOf, type GroupedMoments } from './groups.ts';
import type { Certificate, Evidence } from './format.ts';
import type { KNet } from './kernel.ts';
import { require } from './rejection.ts';
import { inputGradient, outputGradient, requireS1Network, requireWidthM, truncationLayers, type ProjectorData } from './structure.ts';

type Kind = Evidence['kind'];
type Context = Readonly<Record<string, unknown>>;

/** Everything the binding may use, after the evidence itself has been checked. */
export interface Checked {
  readonly ev: Evidence;
  readonly verdict: Certificate['verdict'];
  readonly ds: DataSet;
  /** The certificate's network (absent for a convex overlap). */
  readonly net: KNet | undefined;
  readonly grouped: GroupedMoments | undefined;
  readonly ms: Rational | undefined;
  readonly projector: () => ProjectorData;
}

interface ClaimRule {
  /** Required context keys and their admissible values (no other key is accepted). */
  readonly context: Readonly<Record<string, (value: unknown, ds: DataSet) => boolean>>;
  /** The evidence kinds that may back the claim in this context. */
  readonly evidence: (ctx: Context) => readonly Kind[];
  /** Whether a descent direction must leave the hidden layers alone. */
  readonly outputLayerOnly?: (ctx: Context) => boolean;
  /** Re-derives the labels from the network and the data (rejects otherwise); returns the statement proved. */
  readonly bind: (c: Checked, ctx: Context) => string;
}

const oneOf = (...values: string[]) => (v: unknown): boolean => typeof v === 'string' && values.includes(v);

/** A proper subset of the classes, 1-based, strictly increasing. */
const isProperSubset = (v: unknown, ds: DataSet): boolean =>
  Array.isArray(v) && v.length < ds.Q && v.every((j, k) => Number.isInteger(j) && j >= 1 && j <= ds.Q && (k === 0 || j > v[k - 1]));

const setText = (J: readonly number[]): string => `{${J.join(', ')}}`;
const isNot = (c: Checked): string => (c.verdict === 'verified' ? 'is' : 'is not');

function hiddenCount(c: Checked): number {
  require(c.net !== undefined && c.grouped !== undefined, 'the certificate carries no network');
  return c.net.hidden.length;
}

/** The per-class truncation structure of the certificate's network on the data. */
function structureOf(c: Checked): (number | null)[] {
  hiddenCount(c);
  return truncationLayers(c.grouped!, c.ds.Q, widthsOf(c.net!));
}

export const CLAIM_RULES: Readonly<Record<string, ClaimRule>> = {
  S1: {
    context: {},
    evidence: () => ['identity-region-bound'],
    bind: (c) => {
      requireS1Network(c.net!, c.projector());
      return `The S1 network (one hidden layer W₁ = RP, b₁ = β·1; output W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁) is the identity on the data and has ms = U² = ${c.ms}, with U ≤ ‖YX̄⁺‖_op·δ_P.`;
    },
  },
  S2: {
    context: {},
    evidence: () => ['metric-identity', 'metric-counterexample'],
    bind: (c) => {
      requireS1Network(c.net!, c.projector());
      if (c.ev.kind === 'metric-counterexample')
        return `For the S1 network, at the listed input of its identity region the class-${c.ev.class + 1} cost differs from |YX̄⁺P(x − x̄_j)|: S2 fails there.`;
      return `For the S1 network, at each of the ${(c.ev as Extract<Evidence, { kind: 'metric-identity' }>).inputs.length} listed inputs of its identity region the class cost equals |YX̄⁺P(x − x̄_j)|, and Y is invertible.`;
    },
  },
  S3: {
    context: { bias: oneOf('free', 'tied') },
    evidence: () => ['pattern-bound', 'descent'],
    bind: (c, ctx) => {
      const L = hiddenCount(c);
      require(L === 1, `the S3 network has one hidden layer, this one has ${L}`);
      requireWidthM(c.net!, c.ds.M, 'S3');
      require(!c.grouped!.someZero && structureOf(c).every((t) => t === null), 'the S3 network lies strictly in its affine region: some hidden pre-activation is ≤ 0 on the data');
      const tied = ctx.bias === 'tied';
      if (tied) {
        const W2b1 = c.net!.output.W.mulVec(c.net!.hidden[0]!.b);
        require(c.net!.output.b.every((v, i) => v.add(W2b1[i]!).isZero()), 'the tied reading needs b₂ = −W₂b₁');
      }
      require(inputGradient(c.net!, c.ds, c.grouped!, !tied).isZero(), `the network's map is not the ${tied ? 'linear' : 'affine'} least-squares fit of the targets (the normal equations fail)`);
      return `The S3 network for the ${ctx.bias} output bias (one hidden layer, strictly in its affine region on the data, computing the ${tied ? 'linear least-squares fit x ↦ Ax, b₂ = −W₂b₁' : 'affine least-squares fit x ↦ Ax + c'}) ${isNot(c)} a local minimum of the cost over all parameters.`;
    },
  },
  D1: {
    context: {},
    evidence: () => ['cost-zero', 'convex-overlap'],
    bind: (c) => {
      if (c.ev.kind === 'convex-overlap') {
        const [a, b] = c.ev.classes;
        return `Classes ${a + 1} and ${b + 1} have a common point in their convex hulls, so no hyperplane separates them and no class order meets the D1 hypothesis.`;
      }
      const L = hiddenCount(c);
      requireWidthM(c.net!, c.ds.M, 'D1');
      require(L >= c.ds.Q, `D1 concerns networks with L ≥ Q hidden layers (L = ${L}, Q = ${c.ds.Q})`);
      return `This network with L = ${L} ≥ Q = ${c.ds.Q} hidden layers has cost exactly 0 on the data: a global minimizer.`;
    },
  },
  'D1-degeneracy': {
    context: {},
    evidence: () => ['families'],
    bind: (c) => `The cost-0 network (a global minimizer) is not an isolated minimizer: ${(c.ev as Extract<Evidence, { kind: 'families' }>).families.length} one-parameter families of minimizers pass through it.`,
  },
  D2: {
    context: { subset: isProperSubset, sense: oneOf('all-parameters', 'output-layer') },
    evidence: (ctx) => (ctx.sense === 'output-layer' ? ['output-normal-equations'] : ['pattern-bound', 'descent']),
    bind: (c, ctx) => {
      hiddenCount(c);
      requireWidthM(c.net!, c.ds.M, 'D2');
      const at = structureOf(c);
      const J = at.flatMap((t, j) => (t === null ? [] : [j + 1]));
      const claimed = ctx.subset as number[];
      require(J.length === claimed.length && J.every((j, k) => j === claimed[k]), `the network collapses the classes ${setText(J)}, not J = ${setText(claimed)}`);
      const layers = J.map((j) => at[j - 1]!);
      require(new Set(layers).size === layers.length, 'two classes of J are collapsed by the same hidden layer');
      require(outputGradient(c.net!, c.ds, c.grouped!).isZero(), 'the output layer is not the least-squares fit on the curated data');
      const what = ctx.sense === 'output-layer' ? 'a minimum of the cost over the output layer' : 'a local minimum of the cost over all parameters';
      const how = J.length ? `class${J.length > 1 ? 'es' : ''} ${J.join(', ')} collapsed at hidden layer${J.length > 1 ? 's' : ''} ${layers.join(', ')}` : 'no class collapsed';
      return `The D2 candidate for J = ${setText(J)} (${how}, every other class strictly in the identity region of every layer, the output layer the least-squares fit on the curated data) ${isNot(c)} ${what}.`;
    },
  },
  D3: {
    context: {},
    evidence: () => ['curation-spread', 'curation-spread-increase'],
    bind: (c) =>
      c.ev.kind === 'curation-spread-increase'
        ? `Along this cost-0 network the within-class spread of the τ-images of class ${c.ev.classIndex + 1} increases at layer ${c.ev.layer}: D3 fails.`
        : 'Along this cost-0 network the within-class spreads of the τ-images never increase, and each truncated class has spread 0 from its truncation layer on.',
  },
  R1: {
    context: {},
    evidence: () => ['representation-identity', 'representation-counterexample'],
    bind: (c) =>
      c.ev.kind === 'representation-counterexample'
        ? `At data point (${c.ev.point[0] + 1}, ${c.ev.point[1] + 1}) this network differs from its truncation representation W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1).`
        : 'On every data point this network equals its truncation representation W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1).',
  },
  /** Statements about a given network (dlgeom decide), not about a catalogue construction. */
  network: {
    context: { sense: oneOf('global', 'all-parameters', 'critical-point', 'output-layer') },
    evidence: (ctx) =>
      ({
        global: ['cost-zero', 'descent', 'lower-cost-point'],
        'all-parameters': ['pattern-bound', 'descent'],
        'critical-point': ['critical-point', 'descent'],
        'output-layer': ['output-normal-equations', 'descent'],
      })[ctx.sense as string] as Kind[],
    outputLayerOnly: (ctx) => ctx.sense === 'output-layer',
    bind: (c, ctx) => {
      hiddenCount(c);
      const refuted = c.verdict === 'refuted';
      switch (ctx.sense) {
        case 'global':
          if (!refuted) return 'This network has cost exactly 0 on the data: a global minimum.';
          return c.ev.kind === 'lower-cost-point'
            ? 'This network is not a global minimum: a network of the same architecture has strictly lower cost on the data.'
            : 'This network is not a global minimum: an exact direction lowers its cost.';
        case 'critical-point':
          // Only a first-order descent shows a nonzero gradient (a second-order one is taken at a critical point).
          if (c.ev.kind === 'descent') require(c.ev.order === 1, 'only a first-order descent shows that the point is not critical');
          return refuted ? 'This network is not a critical point of the cost: an exact directional derivative is negative.' : 'Every partial derivative of the cost vanishes at this network: a critical point.';
        case 'output-layer':
          return refuted
            ? 'With its hidden layers fixed, moving only the output layer lowers the cost: this network is not a minimum over the output layer.'
            : 'With its hidden layers fixed, this network is a minimum of the cost over the output layer.';
        default:
          return `This network ${isNot(c)} a local minimum of the cost over all parameters.`;
      }
    },
  },
};

/** The rule for a certificate's claim, with its validated context; rejects what cannot be re-derived. */
export function ruleFor(cert: Certificate, ds: DataSet): { rule: ClaimRule; ctx: Context } {
  const claim: unknown = cert.claim;
  require(typeof claim === 'string' && claim.length > 0, 'the certificate names no claim');
  const rule = Object.hasOwn(CLAIM_RULES, claim) ? CLAIM_RULES[claim] : undefined;
  require(rule !== undefined, `unknown claim ${JSON.stringify(claim)}: the checker re-derives only ${Object.keys(CLAIM_RULES).join(', ')}`);
  const raw: unknown = cert.context ?? {};
  require(typeof raw === 'object' && raw !== null && !Array.isArray(raw), 'context must be an object');
  const ctx = raw as Context;
  for (const key of Object.keys(ctx)) require(Object.hasOwn(rule.context, key), `claim ${claim} carries no context "${key}"`);
  for (const [key, valid] of Object.entries(rule.context)) require(valid(ctx[key], ds), `claim ${claim} needs a valid context "${key}" (got ${JSON.stringify(ctx[key])})`);
  return { rule, ctx };
}
