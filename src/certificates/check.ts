/**
 * The certificate checker (SPEC §5): re-checks a verdict exactly from the data
 * and the certificate alone. Runs only its trusted base (docs/decisions.md, "The trusted
 * base"): the certificate files, Rational and the compact data; no engine module, no
 * generated code, no cache. It trusts nothing a certificate says that it can recompute.
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, integerMoments, pointAt, zAt } from '../data/compact.ts';
import { Matrix, vec, type Vec } from './linalg.ts';
import { compose, evaluate, identityAffine, maskRows, momentsOf, sumDotTerms, sumOuterTerms, sumSquares } from './affine.ts';
import { costCoefficients, groupedMoments, layerMasks, patternLabel, widthsOf, type GroupedMoments } from './groups.ts';
import type { CERTIFICATE_FORMAT, Certificate, Evidence } from './format.ts';
import { ruleFor } from './claim-rules.ts';
import { Rejected, require } from './rejection.ts';
import { augmented, checkerData, curation, curationByInverses, outputGradient, projectedNorm2, residualSumOfSquares, sameJson, type CheckerData, type ProjectorData } from './structure.ts';
import { UnusableCertificate, flatten, forward, isPrime, jacobianRowsModP, listAt, MAX_PRIME, objectAt, rankModP, costSeriesOneSided, parseMatrix, parseNetwork, parseVector, residualGroups, unflatten, type KNet } from './kernel.ts';

/**
 * ok: `statement` is what the certificate proves, generated from the fields the checker
 * re-derived (never the certificate's own text); `summary` says how the evidence shows it.
 */
export type CheckResult =
  | { readonly ok: true; readonly claim: string; readonly verdict: Certificate['verdict']; readonly statement: string; readonly summary: string }
  | { readonly ok: false; readonly reason: string; readonly unusable?: boolean };

/** The format this checker reads (format.ts is declarations only, imported as types). */
const FORMAT: typeof CERTIFICATE_FORMAT = 'dlgeom/certificate@1';

/** A data point with its target and class. */
type Sample = { readonly x: Vec; readonly cls: number };

/**
 * Checks `cert` against `ds` (`data`: what the checks on `ds` share, built here when not given). ok=false with
 * `unusable` when the certificate cannot be read (the CLI exits 2), plain ok=false when it does not hold (exit 1).
 */
export function checkCertificate(cert: Certificate, ds: DataSet, data: CheckerData = checkerData(ds)): CheckResult {
  if (data.ds !== ds) throw new Error('checker data of another data set');
  try {
    const { statement, summary } = checkOrThrow(cert, ds, data);
    return { ok: true, claim: cert.claim, verdict: cert.verdict, statement, summary };
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, reason: e.message };
    if (e instanceof UnusableCertificate) return { ok: false, reason: e.message, unusable: true };
    if (e instanceof RangeError) return { ok: false, reason: `arithmetic failed: ${e.message}` };
    throw e;
  }
}

