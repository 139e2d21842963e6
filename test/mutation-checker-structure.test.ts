/**
 * The trusted checker's structural bindings (structure.ts: which classes a layer collapses,
 * width M, strict affine region) and the evidence of S1, S2, D1 overlaps, D3 and R1, each
 * rejection with its reason. Hand-built networks on clusters-q2 carry a descent that moves only
 * the output bias, its coefficient computed by the independent oracle, so that the evidence
 * holds and only the binding can refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import { makeCertificate } from '../src/certificates/build.ts';
import type { Certificate, Evidence } from '../src/certificates/format.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { INVERTIBILITY_PRIME, checkerData, curation, projectorData, requireS1Network, sameJson, truncationCuration, truncationLayers } from '../src/certificates/structure.ts';
import { MAX_PRIME, isPrime } from '../src/certificates/kernel.ts';
import { classBoxes, groupedMoments } from '../src/certificates/groups.ts';
import { compactOf } from '../src/data/compact.ts';
import { makeData } from './support/data.ts';
import { Matrix as CheckerMatrix } from '../src/certificates/linalg.ts';
import type { KNet } from '../src/certificates/kernel.ts';
import type { GroupedMoments } from '../src/certificates/groups.ts';
import { clone, costSeries, flatten, forward, parseNet, r, samplesOf, unflatten } from './oracles/certificate-oracle.ts';

type LayerStatus = 'active' | 'collapsed' | 'mixed';

const ds = loadExample('clusters-q2');
const rep = verify(ds);
const ov = loadExample('overlap-q2');
const repOv = verify(ov, { skipD2: true });
function certOf(claim: string, on = rep): Certificate {
  const c = on.claims.find((x) => x.certificate?.claim === claim);
  if (!c?.certificate) throw new Error(`no certificate ${claim}`);
  return clone(c.certificate);
}
const reasonOf = (c: Certificate, on: DataSet = ds): string => {
  const res = checkCertificate(c, on);
  return res.ok ? `ACCEPTED: ${res.statement}` : res.reason;
};
const withEvidence = (c: Certificate, patch: Record<string, unknown>): Certificate => ({ ...c, evidence: { ...c.evidence, ...patch } as Evidence });
const q = (rows: (number | string)[][]) => Matrix.fromRows(rows.map((row) => row.map((v) => r(v))));
const v = (xs: (number | string)[]) => xs.map((x) => r(x));
const asChecker = (m: Matrix) => new CheckerMatrix(m.rows, m.cols, m.data);

/** A certificate for `net` under `claim`/`context`, backed by a descent moving only the output bias (oracle coefficient). */
function descentCert(net: Network, claim: string, context: Record<string, unknown>): Certificate {
  const probe = makeCertificate({ claim, verdict: 'refuted', statement: 'x', ds, net, ms: msExact(net, ds), evidence: { kind: 'cost-zero' } as Evidence, context });
  const onet = parseNet(probe.network, net.hidden.length, ds.M, ds.Q);
  const sumR = samplesOf(ds).reduce((s, smp) => forward(onet, smp.x).out.map((o, i) => s[i]!.add(o.sub(smp.y[i]!))), [Rational.ZERO, Rational.ZERO]);
  const K = flatten(onet).length;
  const d = new Array<Rational>(K).fill(Rational.ZERO);
  d[K - 2] = sumR[0]!.neg();
  d[K - 1] = sumR[1]!.neg();
  // One-sided series: the same as the two-sided one away from a kink; a direction moving only the output is smooth anyway.
  const series = costSeries(onet, unflatten(d, onet), samplesOf(ds), true)!;
  expect(series[1].sign()).toBeLessThan(0);
  return { ...probe, evidence: { kind: 'descent', order: 1, direction: d.map(String), coefficient: series[1].toString() } as Evidence };
}
const zeroOut = { W: Matrix.zeros(2, 2), b: v([0, 0]) };
// Class a has x₁ ≈ 2, class b x₁ ≈ 1/2 (clusters-q2).
const collapsesA: Network['hidden'][number] = { W: q([[-1, 0], [-1, 0]]), b: v([1, '6/5']) };
const mixed: Network['hidden'][number] = { W: q([[1, 0], [0, 0]]), b: v([-2, 1]) };
const active: Network['hidden'][number] = { W: q([[1, 0], [0, 1]]), b: v([1, 1]) };

