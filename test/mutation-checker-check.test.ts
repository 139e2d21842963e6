/**
 * check.ts's own decisions, each hit on its own: the rescaling tangent against an independent
 * construction (random networks, fixed seed), D3's monotonicity on hand-built cost-0 networks
 * (an oblique ReLU cut makes a class spread grow), descents that must (or need not) leave the
 * hidden layers alone and the one-sided series at a kink, and the summary of every accepted
 * evidence kind. Truths a test relies on (costs, series, whether a statement holds) come from
 * the independent oracle (test/oracles/certificate-oracle.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import { makeCertificate } from '../src/certificates/build.ts';
import type { Certificate, Evidence, NetworkJson } from '../src/certificates/format.ts';
import { checkCertificate, rescalingTangent } from '../src/certificates/check.ts';
import { parseNetwork } from '../src/certificates/kernel.ts';
import { groupedMoments } from '../src/certificates/groups.ts';
import { checkerData, curation, sameJson } from '../src/certificates/structure.ts';
import { Z, costSeries, flatten, jetForward, oracle, parseNet, r, samplesOf, unflatten } from './oracles/certificate-oracle.ts';
import { certificateOf } from './support/certificates.ts';

const SEED = 17_005;
const ds = loadExample('clusters-q2');
const rep = verify(ds);
const certOf = (claim: string, context?: Record<string, unknown>): Certificate => certificateOf(rep, claim, context);
const reasonOf = (c: Certificate): string => {
  const res = checkCertificate(c, ds);
  return res.ok ? `ACCEPTED: ${res.summary}` : res.reason;
};
const summaryOf = (c: Certificate): string => {
  const res = checkCertificate(c, ds);
  if (!res.ok) throw new Error(res.reason);
  return res.summary;
};
const withEvidence = (c: Certificate, patch: Record<string, unknown>): Certificate => ({ ...c, evidence: { ...c.evidence, ...patch } as Evidence });
const q = (rows: (number | string)[][]) => Matrix.fromRows(rows.map((row) => row.map((v) => r(v))));
const v = (xs: (number | string)[]) => xs.map((x) => r(x));

describe('the rescaling tangent of a hidden unit', () => {
  type Json = { W: string[][]; b: string[] };
  const num = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.constantFrom(1, 2, 3)).map(([n, d]) => `${n}/${d}`);
  const layer = (rows: number, cols: number) => fc.record({ W: fc.array(fc.array(num, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }), b: fc.array(num, { minLength: rows, maxLength: rows }) });
  const nets = fc
    .record({ M: fc.integer({ min: 1, max: 3 }), widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), Q: fc.integer({ min: 1, max: 3 }) })
    .chain(({ M, widths, Q }) => {
      const dims = [M, ...widths];
      return fc.tuple(fc.constant({ M, Q, L: widths.length }), fc.tuple(...widths.map((w, l) => layer(w, dims[l]!))), layer(Q, widths.at(-1)!));
    });
  /** The tangent built by hand: the unit's row and bias, minus the next layer's column of the unit, 0 elsewhere. */
  const byHand = (net: ReturnType<typeof parseNet>, layerNo: number, unit: number): Rational[] => {
    const layers = [...net.hidden, net.output].map((l) => ({ W: l.W.map((row) => row.map(() => Z)), b: l.b.map(() => Z) }));
    const src = [...net.hidden, net.output];
    layers[layerNo - 1]!.W[unit] = [...src[layerNo - 1]!.W[unit]!];
    layers[layerNo - 1]!.b[unit] = src[layerNo - 1]!.b[unit]!;
    src[layerNo]!.W.forEach((row, i) => (layers[layerNo]!.W[i]![unit] = row[unit]!.neg()));
    return flatten({ hidden: layers.slice(0, -1), output: layers.at(-1)! });
  };
  it('is the unit\'s weights and bias, minus its outgoing weights, and leaves every output unchanged to first order', () => {
    fc.assert(
      fc.property(nets, fc.array(fc.array(num, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }), ([{ M, Q, L }, hidden, output], xs) => {
        const json = { hidden: hidden as Json[], output: output as Json } as NetworkJson;
        const net = parseNetwork(json, L, M, Q);
        const onet = parseNet(json, L, M, Q);
        for (let l = 1; l <= L; l++)
          for (let u = 0; u < net.hidden[l - 1]!.W.rows; u++) {
            const t = rescalingTangent(net, l, u);
            expect(t.map(String)).toEqual(byHand(onet, l, u).map(String));
            // σ(t z) = t σ(z): where no pre-activation is 0, the outputs' first-order change is 0.
            for (const x of xs) {
              const jets = jetForward(onet, unflatten(t, onet), v(x.slice(0, M)));
              if (jets) expect(jets.every((j) => j[1].isZero())).toBe(true);
            }
          }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

/** A cost-0 network on clusters-q2 (class 1: x₁ ≈ 2, x₂ ≈ 1/4; class 2: x₁ ≈ 1/2, x₂ ≈ 3/2): layer 1 cuts unit 2 off class 1 along `cut`, layer 2 sends class 1 to (0, c) and class 2 to (0, 0). */
function costZero(cut: Network['hidden'][number], c: string, c2: string): Network {
  const [ya, yb] = [ds.targets[0]!, ds.targets[1]!];
  const scale = r(1).div(r(c));
  const net: Network = {
    hidden: [cut, { W: q([[-1, 0], [0, -1]]), b: v([c2, c]) }],
    output: { W: Matrix.fromRows(ya.map((a, i) => [Z, a.sub(yb[i]!).mul(scale)])), b: [...yb] },
  };
  expect(msExact(net, ds).isZero()).toBe(true);
  return net;
}
/** A D3 certificate for `net` whose spreads and truncation layers are the recomputed ones (so only the monotonicity can refuse). */
function d3Of(net: Network): Certificate {
  const probe = makeCertificate({ claim: 'D3', verdict: 'verified', statement: 'x', ds, net, ms: msExact(net, ds), evidence: { kind: 'cost-zero' } as Evidence });
  const knet = parseNetwork(probe.network, 2, ds.M, ds.Q);
  const { spreads, truncatedAt } = curation(knet, ds, groupedMoments(knet, ds));
  return { ...probe, evidence: { kind: 'curation-spread', spreads: spreads.map((row) => row.map(String)), truncatedAt } as Evidence };
}

describe('D3 on hand-built cost-0 networks', () => {
  it('an orthogonal cut: spreads never increase, class 1 is never truncated, class 2 at layer 2: accepted', () => {
    const c = d3Of(costZero({ W: q([[1, 0], [0, 1]]), b: v([0, -1]) }, '1/4', '1/4'));
    expect((c.evidence as { truncatedAt: unknown }).truncatedAt).toEqual([null, 2]);
    expect(oracle(c, ds)).toBe(true);
    expect(summaryOf(c)).toBe('within-class spreads never increase, and vanish after each truncated class\'s layer');
  });
  it('an oblique cut (unit 2 = σ(−3x₁ + x₂ + 1)) moves class 1 along (0, 1) − 3·(1, 0)… and its spread grows: rejected', () => {
    const c = d3Of(costZero({ W: q([[1, 0], [-3, 1]]), b: v([0, 1]) }, '1/2', '1/4'));
    const spreads = (c.evidence as { spreads: string[][] }).spreads;
    expect(r(spreads[0]![1]!).gt(r(spreads[0]![0]!))).toBe(true);
    expect(oracle(c, ds)).toBe(false);
    expect(reasonOf(c)).toBe('the spread of class 1 increases at layer 1');
  });
});

/** A descent along `d` (given as a network-shaped Rational vector) for `net`, coefficient from the oracle's series (one-sided at a kink). */
function descent(net: Network, context: Record<string, unknown>, d: Rational[]): Certificate {
  const probe = makeCertificate({ claim: 'network', verdict: 'refuted', statement: 'x', ds, net, ms: msExact(net, ds), evidence: { kind: 'cost-zero' } as Evidence, context });
  const onet = parseNet(probe.network, net.hidden.length, ds.M, ds.Q);
  const c1 = costSeries(onet, unflatten(d, onet), samplesOf(ds), true)![1];
  expect(c1.sign()).toBeLessThan(0);
  return { ...probe, evidence: { kind: 'descent', order: 1, direction: d.map(String), coefficient: c1.toString() } as Evidence };
}

describe('descents: which layers they may move, and the one-sided series at a kink', () => {
  // Not a minimum over the output layer: the cost-0 network with its output bias moved.
  const base = costZero({ W: q([[1, 0], [0, 1]]), b: v([0, -1]) }, '1/4', '1/4');
  const off: Network = { ...base, output: { W: base.output.W, b: base.output.b.map((x) => x.add(r(1))) } };
  const K = 18;
  // Moving the output bias back lowers the cost.
  const down = (): Rational[] => Array.from({ length: K }, (_, k) => (k >= K - 2 ? r(-1) : Z));
  it('an output-layer refutation moving only the output layer is accepted', () => {
    const c = descent(off, { sense: 'output-layer' }, down());
    expect(summaryOf(c)).toMatch(/^directional derivative -\d+(\/\d+)?\/N < 0 along the given direction: not a local minimum$/);
  });
  it('…and rejected as soon as it moves a hidden weight or bias, in any hidden layer', () => {
    // Layer 1: W at 0–3, b at 4–5; layer 2: W at 6–9, b at 10–11.
    for (const at of [0, 4, 5, 6, 10, 11]) {
      const d = down();
      d[at] = r('1/1000');
      const c = descent(off, { sense: 'all-parameters' }, d);
      expect(summaryOf(c)).toMatch(/^directional derivative/);
      expect(reasonOf({ ...c, context: { sense: 'output-layer' } })).toBe('an output-layer refutation must move only the output layer');
    }
  });
  // A kink: unit 1 of layer 1 is exactly 0 at the data point (203/100, 13/50).
  const kink: Network = { ...off, hidden: [{ W: q([[1, 0], [0, 1]]), b: v(['-203/100', -1]) }, off.hidden[1]!] };
  it('at a kink, a direction that moves only the output is read on the pattern groups (no one-sided series)', () => {
    expect(summaryOf(descent(kink, { sense: 'global' }, down()))).toMatch(/^directional derivative -/);
  });
  it('at a kink, a direction moving one hidden bias (the other 0) takes the one-sided series', () => {
    for (const at of [4, 5, 10]) {
      const d = down();
      d[at] = r('1/1000');
      expect(summaryOf(descent(kink, { sense: 'global' }, d))).toMatch(/^one-sided \(t > 0\) directional derivative -/);
    }
  });
});

describe('the summary of each accepted evidence kind, and reasons named by where they are read', () => {
  it('cost 0, normal equations, S1, S2, R1', () => {
    expect(summaryOf(certOf('D1'))).toBe('ms = 0 exactly: a global minimum (ms ≥ 0)');
    expect(summaryOf(certOf('D2', { subset: [1], sense: 'output-layer' }))).toBe('the output layer satisfies its normal equations: a minimum over the output layer (convex least squares)');
    expect(summaryOf(certOf('S1'))).toMatch(/^ReLU is the identity on the data, ms = U² = \d+\/\d+ ≤ ‖YX̄⁺‖²_op·δ_P² \(via a Rayleigh quotient λ = \d+\/\d+\)$/);
    const s2 = certOf('S2');
    expect(summaryOf(s2)).toBe(`on ${(s2.evidence as { inputs: unknown[] }).inputs.length} test inputs the class cost equals |YX̄⁺P(x − x̄_j)|, and Y is invertible`);
    expect(summaryOf(certOf('R1'))).toBe('on every data point, the network equals W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1)');
  });
  it('an output layer moved off its least-squares fit fails its normal equations', () => {
    const c = certOf('D2', { subset: [1], sense: 'output-layer' });
    const net = c.network as NetworkJson;
    const moved = { ...c, ms: undefined, network: { ...net, output: { ...net.output, b: net.output.b.map((x) => r(x).add(r(1)).toString()) } } };
    expect(reasonOf(moved)).toBe('the output layer does not satisfy the normal equations');
    expect(reasonOf({ ...c, ms: '1/3' })).toMatch(/^ms is \d+\/\d+, the certificate says 1\/3$/);
  });
  it('S2: an input on the boundary of the identity region (a pre-activation exactly 0) is in it; one negative coordinate is not', () => {
    const s2 = certOf('S2');
    // The S1 network's hidden layer is x ↦ x: at x = (0, 1) unit 1 is exactly 0.
    expect(summaryOf(withEvidence(s2, { inputs: [{ x: ['0', '1'], class: 0 }] }))).toMatch(/^on 1 test inputs/);
    expect(reasonOf(withEvidence(s2, { inputs: [{ x: ['-1', '1'], class: 0 }] }))).toBe('inputs[0] is not in the identity region');
    expect(reasonOf({ ...s2, verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ['0', '1'], class: 0 } as Evidence })).toBe('the identity holds at the given input');
    expect(reasonOf({ ...s2, verdict: 'refuted', evidence: { kind: 'metric-counterexample', x: ['one', '1'], class: 0 } as Evidence })).toMatch(/^x\[0\]: /);
    expect(reasonOf(withEvidence(s2, { inputs: [{ x: ['1', 'two'], class: 0 }] }))).toMatch(/^inputs\[0\]\.x\[1\]: /);
  });
  it('a data point named with a class index that is not a number', () => {
    expect(reasonOf(withEvidence(certOf('S1'), { deltaPPoint: ['0', 0] }))).toBe('deltaPPoint: no such data point');
    expect(reasonOf(withEvidence(certOf('S1'), { rayleighVector: ['1', 'x'] }))).toMatch(/^rayleighVector\[1\]: /);
  });
  it('vectors and matrices are named where they are read', () => {
    const desc = certOf('D2', { subset: [1], sense: 'all-parameters' });
    expect(reasonOf(withEvidence(desc, { direction: ['1'].concat(new Array(17).fill('x')) }))).toMatch(/^direction\[1\]: /);
    expect(reasonOf(withEvidence(desc, { coefficient: 'x' }))).toMatch(/^coefficient\[0\]: /);
    const pb = certOf('D2', { subset: [], sense: 'all-parameters' });
    const fits = (pb.evidence as { fits: { pattern: string; fit: string[][] }[] }).fits;
    const bad = reasonOf(withEvidence(pb, { fits: [{ ...fits[0]!, fit: [['1', 'y']] }, ...fits.slice(1)] }));
    expect(bad.startsWith(`fit for pattern ${fits[0]!.pattern}[0][1]: `)).toBe(true);
  });
  it('the containers of the evidence: arrays and objects, optional ones checked when present', () => {
    const pb = certOf('D2', { subset: [], sense: 'all-parameters' });
    const unusable = (c: Certificate) => {
      const res = checkCertificate(c, ds);
      expect(res.ok).toBe(false);
      return res.ok ? '' : `${res.unusable ? 'unusable: ' : ''}${res.reason}`;
    };
    expect(unusable(withEvidence(pb, { fits: 'all' }))).toBe('unusable: certificate.evidence.fits: expected an array');
    expect(unusable(withEvidence(pb, { fits: [null] }))).toBe('unusable: certificate.evidence.fits[0]: expected an object');
    expect(unusable(withEvidence(pb, { fits: [[]] }))).toBe('unusable: certificate.evidence.fits[0]: expected an object');
    expect(unusable(withEvidence(certOf('S2'), { inputs: { x: ['1', '1'], class: 0 } }))).toBe('unusable: certificate.evidence.inputs: expected an array');
    expect(unusable(withEvidence(certOf('S2'), { inputs: [null] }))).toBe('unusable: certificate.evidence.inputs[0]: expected an object');
    expect(unusable(withEvidence(certOf('D3'), { spreads: 5 }))).toBe('unusable: certificate.evidence.spreads: expected an array');
    const overlap = (evidence: Record<string, unknown>): Certificate => ({ ...certOf('D1'), verdict: 'not-applicable', evidence: { kind: 'convex-overlap', ...evidence } as Evidence });
    expect(unusable(overlap({ classes: 'ab', weights: [[], []] }))).toBe('unusable: certificate.evidence.classes: expected an array');
    expect(unusable(overlap({ classes: [0, 1], weights: null }))).toBe('unusable: certificate.evidence.weights: expected an array');
    // Absent, the optional fits are no fits at all: every pattern lacks one.
    expect(reasonOf(withEvidence(pb, { fits: undefined }))).toMatch(/^no fit given for activation pattern /);
  });
  it('D3 speaks of the constructed global minimizer: a network of positive cost is refused, with the reason', () => {
    const c = certOf('D3');
    const moved = { ...c, ms: undefined, network: { ...c.network!, output: { ...c.network!.output, b: c.network!.output.b.map((x, i) => (i === 0 ? r(x).add(Rational.ONE).toString() : x)) } } };
    expect(reasonOf(moved)).toMatch(/^ms is \S+, not 0: D3 concerns the constructed global minimizer$/);
  });
  it('the per-data-set context must be that of the data checked against (a caller error, thrown)', () => {
    expect(() => checkCertificate(certOf('D1'), ds, checkerData(loadExample('clusters-q3')))).toThrow(/^checker data of another data set$/);
  });
  it('an output-null family\'s direction is named where it is read', () => {
    const c = certOf('D1-degeneracy');
    const ev = c.evidence as { families: { type: string; direction?: string[] }[] };
    const k = ev.families.findIndex((f) => f.type === 'output-null');
    const families = ev.families.map((f, i) => (i === k ? { ...f, direction: f.direction!.map((x, j) => (j === 3 ? 'z' : x)) } : f));
    expect(reasonOf(withEvidence(c, { families }))).toMatch(new RegExp(`^families\\[${k}\\]\\.direction\\[3\\]: `));
  });
});

describe('degeneracy families on listed points', () => {
  it('one family (tangent rank 1) is enough', () => {
    const P = 67108859;
    const c = certOf('D1-degeneracy');
    const ev = c.evidence as { families: unknown[] };
    const listed = withEvidence(c, { families: ev.families.slice(0, 1), tangentRank: 1, exactDimension: undefined, jacobianPoints: [[0, 0]], jacobianPrime: P, jacobianRank: 2 });
    expect(summaryOf(listed)).toBe(`1 families of equal cost through the point; local dimension of the level set between 1 and 16 (Jacobian rank mod ${P} on 1 listed points)`);
  });
});

describe('D3: the spreads compared row by row, and the refutation of an increase', () => {
  const oblique = () => d3Of(costZero({ W: q([[1, 0], [-3, 1]]), b: v([0, 1]) }, '1/2', '1/4'));
  const straight = () => d3Of(costZero({ W: q([[1, 0], [0, 1]]), b: v([0, -1]) }, '1/4', '1/4'));
  const spreadsOf = (c: Certificate) => (c.evidence as { spreads: string[][] }).spreads;
  it('a claimed list that is a prefix of the recomputed one (fewer classes, or fewer layers) differs', () => {
    const c = straight();
    const s = spreadsOf(c);
    expect(reasonOf(withEvidence(c, { spreads: s.slice(0, 1) }))).toBe('the spreads differ from the recomputed ones');
    expect(reasonOf(withEvidence(c, { spreads: s.map((row) => row.slice(0, -1)) }))).toBe('the spreads differ from the recomputed ones');
    expect(reasonOf(withEvidence(c, { spreads: [s[0], ['x']] }))).toMatch(/^spreads\[1\]\[0\]: /);
  });
  it('a class never truncated is named with "none"', () => {
    const c = straight();
    expect(reasonOf(withEvidence(c, { truncatedAt: [1, 2] }))).toBe('class 1 is truncated at layer none, the certificate says 1');
  });
  it('the increase on the oblique network, refuted at the layer where it happens and nowhere else', () => {
    const c = oblique();
    const inc = (classIndex: number, layer: number): Certificate => ({ ...c, verdict: 'refuted', evidence: { kind: 'curation-spread-increase', spreads: spreadsOf(c), classIndex, layer } as Evidence });
    expect(oracle(inc(0, 1), ds)).toBe(true);
    expect(summaryOf(inc(0, 1))).toBe('the spread of class 1 increases at layer 1: D3 fails');
    expect(reasonOf(inc(0, 2))).toBe('the spread does not increase there');
    expect(reasonOf(inc(1, 1))).toBe('the spread does not increase there');
    expect(reasonOf(inc(1, 2))).toBe('the spread does not increase there');
  });
});

describe('the Jacobian at a cost-0 network with a pre-activation exactly 0 on the data', () => {
  // Unit 2 of layer 1 is σ(x₂ − 27/100): exactly 0 at the class-1 point (199/100, 27/100).
  const kinked = () => costZero({ W: q([[1, 0], [0, 1]]), b: v([0, '-27/100']) }, '1/4', '1/4');
  const degeneracy = (exactDimension?: number): Certificate => {
    const c = makeCertificate({ claim: 'D1-degeneracy', verdict: 'verified', statement: 'x', ds, net: kinked(), ms: Z, evidence: { kind: 'families', paramCount: 18, families: [{ type: 'unit-rescaling', layer: 2, unit: 0 }], tangentRank: 1, jacobianRank: 4, jacobianPoints: [[0, 0], [0, 1], [0, 2]], jacobianPrime: 67108859 } as unknown as Evidence });
    return exactDimension === undefined ? c : withEvidence(c, { exactDimension });
  };
  it('is not defined: no rank and no exact dimension', () => {
    expect(reasonOf(degeneracy())).toBe('a hidden pre-activation is exactly 0 at a listed point (or the prime divides a denominator): the Jacobian is not defined');
    expect(reasonOf(degeneracy(14))).toBe('a hidden pre-activation is exactly 0 on the data: no Jacobian');
  });
});

describe('the exact dimension needs a submersion', () => {
  it('on a cost-0 network whose distinct residual functions have dependent Jacobian rows, it is refused', () => {
    const net = costZero({ W: q([[1, 0], [0, 1]]), b: v([0, -1]) }, '1/4', '1/4');
    const c = makeCertificate({ claim: 'D1-degeneracy', verdict: 'verified', statement: 'x', ds, net, ms: Z, evidence: { kind: 'families', paramCount: 18, families: [{ type: 'unit-rescaling', layer: 2, unit: 1 }], tangentRank: 1, jacobianRank: 0, exactDimension: 0, jacobianPoints: [], jacobianPrime: 67108859 } as unknown as Evidence });
    // Class 2 is collapsed at layer 2 (one residual function, rows d/db_out = I); each class-1 point's rows are
    // [I | I/4 | w | w·x₁] in the columns b_out, W_out[:,2], b₂[2], W₂[2][1] (w = W_out[:,2]), all other columns 0:
    // the b₂ column is 4·(w₁, w₂)·(W_out columns), so the rank is 5, not 4·Q = 8.
    expect(reasonOf(c)).toBe('the 4 distinct residual functions do not form a submersion (rank 5 mod 67108859 < 8)');
  });
});

describe('class indices and primes at their bounds', () => {
  const ov = loadExample('overlap-q2');
  const D1ov = certificateOf(verify(ov, { skipD2: true }), 'D1');
  type Overlap = Extract<Evidence, { kind: 'convex-overlap' }>;
  it('a convex overlap names two different classes, in either order', () => {
    const ev = D1ov.evidence as Overlap;
    const res = (e: Partial<Overlap>) => {
      const out = checkCertificate({ ...D1ov, evidence: { ...ev, ...e } as Evidence }, ov);
      return out.ok ? `ACCEPTED: ${out.summary}` : out.reason;
    };
    const [a, b] = ev.classes;
    expect(res({})).toBe(`ACCEPTED: classes ${a + 1} and ${b + 1} have a common point in their convex hulls: no hyperplane separates them`);
    expect(res({ classes: [b, a], weights: [ev.weights[1], ev.weights[0]] })).toBe(`ACCEPTED: classes ${b + 1} and ${a + 1} have a common point in their convex hulls: no hyperplane separates them`);
    expect(res({ classes: [a, a], weights: [ev.weights[0], ev.weights[0]] })).toBe('bad class indices');
  });
  it('the prime of a listed-points Jacobian is below 2^26', () => {
    const c = withEvidence(certOf('D1-degeneracy'), { exactDimension: undefined, jacobianPoints: [[0, 0]], jacobianRank: 2 });
    expect(summaryOf(withEvidence(c, { jacobianPrime: 67108859 }))).toMatch(/Jacobian rank mod 67108859 on 1 listed points\)$/);
    // 67 108 879 is the first prime above 2^26.
    expect(reasonOf(withEvidence(c, { jacobianPrime: 67108879 }))).toBe('jacobianPrime must be a prime below 2^26');
  });
});

describe('the last bounds: a data or shape block that is not an object, the ms field, the second class index', () => {
  it('refuses them with their own reason', () => {
    const d1 = certOf('D1');
    const res = checkCertificate({ ...d1, data: 'clusters-q2' } as unknown as Certificate, ds);
    expect(res).toEqual({ ok: false, reason: 'certificate.data: expected an object', unusable: true });
    expect(checkCertificate({ ...d1, shape: 7 } as unknown as Certificate, ds)).toEqual({ ok: false, reason: 'certificate.shape: expected an object', unusable: true });
    expect(reasonOf({ ...d1, ms: 'zero' })).toMatch(/^ms\[0\]: /);
    const ov = loadExample('overlap-q2');
    const D1ov = certificateOf(verify(ov, { skipD2: true }), 'D1');
    const ev = D1ov.evidence as Extract<Evidence, { kind: 'convex-overlap' }>;
    for (const classes of [[ev.classes[0], -1], [-1, ev.classes[1]]]) {
      const out = checkCertificate({ ...D1ov, evidence: { ...ev, classes } as Evidence }, ov);
      expect(out).toEqual({ ok: false, reason: 'bad class indices' });
    }
  });
});

describe('check.ts: what it derives from a network is reused only for an equal network', () => {
  it('the second certificate about the same network reuses it; a changed network, even the same object changed in place, is derived anew', () => {
    const data = checkerData(ds);
    const cert = structuredClone(certOf('D2', { subset: [], sense: 'output-layer' }));
    expect(checkCertificate(cert, ds, data).ok).toBe(true);
    const derived = data.last.grouped;
    expect(derived).toBeDefined();
    expect(checkCertificate(structuredClone(cert), ds, data).ok).toBe(true);
    expect(data.last.grouped).toBe(derived);
    // The same object, one output weight changed: ms changes, so the certificate's own ms no longer holds.
    cert.network!.output.W[0]![0] = '12345';
    const res = checkCertificate(cert, ds, data);
    expect(res.ok).toBe(false);
    expect(data.last.grouped).not.toBe(derived);
    // And a fresh context agrees with the reused one on every certificate of the report.
    const fresh = rep.claims.flatMap((x) => (x.certificate ? [x.certificate] : []));
    for (const c of fresh) expect(checkCertificate(c, ds, data)).toEqual(checkCertificate(c, ds));
  });

  it('sameJson compares entry by entry', () => {
    expect(sameJson({ a: ['1', '2'], b: 3 }, { b: 3, a: ['1', '2'] })).toBe(true);
    expect(sameJson({ a: ['1', '2'] }, { a: ['1', '2', '3'] })).toBe(false);
    expect(sameJson({ a: ['1'] }, { a: ['1'], b: undefined })).toBe(false);
    expect(sameJson(['1'], { 0: '1' })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', '1/1')).toBe(false);
  });
});