function checkOrThrow(cert: Certificate, ds: DataSet, data: CheckerData): { statement: string; summary: string } {
  if (cert?.format !== FORMAT) throw new UnusableCertificate(`not a ${FORMAT} certificate`);
  const ev = cert.evidence;
  const verdict = ev?.kind === 'convex-overlap' ? 'not-applicable' : Object.hasOwn(ON_NETWORK, ev?.kind) ? ON_NETWORK[ev.kind][0] : undefined;
  if (verdict === undefined) throw new UnusableCertificate(`unknown evidence kind ${JSON.stringify(ev?.kind)}`);
  for (const key of ['data', 'shape'] as const) if (cert[key] !== undefined) objectAt(cert[key], `certificate.${key}`);
  require(cert.data?.sha256 === ds.source.sha256, `the certificate is about other data (sha256 ${String(cert.data?.sha256).slice(0, 12)}…, these data ${ds.source.sha256.slice(0, 12)}…)`);
  // The claim and its labels must be ones the checker can re-derive (claim-rules.ts).
  const { rule, ctx } = ruleFor(cert, ds);
  require(rule.evidence(ctx).includes(ev.kind), `evidence "${ev.kind}" cannot back claim ${cert.claim}${cert.context ? ` ${JSON.stringify(cert.context)}` : ''}`);
  require(cert.verdict === verdict, `evidence "${ev.kind}" cannot establish the verdict "${cert.verdict}"`);
  const { M, Q } = ds;
  require(cert.shape?.M === M && cert.shape?.Q === Q, `shape M=${cert.shape?.M}, Q=${cert.shape?.Q} does not match the data (M=${M}, Q=${Q})`);
  const N = Rational.int(ds.N);

  if (ev.kind === 'convex-overlap') {
    const summary = checkOverlap(ev, ds);
    return { summary, statement: rule.bind({ ev, verdict: cert.verdict, ds, net: undefined, grouped: undefined, ms: undefined, projector: data.projector }, ctx) };
  }

  // The data enter through their pattern groups: the network is affine on each, and every sum
  // over the data below is exact from the groups' integer moments (derived once for a network equal to the last one's).
  const { last } = data;
  if (!(last.L === cert.shape.L && sameJson(last.json, cert.network))) {
    const net = parseNetwork(cert.network, cert.shape.L, M, Q);
    const grouped = groupedMoments(net, ds, data.boxes());
    // A copy: a certificate object changed after its check must not match its old self.
    Object.assign(last, { json: structuredClone(cert.network), L: cert.shape.L, net, grouped, sumSq: residualSumOfSquares(net, ds, grouped) });
  }
  const [net, grouped, sumSq] = [last.net!, last.grouped!, last.sumSq!];
  const ms = sumSq.div(N);
  if (cert.ms !== undefined) require(ms.eq(parseVector([cert.ms], 'ms')[0]!), `ms is ${ms}, the certificate says ${cert.ms}`);

  const summary = (ON_NETWORK[ev.kind][1] as (ev: Evidence, p: OnData) => string)(ev, { net, ds, grouped, sumSq, ms, data, outputLayerOnly: rule.outputLayerOnly?.(ctx) ?? false });
  return { summary, statement: rule.bind({ ev, verdict: cert.verdict, ds, net, grouped, ms, projector: data.projector }, ctx) };
}

/** A certificate's network on the data, as the evidence checks read it. */
interface OnData {
  readonly net: KNet;
  readonly ds: DataSet;
  readonly grouped: GroupedMoments;
  /** N·ms and ms, exactly from the pattern groups. */
  readonly sumSq: Rational;
  readonly ms: Rational;
  readonly data: CheckerData;
  /** Whether the claim's rule allows only output-layer descent directions. */
  readonly outputLayerOnly: boolean;
}

/** Requires ms = 0 (`why`: only a cost-0 point is known to be a minimizer). */
const requireCostZero = (ms: Rational, why = ''): void => require(ms.isZero(), `ms is ${ms}, not 0${why}`);

/** Per evidence kind about a network: the verdict it can establish, and its check (rejects, or says how the evidence shows it). */
const ON_NETWORK: { readonly [K in Exclude<Evidence['kind'], 'convex-overlap'>]: readonly [Certificate['verdict'], (ev: Extract<Evidence, { kind: K }>, p: OnData) => string] } = {
  'cost-zero': ['verified', (_, { ms }) => {
    requireCostZero(ms);
    return 'ms = 0 exactly: a global minimum (ms ≥ 0)';
  }],
  'pattern-bound': ['verified', checkPatternBound],
  'output-normal-equations': ['verified', (_, { net, ds, grouped }) => {
    require(outputGradient(net, ds, grouped).isZero(), 'the output layer does not satisfy the normal equations');
    return 'the output layer satisfies its normal equations: a minimum over the output layer (convex least squares)';
  }],
  'critical-point': ['verified', checkCriticalPoint],
  'lower-cost-point': ['refuted', checkLowerCost],
  descent: ['refuted', checkDescent],
  'identity-region-bound': ['verified', checkIdentityBound],
  'metric-identity': ['verified', checkMetric],
  'metric-counterexample': ['refuted', checkMetric],
  families: ['verified', checkFamilies],
  'curation-spread': ['verified', checkSpread],
  'curation-spread-increase': ['refuted', checkSpread],
  'representation-identity': ['verified', checkRepresentation],
  'representation-counterexample': ['refuted', checkRepresentation],
};