describe('truncationLayers against a per-class reference', () => {
  // Pattern groups with random masks; a part may have count 0 (then it says nothing about its class).
  const cases = fc
    .record({ widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), Q: fc.integer({ min: 1, max: 3 }) })
    .chain(({ widths, Q }) => {
      const D = widths.reduce((a, b) => a + b, 0);
      const part = fc.record({ cls: fc.integer({ min: 0, max: Q - 1 }), count: fc.integer({ min: 0, max: 2 }) });
      const group = fc.record({ mask: fc.array(fc.constantFrom(0, 1), { minLength: D, maxLength: D }), parts: fc.array(part, { maxLength: 3 }) });
      return fc.tuple(fc.constant(widths), fc.constant(Q), fc.array(group, { maxLength: 5 }));
    });
  const moments = (count: number) => ({ count, den: 1n, gram: [BigInt(count)] });

  it('a layer is active for a class iff every unit is on at every point, collapsed iff every one is off; the first collapsed one after active ones', () => {
    fc.assert(
      fc.property(cases, ([widths, Q, gs]) => {
        const grouped: GroupedMoments = { groups: gs.map((g) => ({ mask: Uint8Array.from(g.mask), parts: g.parts.map((p) => ({ cls: p.cls, moments: moments(p.count) })) })), someZero: false, exactPoints: 0, pointsClassified: 0, maps: () => { throw new Error('truncationLayers reads only masks and counts'); } };
        const want = Array.from({ length: Q }, (_, j) =>
          widths.map((w, l): LayerStatus => {
            const at = widths.slice(0, l).reduce((a, b) => a + b, 0);
            const units = gs.filter((g) => g.parts.some((p) => p.cls === j && p.count > 0)).flatMap((g) => g.mask.slice(at, at + w));
            if (units.length === 0) return 'mixed';
            return units.every((u) => u === 1) ? 'active' : units.every((u) => u === 0) ? 'collapsed' : 'mixed';
          }),
        );
        // The truncation layer: the first collapsed layer after only active ones; a mixed one before it is refused.
        const t = want.map((row) => {
          const c = row.indexOf('collapsed');
          return (c < 0 ? row : row.slice(0, c)).every((x) => x === 'active') ? (c < 0 ? null : c + 1) : 'refused';
        });
        if (t.includes('refused')) expect(() => truncationLayers(grouped, Q, widths)).toThrow(/^class \d+ is neither kept strictly in the identity region nor collapsed by a layer it reaches intact$/);
        else expect(truncationLayers(grouped, Q, widths)).toEqual(t);
      }),
      { seed: 17_004, numRuns: 300 },
    );
  });
});