function checkPatternBound(ev: Extract<Evidence, { kind: 'pattern-bound' }>, { net, ds, grouped, sumSq }: OnData): string {
  require(!grouped.someZero, 'a hidden pre-activation is exactly 0 on the data: the cost is not smooth there');
  const fits = new Map<string, Matrix>();
  for (const f of listAt(ev.fits ?? [], 'certificate.evidence.fits', true)) fits.set(f.pattern, parseMatrix(f.fit, `fit for pattern ${f.pattern}`));
  const M = ds.M;
  const aug = augmented(M);
  let bound = Rational.ZERO;
  for (const g of grouped.groups) {
    const pattern = patternLabel(g.mask, widthsOf(net));
    const A = fits.get(pattern);
    require(A !== undefined, `no fit given for activation pattern ${pattern}`);
    require(A.rows === ds.Q && A.cols === M + 1, `fit for ${pattern} has the wrong shape`);
    const fit = compose(A, aug, vec.zeros(ds.Q));
    // Normal equations Σ (A z − y) zᵀ = 0 with z = (x, 1): A minimises this group's affine least squares.
    bound = bound.add(sumDotTerms([[fit, fit, g.parts.map((p) => [ds.targets[p.cls]!, ds.targets[p.cls]!, p.moments])]]));
    require(sumOuterTerms([[fit, aug, g.parts.map((p) => [ds.targets[p.cls]!, vec.zeros(M + 1), p.moments])]], ds.Q, M + 1).isZero(), `the fit for pattern ${pattern} does not satisfy its normal equations`);
  }
  require(sumSq.eq(bound), `N·ms = ${sumSq} exceeds the pattern-wise least-squares bound ${bound}`);
  return `strict activation patterns (${grouped.groups.length} group(s)); N·ms equals the sum of the groups' least-squares minima: a local minimum over all parameters`;
}

function checkDescent(ev: Extract<Evidence, { kind: 'descent' }>, { net, ds, grouped, outputLayerOnly }: OnData): string {
  const dir = unflatten(parseVector(ev.direction, 'direction'), net);
  if (outputLayerOnly) require(!movesHidden(dir), 'an output-layer refutation must move only the output layer');
  require(ev.order === 1 || ev.order === 2, 'order must be 1 or 2');
  // With strict patterns the pattern is constant near t = 0, so on each group the output is a₀ + a₁t + a₂t² (affine in x).
  // A direction that moves only the output layer leaves every hidden activation unchanged (σ(0) = 0 included): no strictness needed.
  // Non-smooth point (a pre-activation exactly 0): the one-sided coefficients for t > 0, point by point (kernel).
  const oneSided = movesHidden(dir) && grouped.someZero;
  const samples = () => ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const [, c1, c2] = oneSided ? costSeriesOneSided(net, dir, samples()) : [Rational.ZERO, ...costCoefficients(net, dir, ds.targets, grouped, ev.order)];
  const claimed = parseVector([ev.coefficient], 'coefficient')[0]!;
  if (ev.order === 1) {
    require(c1.eq(claimed), `the first-order coefficient is ${c1}, the certificate says ${claimed}`);
    require(c1.sign() < 0, `the first-order coefficient ${c1} is not negative`);
    return `${oneSided ? 'one-sided (t > 0) ' : ''}directional derivative ${c1}/N < 0 along the given direction: not a local minimum`;
  }
  require(c1.isZero(), `the first-order coefficient is ${c1}, not 0`);
  require(c2.eq(claimed), `the second-order coefficient is ${c2}, the certificate says ${claimed}`);
  require(c2.sign() < 0, `the second-order coefficient ${c2} is not negative`);
  return `${oneSided ? 'one-sided (t > 0): ' : ''}zero first and negative second derivative (${c2}) along the given direction: not a local minimum`;
}

/**
 * "critical-point": every hidden pre-activation strictly signed on the data (so ms is a polynomial in the parameters
 * near the point) and every partial derivative of N·ms exactly 0: the first Taylor coefficient along each unit vector.
 */
function checkCriticalPoint(_: unknown, { net, ds, grouped }: OnData): string {
  require(!grouped.someZero, 'a hidden pre-activation is exactly 0 on the data: the cost is not differentiable there');
  const K = flatten(net).length;
  for (let k = 0; k < K; k++) {
    const e = vec.zeros(K);
    e[k] = Rational.ONE;
    const [c1] = costCoefficients(net, unflatten(e, net), ds.targets, grouped, 1);
    require(c1.isZero(), `the partial derivative of N·ms in parameter ${k} is ${c1}, not 0`);
  }
  return `strict activation patterns (${grouped.groups.length} group(s)) and all ${K} partial derivatives of ms are exactly 0: a critical point`;
}

/** "lower-cost-point": a point of the same architecture whose exact ms, by pattern groups, is below this one's. */
function checkLowerCost(ev: Extract<Evidence, { kind: 'lower-cost-point' }>, { net, ds, ms, data }: OnData): string {
  const point = parseNetwork(ev.network, net.hidden.length, ds.M, ds.Q);
  const layers = [...net.hidden, net.output];
  const same = [...point.hidden, point.output].every((l, k) => l.W.rows === layers[k]!.W.rows && l.W.cols === layers[k]!.W.cols);
  require(same, 'the lower-cost point has another architecture (layer sizes differ)');
  const other2 = residualSumOfSquares(point, ds, groupedMoments(point, ds, data.boxes())).div(Rational.int(ds.N));
  require(other2.lt(ms), `the other point's ms ${other2} is not below ms ${ms}`);
  return `a point of the same architecture has ms = ${other2} < ${ms}: not a global minimum`;
}

/** Whether a direction moves some hidden weight or bias. */
const movesHidden = (dir: KNet): boolean => dir.hidden.some((l) => !l.W.isZero() || l.b.some((v) => !v.isZero()));

function checkIdentityBound(ev: Extract<Evidence, { kind: 'identity-region-bound' }>, { net, ds, grouped, ms, data }: OnData): string {
  // Pre-activations ≥ 0 on the data: a unit inactive on a pattern group must be exactly 0 on
  // all its points (its sum of squares there is 0), so ReLU is the identity on the data.
  for (const g of grouped.groups) {
    const { pre } = grouped.maps(g);
    layerMasks(widthsOf(net), g.mask).forEach((units, l) => {
      const inactive = maskRows(pre[l]!, (r) => units[r] === 0);
      for (const p of g.parts) require(sumSquares(inactive, p.moments).isZero(), 'a hidden pre-activation is negative on the data');
    });
  }
  const pd = data.projector();
  const { means, moments, A, fromMean } = pd;
  // U² = (1/N) Σ_j Σ_{x ∈ class j} |A(x − x̄_j)|², from each class's moments.
  const U2 = moments.reduce((s, m, j) => s.add(sumSquares(fromMean[j]!, m)), Rational.ZERO).div(Rational.int(ds.N));
  require(ms.eq(U2), `ms = ${ms} differs from U² = ${U2}`);
  // δ_P² ≥ |P(x − x̄_j)|² at any data point: the listed point gives a lower bound; without one, the maximum over all points.
  const named = ev.deltaPPoint === undefined ? undefined : dataPoint(ev.deltaPPoint, ds, 'deltaPPoint');
  const deltaP2 = named ? projectedNorm2(pd, vec.sub(named.x, means[named.cls]!)) : maxProjected(ds, pd);
  // λ is a lower bound on ‖YX̄⁺‖²_op: λ = |Av|²/|v|² for the given v (a Rayleigh quotient).
  const v = parseVector(ev.rayleighVector, 'rayleighVector');
  require(v.length === ds.M && !vec.norm2(v).isZero(), 'the Rayleigh vector must be a nonzero M-vector');
  const lambda = vec.norm2(A.mulVec(v)).div(vec.norm2(v));
  require(U2.le(lambda.mul(deltaP2)), `U² = ${U2} exceeds λ·δ_P² = ${lambda.mul(deltaP2)} for the given λ ≤ ‖YX̄⁺‖²`);
  return `ReLU is the identity on the data, ms = U² = ${U2} ≤ ‖YX̄⁺‖²_op·δ_P² (via a Rayleigh quotient λ = ${lambda})`;
}

/** max over the data points of |P(x − x̄_j)|². */
function maxProjected(ds: DataSet, pd: ProjectorData): Rational {
  let best = Rational.ZERO;
  compactOf(ds).classes.forEach((c, j) => {
    for (let i = 0; i < c.count; i++) best = best.max(projectedNorm2(pd, vec.sub(pointAt(c, ds.M, i), pd.means[j]!)));
  });
  return best;
}