describe('D2 and S3 bindings on hand-built networks (structure.ts)', () => {
  const D2 = (subset: number[]) => ({ subset, sense: 'all-parameters' });
  it('which classes a layer collapses is read from the network on the data', () => {
    expect(reasonOf(descentCert({ hidden: [collapsesA], output: zeroOut }, 'D2', D2([])))).toBe('the network collapses the classes {1}, not J = {}');
    expect(reasonOf(descentCert({ hidden: [collapsesA], output: zeroOut }, 'D2', D2([1])))).toBe('the output layer is not the least-squares fit on the curated data');
    expect(reasonOf(descentCert({ hidden: [active], output: zeroOut }, 'D2', D2([1])))).toBe('the network collapses the classes {}, not J = {1}');
    expect(reasonOf(descentCert({ hidden: [active, collapsesA], output: zeroOut }, 'D2', D2([])))).toBe('the network collapses the classes {1, 2}, not J = {}');
    expect(reasonOf(descentCert({ hidden: [active, active], output: zeroOut }, 'D2', D2([1])))).toBe('the network collapses the classes {}, not J = {1}');
  });
  it('a class neither kept active nor collapsed (by a layer it reaches intact) is refused', () => {
    expect(reasonOf(descentCert({ hidden: [mixed], output: zeroOut }, 'D2', D2([])))).toBe('class 1 is neither kept strictly in the identity region nor collapsed by a layer it reaches intact');
    // Class a collapsed at layer 1 then, as the point 0, class b mixed at layer 2? Layer 2 mixes class b only.
    const secondMixesB: Network['hidden'][number] = { W: q([[0, 1], [0, 0]]), b: v(['-3/2', 1]) };
    expect(reasonOf(descentCert({ hidden: [active, secondMixesB], output: zeroOut }, 'D2', D2([])))).toMatch(/^class [12] is neither kept strictly in the identity region nor collapsed by a layer it reaches intact$/);
  });
  it('width M is required of D2 and S3 networks; S3 needs one hidden layer strictly in its affine region', () => {
    const wide: Network = { hidden: [{ W: q([[1, 0], [0, 1], [1, 1]]), b: v([1, 1, 1]) }], output: { W: Matrix.zeros(2, 3), b: v([0, 0]) } };
    expect(reasonOf(descentCert(wide, 'D2', D2([])))).toBe('D2 concerns networks whose hidden layers have width M = 2');
    expect(reasonOf(descentCert(wide, 'S3', { bias: 'free' }))).toBe('S3 concerns networks whose hidden layers have width M = 2');
    // Every hidden layer, not only one: width M then width 3.
    const thenWide: Network = { hidden: [active, { W: q([[1, 0], [0, 1], [1, 1]]), b: v([1, 1, 1]) }], output: { W: Matrix.zeros(2, 3), b: v([0, 0]) } };
    expect(reasonOf(descentCert(thenWide, 'D2', D2([])))).toBe('D2 concerns networks whose hidden layers have width M = 2');
    expect(reasonOf(descentCert({ hidden: [collapsesA], output: zeroOut }, 'S3', { bias: 'free' }))).toBe('the S3 network lies strictly in its affine region: some hidden pre-activation is ≤ 0 on the data');
    expect(reasonOf(descentCert({ hidden: [{ W: Matrix.zeros(2, 2), b: v([0, 0]) }], output: zeroOut }, 'S3', { bias: 'free' }))).toBe('the S3 network lies strictly in its affine region: some hidden pre-activation is ≤ 0 on the data');
    expect(reasonOf(descentCert({ hidden: [mixed], output: zeroOut }, 'S3', { bias: 'free' }))).toBe('class 1 is neither kept strictly in the identity region nor collapsed by a layer it reaches intact');
    // Strictly active, but the zero map is not the affine fit.
    expect(reasonOf(descentCert({ hidden: [active], output: zeroOut }, 'S3', { bias: 'free' }))).toBe("the network's map is not the affine least-squares fit of the targets (the normal equations fail)");
    // W₂ = 0, b₂ = 0 is tied (b₂ = −W₂b₁) but not the linear fit; b₂ ≠ 0 with W₂ = 0 is not tied.
    expect(reasonOf(descentCert({ hidden: [active], output: zeroOut }, 'S3', { bias: 'tied' }))).toBe("the network's map is not the linear least-squares fit of the targets (the normal equations fail)");
    expect(reasonOf(descentCert({ hidden: [active], output: { W: Matrix.zeros(2, 2), b: v([0, 1]) } }, 'S3', { bias: 'tied' }))).toBe('the tied reading needs b₂ = −W₂b₁');
  });
});

describe('S1 and S2 evidence', () => {
  const S1 = () => certOf('S1');
  const S2 = () => certOf('S2');
  it('S1: identity region, ms = U², the δ_P point and the Rayleigh vector', () => {
    expect(checkCertificate(S1(), ds).ok).toBe(true);
    const neg = S1();
    (neg.network!.hidden[0]!.b as string[])[0] = '-100';
    expect(reasonOf({ ...neg, ms: undefined })).toBe('a hidden pre-activation is negative on the data');
    const off = S1();
    (off.network!.output.b as string[])[0] = r(off.network!.output.b[0]!).add(Rational.of(1n, 10n)).toString();
    expect(reasonOf({ ...off, ms: undefined })).toMatch(/^ms = \d+\/\d+ differs from U² = \d+\/\d+$/);
    for (const deltaPPoint of [[0, 3], [2, 0], [-1, 0], [0, -1], [0, 0.5], 'x', [0]]) expect(reasonOf(withEvidence(S1(), { deltaPPoint }))).toBe('deltaPPoint: no such data point');
    for (const rayleighVector of [['0', '0'], ['1'], ['1', '0', '0']]) expect(reasonOf(withEvidence(S1(), { rayleighVector }))).toBe('the Rayleigh vector must be a nonzero M-vector');
    // The bound with δ_P² from every point is at least the one from any listed point.
    const all = withEvidence(S1(), { deltaPPoint: undefined });
    expect(checkCertificate(all, ds).ok).toBe(true);
    let accepted = 0;
    for (const j of [0, 1]) for (const i of [0, 1, 2]) if (checkCertificate(withEvidence(S1(), { deltaPPoint: [j, i] }), ds).ok) accepted++;
    expect(accepted).toBeGreaterThan(0);
    const rejected = [0, 1].flatMap((j) => [0, 1, 2].map((i) => reasonOf(withEvidence(S1(), { deltaPPoint: [j, i] })))).filter((x) => !x.startsWith('ACCEPTED'));
    for (const x of rejected) expect(x).toMatch(/^U² = \d+\/\d+ exceeds λ·δ_P² = \d+\/\d+ for the given λ ≤ ‖YX̄⁺‖²$/);
    // A Rayleigh vector orthogonal to the row space of YX̄⁺ gives λ = 0.
    const bad = reasonOf(withEvidence(S1(), { rayleighVector: ['1', '0'] }));
    const bad2 = reasonOf(withEvidence(S1(), { rayleighVector: ['0', '1'] }));
    expect([bad, bad2].some((x) => x.startsWith('ACCEPTED'))).toBe(true);
  });
  it('S1 and S2 bind the network to the S1 construction', () => {
    const s3 = certOf('S3');
    expect(reasonOf({ ...S2(), network: s3.network, ms: undefined }).length).toBeGreaterThan(0);
    const res = checkCertificate({ ...S2(), network: s3.network, ms: undefined }, ds);
    expect(res.ok).toBe(false);
    const twoLayers = certOf('D1');
    expect(checkCertificate({ ...S2(), network: twoLayers.network, shape: twoLayers.shape, ms: undefined }, ds).ok).toBe(false);
  });
  it('S1 and S2 refuse, with the reason, a network computing the S1 function but not in the S1 form', () => {
    type Json = { hidden: { W: string[][]; b: string[] }[]; output: { W: string[][]; b: string[] } };
    const tampered = (cert: Certificate, f: (n: Json) => void): Certificate => {
      const c = clone(cert);
      f(c.network as unknown as Json);
      return { ...c, ms: undefined };
    };
    const map = (rows: string[][], g: (x: Rational) => Rational) => rows.map((row) => row.map((x) => g(r(x)).toString()));
    const hiddenForm = 'the hidden layer is not W₁ = RP (R orthogonal), b₁ = β·1 of the S1 network';
    const oneLayer = 'the S1 network has one hidden layer of width M';
    for (const base of [S1(), S2()]) {
      // Another orthogonal R (a permutation) is still the S1 network.
      expect(reasonOf(tampered(base, (n) => {
        n.hidden[0]!.W = [['0', '1'], ['1', '0']];
        n.output.W = n.output.W.map((row) => [row[1]!, row[0]!]);
      }))).toMatch(/^ACCEPTED/);
      // b₁ = (0, 1), not β·1; b₂ compensates, so the function on the identity region is the same.
      expect(reasonOf(tampered(base, (n) => {
        n.hidden[0]!.b = ['0', '1'];
        n.output.b = n.output.W.map((row, i) => r(n.output.b[i]!).sub(r(row[1]!)).toString());
      }))).toBe(hiddenForm);
      // W₁ = 2P (W₁ᵀW₁ = 4P), W₂ halved: the same function, not an orthogonal R.
      expect(reasonOf(tampered(base, (n) => {
        n.hidden[0]!.W = map(n.hidden[0]!.W, (x) => x.mul(Rational.int(2)));
        n.hidden[0]!.b = n.hidden[0]!.b.map((x) => r(x).mul(Rational.int(2)).toString());
        n.output.W = map(n.output.W, (x) => x.div(Rational.int(2)));
      }))).toBe(hiddenForm);
      // A second, identity hidden layer; a third hidden unit the output ignores: the same function, not width M in one layer.
      expect(reasonOf({ ...tampered(base, (n) => n.hidden.push({ W: [['1', '0'], ['0', '1']], b: ['0', '0'] })), shape: { ...base.shape, L: 2 } })).toBe(oneLayer);
      expect(reasonOf(tampered(base, (n) => {
        n.hidden[0]!.W.push(['1', '1']);
        n.hidden[0]!.b.push(n.hidden[0]!.b[0]!);
        n.output.W = n.output.W.map((row) => [...row, '0']);
      }))).toBe(oneLayer);
    }
    // S2 evidence at one input x₀ (not a class mean: f(x₀) ≠ y): an output layer equal to the S1 one at x₀ only.
    // W₂ + e₁vᵀ with v ⊥ x₀, and b₂ − 2(f(x₀) − y) (the residual at x₀ reflected: same norm): both are refused by
    // the binding, not by the evidence.
    const ev = S2().evidence as Extract<Evidence, { kind: 'metric-identity' }>;
    const s2net = parseNet(S2().network, 1, ds.M, ds.Q);
    const residualAt = (k: number) => forward(s2net, ev.inputs[k]!.x.map(r)).out.map((o, i) => o.sub(ds.targets[ev.inputs[k]!.class]![i]!));
    const k = ev.inputs.findIndex((_, i) => residualAt(i).some((x) => !x.isZero()));
    expect(k).toBeGreaterThanOrEqual(0);
    const one = (c: Certificate): Certificate => ({ ...c, evidence: { ...ev, inputs: [ev.inputs[k]!] } as Evidence });
    expect(reasonOf(one(S2()))).toMatch(/^ACCEPTED/);
    const [a, b] = ev.inputs[k]!.x.map(r) as [Rational, Rational];
    const outputForm = 'the output layer is not W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁ of the S1 network';
    expect(reasonOf(one(tampered(S2(), (n) => (n.output.W[0] = [r(n.output.W[0]![0]!).add(b).toString(), r(n.output.W[0]![1]!).sub(a).toString()]))))).toBe(outputForm);
    const residual = residualAt(k);
    expect(reasonOf(one(tampered(S2(), (n) => (n.output.b = n.output.b.map((x, i) => r(x).sub(residual[i]!.mul(Rational.int(2))).toString())))))).toBe(outputForm);
    // The same shift at every listed input is caught by the evidence already.
    expect(reasonOf(tampered(S2(), (n) => (n.output.b = n.output.b.map((x, i) => r(x).sub(residual[i]!.mul(Rational.int(2))).toString()))))).toMatch(/^inputs\[\d+\]: \|f\(x\) − y_j\|² ≠ \|YX̄⁺P\(x − x̄_j\)\|²$/);
  });
  it('S2: the inputs must be in the identity region, of length M, with a class in range', () => {
    const ev = S2().evidence as Extract<Evidence, { kind: 'metric-identity' }>;
    expect(reasonOf(withEvidence(S2(), { inputs: [] }))).toBe('no test inputs');
    expect(reasonOf(withEvidence(S2(), { inputs: [{ ...ev.inputs[0], x: ['1'] }] }))).toBe('inputs[0] has the wrong length');
    expect(reasonOf(withEvidence(S2(), { inputs: [ev.inputs[0], { ...ev.inputs[0], x: ['-1000', '-1000'] }] }))).toBe('inputs[1] is not in the identity region');
    for (const cls of [2, -1, 0.5]) expect(reasonOf(withEvidence(S2(), { inputs: [{ ...ev.inputs[0], class: cls }] }))).toBe(`class index ${cls} out of range`);
    expect(reasonOf({ ...S2(), verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ['1'], class: 0 } as Evidence })).toBe('x has the wrong length');
    expect(reasonOf({ ...S2(), verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ['-1000', '-1000'], class: 0 } as Evidence })).toBe('the given input is not in the identity region, where S2 makes no claim');
    expect(reasonOf({ ...S2(), verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ev.inputs[0]!.x, class: ev.inputs[0]!.class } as Evidence })).toBe('the identity holds at the given input');
    expect(reasonOf({ ...S2(), verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ev.inputs[0]!.x, class: 7 } as Evidence })).toBe('class index 7 out of range');
  });
});