/** The data point a certificate names as [class, index] (0-based), validated. */
function dataPoint(at: unknown, ds: DataSet, where: string): Sample {
  const [j, i] = Array.isArray(at) ? at : [];
  const cls = Number.isInteger(j) && j >= 0 && j < ds.Q ? compactOf(ds).classes[j]! : undefined;
  require(cls !== undefined && Number.isInteger(i) && i >= 0 && i < cls.count, `${where}: no such data point`);
  return { x: pointAt(cls, ds.M, i), cls: j };
}

function checkMetric(ev: Extract<Evidence, { kind: 'metric-identity' | 'metric-counterexample' }>, { net, ds, data }: OnData): string {
  const pd = data.projector();
  // That `net` is the S1 network (the only network S2 speaks of) is bound by claim-rules.ts.
  const holds = (x: Vec, j: number): boolean => {
    require(Number.isInteger(j) && j >= 0 && j < ds.Q, `class index ${j} out of range`);
    const lhs = vec.norm2(vec.sub(forward(net, x).output, ds.targets[j]!));
    return lhs.eq(vec.norm2(evaluate(pd.fromMean[j]!, x)));
  };
  if (ev.kind === 'metric-counterexample') {
    const x = parseVector(ev.x, 'x');
    require(x.length === ds.M, 'x has the wrong length');
    require(forward(net, x).pre.every((z) => z.every((v) => v.sign() >= 0)), 'the given input is not in the identity region, where S2 makes no claim');
    require(!holds(x, ev.class), 'the identity holds at the given input');
    return `at the given input, |f(x) − y_j| ≠ |YX̄⁺P(x − x̄_j)|: S2 fails`;
  }
  require(Matrix.fromColumns(ds.targets).rank() === ds.Q, 'Y is singular: the distance is not a metric on span{x̄_j}');
  const inputs = listAt(ev.inputs, 'certificate.evidence.inputs', true);
  require(inputs.length > 0, 'no test inputs');
  for (const [k, inp] of inputs.entries()) {
    const x = parseVector(inp.x, `inputs[${k}].x`);
    require(x.length === ds.M, `inputs[${k}] has the wrong length`);
    require(forward(net, x).pre.every((z) => z.every((v) => v.sign() >= 0)), `inputs[${k}] is not in the identity region`);
    require(holds(x, inp.class), `inputs[${k}]: |f(x) − y_j|² ≠ |YX̄⁺P(x − x̄_j)|²`);
  }
  return `on ${inputs.length} test inputs the class cost equals |YX̄⁺P(x − x̄_j)|, and Y is invertible`;
}

function checkOverlap(ev: Extract<Evidence, { kind: 'convex-overlap' }>, ds: DataSet): string {
  const [a, b] = listAt(ev.classes, 'certificate.evidence.classes');
  const weights = listAt(ev.weights, 'certificate.evidence.weights');
  require(Number.isInteger(a) && Number.isInteger(b) && a !== b && a >= 0 && b >= 0 && a < ds.Q && b < ds.Q, 'bad class indices');
  const combo = (j: number, w: string[], where: string): Rational[] => {
    const lam = parseVector(w, where);
    const cls = compactOf(ds).classes[j]!;
    require(lam.length === cls.count, `${where}: one weight per point of class ${j + 1} expected`);
    require(lam.every((l) => l.sign() >= 0), `${where}: negative weight`);
    require(lam.reduce((s, l) => s.add(l), Rational.ZERO).eq(Rational.ONE), `${where}: weights do not sum to 1`);
    // Σ λ_i x_i = Σ λ̃_i z_i / (d·D) in integers (λ = λ̃/d, x = z/D); only points with λ_i ≠ 0 are read.
    const { ints, den } = overCommonDenominator(lam);
    const acc = new Array<bigint>(ds.M).fill(0n);
    ints.forEach((l, i) => l !== 0n && acc.forEach((a, k) => (acc[k] = a + l * zAt(cls, ds.M, i, k))));
    return acc.map((a) => Rational.of(a, den * cls.den));
  };
  require(vec.eq(combo(a!, weights[0]!, 'weights[0]'), combo(b!, weights[1]!, 'weights[1]')), 'the two convex combinations differ');
  return `classes ${a + 1} and ${b + 1} have a common point in their convex hulls: no hyperplane separates them`;
}

function checkFamilies(ev: Extract<Evidence, { kind: 'families' }>, { net, ds, grouped, ms }: OnData): string {
  requireCostZero(ms, ': the point is not certified to be a minimizer'); // degeneracy is a statement about a minimizer
  const K = flatten(net).length;
  require(ev.paramCount === K, `paramCount ${ev.paramCount}, the network has ${K}`);
  const L = net.hidden.length;
  const tangents: Rational[][] = [];
  // The listed points on which the Jacobian (mod a prime) is evaluated.
  require(Array.isArray(ev.jacobianPoints), 'jacobianPoints must be a list of [class, index] pairs');
  const subset = ev.jacobianPoints.map((at: unknown, k: number) => dataPoint(at, ds, `jacobianPoints[${k}]`));
  // The last hidden activation on each pattern group, an affine map of x (an output-null family must kill it on the data).
  const M = ds.M;
  const lastHidden = grouped.groups.map((g) => ({ h: grouped.maps(g).hidden.at(-1) ?? identityAffine(M), parts: g.parts }));
  const families = listAt(ev.families, 'certificate.evidence.families', true);
  for (const [k, fam] of families.entries()) {
    if (fam.type === 'output-null') {
      const d = parseVector(fam.direction, `families[${k}].direction`);
      const dn = unflatten(d, net);
      require(!movesHidden(dn), `families[${k}] moves a hidden layer`);
      for (const { h, parts } of lastHidden)
        for (const p of parts) require(sumSquares(compose(dn.output.W, h, dn.output.b), p.moments).isZero(), `families[${k}] changes an output on the data`);
      tangents.push(d);
    } else if (fam.type === 'unit-rescaling') {
      const { layer, unit } = fam;
      require(Number.isInteger(layer) && layer >= 1 && layer <= L && Number.isInteger(unit) && unit >= 0 && unit < net.hidden[layer - 1]!.W.rows, `families[${k}]: no such hidden unit`);
      // σ(t z) = t σ(z) for t > 0: scaling the unit's weights and bias by t and its outgoing weights by 1/t keeps every output.
      tangents.push(rescalingTangent(net, layer, unit));
    } else {
      throw new UnusableCertificate(`families[${k}]: unknown family type`);
    }
  }
  const tangentRank = tangents.length === 0 ? 0 : Matrix.fromRows(tangents).rank();
  require(tangentRank === ev.tangentRank, `tangent rank is ${tangentRank}, the certificate says ${ev.tangentRank}`);
  const p = ev.jacobianPrime;
  require(typeof p === 'number' && isPrime(p) && p < MAX_PRIME, `jacobianPrime must be a prime below 2^26`);
  const exact = checkExactDimension(ev, net, ds, K, p);
  const rank = jacobianRankModP(net, subset.map((s) => s.x), p, 'at a listed point');
  require(rank === ev.jacobianRank, `Jacobian rank mod ${p} on the listed points is ${rank}, the certificate says ${ev.jacobianRank}`);
  require(tangentRank >= 1, 'no family: the point may be isolated');
  const how = `(Jacobian rank mod ${p} on ${subset.length} listed points)`;
  return `${families.length} families of equal cost through the point; local dimension of the level set ${exact !== undefined ? `exactly ${exact} (a submersion)` : `between ${tangentRank} and ${K - rank} ${how}`}`;
}

/**
 * rank_p of the Jacobian of the outputs at the given points. rank_p(J) ≤ rank(J) (kernel.ts, "Jacobian rank
 * modulo a prime"), and a rank_p equal to the number of rows is that rank over Q: full row rank.
 */
function jacobianRankModP(net: KNet, points: readonly Vec[], p: number, where: string): number {
  const rows = jacobianRowsModP(net, points, p);
  require(rows !== undefined, `a hidden pre-activation is exactly 0 ${where} (or the prime divides a denominator): the Jacobian is not defined`);
  return rankModP(rows, p);
}

/**
 * The exact local dimension, when claimed: the distinct residual functions (kernel
 * residualGroups) have a Jacobian of full row rank at p (mod p, hence over Q), so their common
 * level set is a manifold of dimension K − rank near p, and it is the minimizing set, since
 * every residual is one of them.
 */