describe('convex overlap, spreads and the representation', () => {
  const D1ov = () => certOf('D1', repOv);
  type Overlap = Extract<Evidence, { kind: 'convex-overlap' }>;
  it('convex overlap: class indices, one nonnegative weight per point summing to 1, equal combinations', () => {
    const ev = D1ov().evidence as Overlap;
    const res = checkCertificate(D1ov(), ov);
    expect(res).toMatchObject({ ok: true, statement: `Classes ${ev.classes[0] + 1} and ${ev.classes[1] + 1} have a common point in their convex hulls, so no hyperplane separates them and no class order meets the D1 hypothesis.` });
    expect(res.ok && res.summary).toBe(`classes ${ev.classes[0] + 1} and ${ev.classes[1] + 1} have a common point in their convex hulls: no hyperplane separates them`);
    for (const classes of [[0, 0], [1, 1], [0, 2], [-1, 0], [0.5, 1], [2, 0]]) expect(reasonOf(withEvidence(D1ov(), { classes }), ov)).toBe('bad class indices');
    const w0 = ev.weights[0];
    expect(reasonOf(withEvidence(D1ov(), { weights: [w0.slice(1), ev.weights[1]] }), ov)).toBe(`weights[0]: one weight per point of class ${ev.classes[0] + 1} expected`);
    expect(reasonOf(withEvidence(D1ov(), { weights: [ev.weights[0], [...ev.weights[1], '0']] }), ov)).toBe(`weights[1]: one weight per point of class ${ev.classes[1] + 1} expected`);
    const shifted = w0.map((x, i) => (i === 0 ? r(x).sub(Rational.ONE).toString() : i === 1 ? r(x).add(Rational.ONE).toString() : x));
    expect(reasonOf(withEvidence(D1ov(), { weights: [shifted, ev.weights[1]] }), ov)).toBe('weights[0]: negative weight');
    expect(reasonOf(withEvidence(D1ov(), { weights: [w0.map((x, i) => (i === 0 ? r(x).add(Rational.of(1n, 10n)).toString() : x)), ev.weights[1]] }), ov)).toBe('weights[0]: weights do not sum to 1');
    // Another convex combination of class a: a valid weight vector, but another point.
    const other = w0.map((_, i) => (i === 0 ? '1' : '0'));
    const otherB = ev.weights[1].map((_, i) => (i === 0 ? '1' : '0'));
    const swapped = reasonOf(withEvidence(D1ov(), { weights: [other, otherB] }), ov);
    expect(swapped).toBe('the two convex combinations differ');
  });
  it('D3: the spreads and truncation layers are recomputed and named', () => {
    const d3 = () => certOf('D3');
    type Spread = Extract<Evidence, { kind: 'curation-spread' }>;
    const ev = d3().evidence as Spread;
    expect(checkCertificate(d3(), ds).ok).toBe(true);
    expect(reasonOf(withEvidence(d3(), { spreads: ev.spreads.slice(1) }))).toBe('the spreads differ from the recomputed ones');
    expect(reasonOf(withEvidence(d3(), { spreads: ev.spreads.map((row) => row.slice(1)) }))).toBe('the spreads differ from the recomputed ones');
    expect(reasonOf(withEvidence(d3(), { spreads: ev.spreads.map((row, j) => (j === 1 ? row.map((x, l) => (l === 0 ? r(x).add(Rational.ONE).toString() : x)) : row)) }))).toBe('the spreads differ from the recomputed ones');
    expect(reasonOf(withEvidence(d3(), { truncatedAt: ev.truncatedAt.slice(1) }))).toBe('truncatedAt needs one entry per class');
    expect(reasonOf(withEvidence(d3(), { truncatedAt: 'x' }))).toBe('truncatedAt needs one entry per class');
    const t = ev.truncatedAt;
    const j = t.findIndex((x) => x !== null);
    expect(j).toBeGreaterThanOrEqual(0);
    const moved = t.map((x, k) => (k === j ? (x as number) + 1 : x));
    expect(reasonOf(withEvidence(d3(), { truncatedAt: moved }))).toBe(`class ${j + 1} is truncated at layer ${t[j]}, the certificate says ${t[j]! + 1}`);
    const none = t.map((x, k) => (k === j ? null : x));
    expect(reasonOf(withEvidence(d3(), { truncatedAt: none }))).toBe(`class ${j + 1} is truncated at layer ${t[j]}, the certificate says null`);
    // A spread that does not increase where the refutation says it does.
    const inc = { ...d3(), verdict: 'refuted' as const, evidence: { kind: 'curation-spread-increase', spreads: ev.spreads, classIndex: 0, layer: 1 } as Evidence };
    expect(reasonOf(inc)).toBe('the spread does not increase there');
    for (const [classIndex, layer] of [[0, 0], [5, 1], [0, 9], [-1, 1]])
      expect(reasonOf({ ...inc, evidence: { ...inc.evidence, classIndex, layer } as Evidence })).toBe('no such class or layer');
  });
  it('R1: a claimed counterexample where both sides agree, or at no data point, is refused', () => {
    const r1 = certOf('R1');
    expect(checkCertificate(r1, ds).ok).toBe(true);
    const cx = (point: unknown) => ({ ...r1, verdict: 'refuted' as const, evidence: { kind: 'representation-counterexample', point } as Evidence });
    expect(reasonOf(cx([0, 0]))).toBe('the two sides agree at the given point');
    expect(reasonOf(cx([1, 2]))).toBe('the two sides agree at the given point');
    for (const point of [[0, 3], [2, 0], [0, -1], [0, 0.5]]) expect(reasonOf(cx(point))).toBe('point: no such data point');
    // A network whose τ-chain does not follow its activation pattern: the representation claim cannot be read.
    const d1 = certOf('D1');
    const W = d1.network!.output.W as string[][];
    W[0]![0] = r(W[0]![0]!).add(Rational.ONE).toString();
    const res = checkCertificate({ ...r1, network: d1.network, ms: undefined }, ds);
    expect(res.ok === false || res.statement.startsWith('On every data point')).toBe(true);
  });
});