function checkExactDimension(ev: Extract<Evidence, { kind: 'families' }>, net: KNet, ds: DataSet, K: number, p: number): number | undefined {
  if (ev.exactDimension === undefined) return undefined;
  const reps = residualGroups(net, ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! }))));
  require(reps !== null, 'a hidden pre-activation is exactly 0 on the data: no Jacobian');
  const rank = jacobianRankModP(net, reps.map((s) => s.x), p, 'on the data');
  require(rank === reps.length * ds.Q, `the ${reps.length} distinct residual functions do not form a submersion (rank ${rank} mod ${p} < ${reps.length * ds.Q})`);
  require(ev.exactDimension === K - rank, `exactDimension ${ev.exactDimension} ≠ K − rank = ${K - rank}`);
  return ev.exactDimension;
}

/** d/dt at t = 1 of that rescaling: the unit's weights and bias, minus its outgoing weights, 0 elsewhere (exported for its test). */
export function rescalingTangent(net: KNet, layer: number, unit: number): Rational[] {
  const layers = [...net.hidden, net.output].map((l, idx) => ({
    W: l.W.data.map((v, k) => (idx === layer - 1 && Math.floor(k / l.W.cols) === unit ? v : idx === layer && k % l.W.cols === unit ? v.neg() : Rational.ZERO)),
    b: l.b.map((v, i) => (idx === layer - 1 && i === unit ? v : Rational.ZERO)),
  }));
  return layers.flatMap((l) => [...l.W, ...l.b]);
}

function checkSpread(ev: Extract<Evidence, { kind: 'curation-spread' | 'curation-spread-increase' }>, { net, ds, grouped, ms }: OnData): string {
  requireCostZero(ms, ': D3 concerns the constructed global minimizer');
  const { spreads, truncatedAt } = curation(net, ds, grouped);
  const claimed = listAt(ev.spreads, 'certificate.evidence.spreads').map((r, j) => parseVector(r, `spreads[${j}]`));
  require(claimed.length === spreads.length && claimed.every((r, j) => r.length === spreads[j]!.length && r.every((v, l) => v.eq(spreads[j]![l]!))), 'the spreads differ from the recomputed ones');
  if (ev.kind === 'curation-spread-increase') {
    const s = spreads[ev.classIndex]?.[ev.layer];
    require(s !== undefined && ev.layer >= 1, 'no such class or layer');
    require(s.gt(spreads[ev.classIndex]![ev.layer - 1]!), 'the spread does not increase there');
    return `the spread of class ${ev.classIndex + 1} increases at layer ${ev.layer}: D3 fails`;
  }
  // The truncation layer of a class is where all its points first land in the backward cone.
  require(Array.isArray(ev.truncatedAt) && ev.truncatedAt.length === ds.Q, 'truncatedAt needs one entry per class');
  truncatedAt.forEach((first, j) =>
    require((ev.truncatedAt[j] ?? null) === first, `class ${j + 1} is truncated at layer ${first ?? 'none'}, the certificate says ${ev.truncatedAt[j]}`),
  );
  spreads.forEach((row, j) => {
    for (let l = 1; l < row.length; l++) require(row[l]!.le(row[l - 1]!), `the spread of class ${j + 1} increases at layer ${l}`);
    const t = ev.truncatedAt[j];
    if (t !== null && t !== undefined) for (let l = t; l < row.length; l++) require(row[l]!.isZero(), `class ${j + 1} is not collapsed after layer ${t}`);
  });
  return 'within-class spreads never increase, and vanish after each truncated class\'s layer';
}

function checkRepresentation(ev: Extract<Evidence, { kind: 'representation-identity' | 'representation-counterexample' }>, { net, ds, grouped }: OnData): string {
  if (ev.kind === 'representation-counterexample') {
    const { x, cls } = dataPoint(ev.point, ds, 'point');
    const [j, i] = ev.point;
    // The point as a one-point pattern group (its pattern from the exact forward pass, its moments), read by the general path.
    const c = compactOf(ds).classes[j]!;
    const g = { mask: Uint8Array.from(forward(net, x).pre.flat(), (v) => (v.sign() > 0 ? 1 : 0)), parts: [{ cls, moments: momentsOf(integerMoments(c, ds.M, [i]), c.den) }] };
    require(!curationByInverses(net, ds, { groups: [g], maps: grouped.maps }).representationHolds, 'the two sides agree at the given point');
    return `at data point (${j + 1}, ${i + 1}) the network differs from its truncation representation`;
  }
  require(curation(net, ds, grouped).representationHolds, 'the network differs from its truncation representation on the data');
  return 'on every data point, the network equals W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1)';
}