describe('requireS1Network without the M × M projector (M = 3 > Q = 2)', () => {
  // Class means (1, 0, 1) and (0, 1, 1): P projects onto their span, a plane of R³.
  const data: DataSet = {
    name: 'plane',
    M: 3,
    Q: 2,
    N: 4,
    classes: [
      { label: 'a', points: [v([1, 0, 0]), v([1, 0, 2])] },
      { label: 'b', points: [v([0, 1, 2]), v([0, 1, 0])] },
    ],
    targets: [v([1, 0]), v([0, 1])],
    source: { kind: 'example', name: 'plane', sha256: '0' },
  };
  const Xbar = q([[1, 0], [0, 1], [1, 1]]);
  const P = Xbar.mul(Xbar.transpose().mul(Xbar).inverse()).mul(Xbar.transpose());
  const Y = Matrix.identity(2);
  const Xpinv = Xbar.transpose().mul(Xbar).inverse().mul(Xbar.transpose());
  /** The S1 network for hidden weights W₁ and b₁ = β·1 (output W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁). */
  const s1 = (W1: Matrix, beta: Rational): KNet => {
    const W2 = Y.mul(Xpinv).mul(W1.transpose());
    const b1 = v([0, 0, 0]).map(() => beta);
    return { hidden: [{ W: asChecker(W1), b: b1 }], output: { W: asChecker(W2), b: W2.mulVec(b1).map((x) => x.neg()) } };
  };
  const hiddenForm = 'the hidden layer is not W₁ = RP (R orthogonal), b₁ = β·1 of the S1 network';
  const outcome = (net: KNet): string => {
    try {
      requireS1Network(net, projectorData(data));
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('accepts W₁ = RP for orthogonal R, and rejects every W₁ with W₁ᵀW₁ ≠ P', () => {
    const swap = q([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
    const reflect = q([[1, 0, 0], [0, 1, 0], [0, 0, -1]]);
    for (const R of [Matrix.identity(3), swap, reflect, swap.mul(reflect)]) {
      const W1 = R.mul(P);
      expect(W1.transpose().mul(W1).eq(P)).toBe(true);
      expect(outcome(s1(W1, r(2)))).toBe('accepted');
    }
    // Rows outside span{x̄_j} (an isometry on the span, but W₁ ≠ W₁P), a scaled P, and a rank-deficient W₁.
    const outside = P.add(q([[1, 1, -1], [0, 0, 0], [0, 0, 0]]));
    for (const W1 of [outside, P.mul(Matrix.fromRows([[r(2), r(0), r(0)], [r(0), r(2), r(0)], [r(0), r(0), r(2)]])), q([[1, 0, 0], [0, 0, 0], [0, 0, 0]])]) {
      expect(W1.transpose().mul(W1).eq(P)).toBe(false);
      expect(outcome(s1(W1, r(2)))).toBe(hiddenForm);
    }
    // The output layer must be YX̄⁺W₁ᵀ with b₂ = −W₂b₁.
    const good = s1(P, r(1));
    expect(outcome({ ...good, output: { ...good.output, b: good.output.b.map((x) => x.add(r(1))) } })).toBe('the output layer is not W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁ of the S1 network');
  });
});

describe('projector data, the per-data-set context and JSON equality', () => {
  it('projector data needs every class to have points and the class means to have rank Q, and says which', () => {
    const boxes = classBoxes(compactOf(ds));
    expect(() => projectorData(ds, [boxes[0], undefined])).toThrow(/^class 2 has no points: no mean$/);
    // Means (1, 1) and (2, 2): rank 1 < Q = 2 (without the check, the inverse would fail with another message).
    expect(() => projectorData(makeData('collinear-means', [[[1, 1]], [[2, 2]]]))).toThrow(/^the class means have rank < Q: X̄⁺ is not defined$/);
  });

  it('the per-data-set context builds the class boxes and the projector once, on first use', () => {
    const data = checkerData(ds);
    const boxes = data.boxes();
    expect(boxes).toHaveLength(ds.Q);
    expect(boxes.every((b) => b !== undefined)).toBe(true);
    expect(data.boxes()).toBe(boxes);
    expect(data.projector()).toBe(data.projector());
  });

  it('sameJson: equal JSON values entry by entry, nothing else', () => {
    expect(sameJson({ a: [1, '2', { b: null }] }, { a: [1, '2', { b: null }] })).toBe(true);
    const different: [unknown, unknown][] = [[{}, 5], [5, {}], [[1], { 0: 1 }], [null, {}], [{}, null], [{ a: 1 }, { b: 1 }], [{ a: 1, b: 2 }, { a: 1 }], [{ a: undefined }, { b: undefined }], ['1', 1], [[1, 2], [2, 1]]];
    for (const [a, b] of different) expect(sameJson(a, b), JSON.stringify([a, b])).toBe(false);
  });


  it('invertibility is shown modulo the largest prime below 2^26; a layer whose denominators it divides is not taken as invertible', () => {
    const P = INVERTIBILITY_PRIME;
    expect(isPrime(P) && P < MAX_PRIME).toBe(true);
    for (let p = P + 1; p < MAX_PRIME; p++) expect(isPrime(p)).toBe(false);
    // W = [[1/P, 1/P], [1, 1]] is singular, and its residues mod P are undefined: the closed form must not apply
    // (class 1 active, class 2 collapsed by the layer, as it needs), and the general path finds W singular.
    const net: KNet = { hidden: [{ W: new CheckerMatrix(2, 2, [Rational.of(1n, BigInt(P)), Rational.of(1n, BigInt(P)), r(1), r(1)]), b: v([0, 0]) }], output: { W: new CheckerMatrix(2, 2, v([1, 0, 0, 1])), b: v([0, 0]) } };
    const data = makeData('p-denominator', [[[1, 2], [3, 1]], [[-1, -2], [-3, -1]]]);
    const grouped = groupedMoments(net, data);
    expect(truncationCuration(net, data, grouped)).toBeUndefined();
    expect(() => curation(net, data, grouped)).toThrow(/^singular matrix$/);
    // A narrower layer (1 × 2, full row rank) is not an M × M layer: the closed form does not apply to it either.
    const narrow: KNet = { hidden: [{ W: new CheckerMatrix(1, 2, v([1, 1])), b: v([0]) }], output: { W: new CheckerMatrix(2, 1, v([1, 0])), b: v([0, 0]) } };
    expect(truncationCuration(narrow, data, groupedMoments(narrow, data))).toBeUndefined();
  });

});
