/**
 * The certificate checker (SPEC §5): every evidence kind the engine emits is
 * accepted as emitted and rejected when tampered with; the refutation kinds
 * are built by hand; a systematic loop alters every number of several
 * certificates and compares the checker with an independent oracle written
 * here (own forward pass, own power series, own Jacobian, own spreads); and the
 * checker's imports are confined to the exact layer, the data type and itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { classStats } from '../src/data/stats.ts';
import { verify } from '../src/claims/verify.ts';
import type { VerifyReport } from '../src/claims/verify-report.ts';
import { checkS1 } from '../src/claims/s1-upper-bound.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { CERTIFICATE_FORMAT, type Certificate, type Evidence } from '../src/certificates/format.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { ONE, Z, bump, clone, forward, norm2, oracle, parseNet, projector, r, sub } from './oracles/certificate-oracle.ts';
import { makeData } from './support/data.ts';



// ---------------------------------------------------------------------------
// Fixtures: certificates as the engine emits them.
// ---------------------------------------------------------------------------

const q2 = loadExample('clusters-q2');
const ov = loadExample('overlap-q2');
const m5 = loadExample('clusters-q3-m5');
const repQ2: VerifyReport = verify(q2);
const repOv: VerifyReport = verify(ov, { skipD2: true });

function certOf(rep: VerifyReport, id: string, extra: { bias?: string; subset?: number[]; sense?: string } = {}): Certificate {
  const c = rep.claims.find(
    (x) =>
      x.id === id &&
      (extra.bias === undefined || x.bias === extra.bias) &&
      (extra.subset === undefined || x.subset?.join() === extra.subset.join()) &&
      (extra.sense === undefined || x.sense === extra.sense),
  );
  if (!c?.certificate) throw new Error(`no certificate for ${id} ${JSON.stringify(extra)}`);
  return clone(c.certificate);
}

/**
 * A hand-built D3 refutation that genuinely holds: one hidden layer W = [[1,0],[−3,1]], b = 0 (apex 0).
 * Class 1 = {(0,0), (1,2)}: τ(0,0) = 0; W(1,2) = (1,−1) ↦ σ = (1,0) ↦ W⁻¹(1,0) = (1,3).
 * Spread before: |(1,2)|²/4 = 5/4; after: |(1,3)|²/4 = 10/4 = 5/2 > 5/4. Class 2 = {(5,5)}: 0, 0.
 * (An oblique truncation is not a contraction: T4 needs W orthogonal.)
 */
const spreadData = makeData('spread-up', [[[0, 0], [1, 2]], [[5, 5]]]);
const spreadIncrease: Certificate = {
  format: CERTIFICATE_FORMAT,
  claim: 'D3',
  verdict: 'refuted',
  statement: 'A within-class spread increases along the network.',
  data: { name: spreadData.name, sha256: spreadData.source.sha256 },
  shape: { L: 1, M: 2, Q: 2 },
  network: { hidden: [{ W: [['1', '0'], ['-3', '1']], b: ['0', '0'] }], output: { W: [['1', '0'], ['0', '1']], b: ['0', '0'] } },
  evidence: { kind: 'curation-spread-increase', spreads: [['5/4', '5/2'], ['0', '0']], classIndex: 0, layer: 1 },
};

const m5S1 = clone(checkS1(m5, shallowQuantities(m5), classStats(m5)).certificate!);

interface Fixture {
  readonly name: string;
  readonly cert: Certificate;
  readonly ds: DataSet;
}
const FIXTURES: Fixture[] = [
  { name: 'S1 identity-region-bound', cert: certOf(repQ2, 'S1'), ds: q2 },
  { name: 'S1 identity-region-bound (M > Q)', cert: m5S1, ds: m5 },
  { name: 'S2 metric-identity', cert: certOf(repQ2, 'S2'), ds: q2 },
  { name: 'S3 free pattern-bound', cert: certOf(repQ2, 'S3', { bias: 'free' }), ds: q2 },
  { name: 'S3 tied descent', cert: certOf(repQ2, 'S3', { bias: 'tied' }), ds: q2 },
  { name: 'D1 cost-zero', cert: certOf(repQ2, 'D1'), ds: q2 },
  { name: 'D1 convex-overlap', cert: certOf(repOv, 'D1'), ds: ov },
  { name: 'D1-degeneracy families', cert: certOf(repQ2, 'D1-degeneracy'), ds: q2 },
  { name: 'D2 ∅ pattern-bound', cert: certOf(repQ2, 'D2', { subset: [], sense: 'all-parameters' }), ds: q2 },
  { name: 'D2 {1} descent (two hidden layers)', cert: certOf(repQ2, 'D2', { subset: [1], sense: 'all-parameters' }), ds: q2 },
  { name: 'D2 {1} output-normal-equations', cert: certOf(repQ2, 'D2', { subset: [1], sense: 'output-layer' }), ds: q2 },
  { name: 'D3 curation-spread', cert: certOf(repQ2, 'D3'), ds: q2 },
  { name: 'R1 representation-identity', cert: certOf(repQ2, 'R1'), ds: q2 },
];
const fixture = (name: string): Fixture => {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return { ...f, cert: clone(f.cert) };
};

// ---------------------------------------------------------------------------

describe('every evidence kind the engine emits is accepted as emitted', () => {
  it('the fixtures cover every evidence kind verify produces on clusters-q2 and overlap-q2', () => {
    const emitted = new Set([...repQ2.claims, ...repOv.claims].flatMap((c) => (c.certificate ? [c.certificate.evidence.kind] : [])));
    expect(emitted).toEqual(
      new Set(['cost-zero', 'pattern-bound', 'output-normal-equations', 'descent', 'identity-region-bound', 'metric-identity', 'convex-overlap', 'families', 'curation-spread', 'representation-identity']),
    );
    const covered = new Set(FIXTURES.map((f) => f.cert.evidence.kind));
    for (const k of emitted) expect(covered.has(k)).toBe(true);
  });

  for (const f of FIXTURES)
    it(`${f.name}: accepted by the checker, and true by our own oracle`, () => {
      const res = checkCertificate(f.cert, f.ds);
      expect(res).toMatchObject({ ok: true });
      expect(oracle(f.cert, f.ds)).toBe(true);
    });
});

describe('tampered certificates are rejected', () => {
  /** Each entry: fixture, what is changed, and the change (in place). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering writes anywhere in the JSON
  const TAMPERS: [string, string, (c: any) => void][] = [
    // The network.
    ['S1 identity-region-bound', 'network: output bias', (c) => (c.network.output.b[0] = bump(c.network.output.b[0]))],
    ['S2 metric-identity', 'network: a hidden weight', (c) => (c.network.hidden[0].W[0][1] = bump(c.network.hidden[0].W[0][1]))],
    ['S3 free pattern-bound', 'network: an output weight', (c) => (c.network.output.W[1][0] = bump(c.network.output.W[1][0]))],
    ['S3 tied descent', 'network: output bias', (c) => (c.network.output.b[1] = bump(c.network.output.b[1]))],
    ['D1 cost-zero', 'network: output bias', (c) => (c.network.output.b[0] = bump(c.network.output.b[0]))],
    ['D1-degeneracy families', 'network: an output weight', (c) => (c.network.output.W[0][0] = bump(c.network.output.W[0][0]))],
    ['D2 {1} output-normal-equations', 'network: an output weight', (c) => (c.network.output.W[0][1] = bump(c.network.output.W[0][1]))],
    // D3: the truncation of class 1 undone by a large shift of its layer's bias.
    ['D3 curation-spread', 'network: first hidden bias +1000', (c) => (c.network.hidden[0].b = c.network.hidden[0].b.map((v: string) => bump(v, Rational.int(1000))))],
    // R1 holds for every network with invertible W^(ℓ); one entry changed to make W₁ singular.
    ['R1 representation-identity', 'network: W₁ made singular', (c) => {
      const W = c.network.hidden[0].W as string[][];
      W[0]![0] = r(W[0]![1]!).mul(r(W[1]![0]!)).div(r(W[1]![1]!)).toString();
    }],
    // The evidence.
    ['S1 identity-region-bound (M > Q)', 'evidence: Rayleigh vector in the kernel of YX̄⁺', (c) => {
      const means = m5.classes.map((cls) => cls.points[0]!.map((_, k) => cls.points.reduce((s, p) => s.add(p[k]!), Z)));
      c.evidence.rayleighVector = Matrix.fromRows(means).nullSpace()[0]!.map(String);
    }],
    ['S1 identity-region-bound', 'evidence: zero Rayleigh vector', (c) => (c.evidence.rayleighVector = ['0', '0'])],
    ['S2 metric-identity', 'evidence: an input far outside the identity region', (c) => (c.evidence.inputs[0].x = ['-1000', '-1000'])],
    ['S3 free pattern-bound', 'evidence: a fit entry', (c) => (c.evidence.fits[0].fit[0][2] = bump(c.evidence.fits[0].fit[0][2]))],
    ['D2 ∅ pattern-bound', 'evidence: a fit entry', (c) => (c.evidence.fits[0].fit[1][0] = bump(c.evidence.fits[0].fit[1][0]))],
    ['D2 ∅ pattern-bound', 'evidence: the pattern key', (c) => (c.evidence.fits[0].pattern = '++|+-')],
    ['S3 tied descent', 'evidence: a direction entry on the output bias', (c) => {
      const d = c.evidence.direction as string[];
      d[d.length - 1] = bump(d[d.length - 1]!, ONE);
    }],
    // (Not an output-layer entry: the candidate's output layer is a least-squares fit, its gradient is 0 there.)
    ['D2 {1} descent (two hidden layers)', 'evidence: a direction entry on a first-layer weight', (c) => {
      const d = c.evidence.direction as string[];
      d[0] = bump(d[0]!, ONE);
    }],
    ['S3 tied descent', 'evidence: the coefficient', (c) => (c.evidence.coefficient = bump(c.evidence.coefficient))],
    ['S3 tied descent', 'evidence: the order', (c) => (c.evidence.order = 2)],
    ['S3 tied descent', 'evidence: direction negated (ascent)', (c) => {
      c.evidence.direction = c.evidence.direction.map((v: string) => r(v).neg().toString());
      c.evidence.coefficient = r(c.evidence.coefficient).neg().toString();
    }],
    ['D1 convex-overlap', 'evidence: a weight', (c) => (c.evidence.weights[0][0] = bump(c.evidence.weights[0][0]))],
    ['D1 convex-overlap', 'evidence: weights moved within the simplex', (c) => {
      const w = c.evidence.weights[1] as string[];
      const i = w.findIndex((v) => !r(v).isZero());
      const j = (i + 1) % w.length;
      const eps = r(w[i]!).div(Rational.int(2));
      w[i] = r(w[i]!).sub(eps).toString();
      w[j] = r(w[j]!).add(eps).toString();
    }],
    ['D1 convex-overlap', 'evidence: a class index', (c) => (c.evidence.classes = [0, 0])],
    ['D1-degeneracy families', 'evidence: tangent rank', (c) => c.evidence.tangentRank++],
    ['D1-degeneracy families', 'evidence: Jacobian rank', (c) => c.evidence.jacobianRank--],
    ['D1-degeneracy families', 'evidence: parameter count', (c) => c.evidence.paramCount++],
    ['D1-degeneracy families', 'evidence: an output-null direction entry', (c) => {
      const fam = c.evidence.families.find((f: { type: string }) => f.type === 'output-null');
      const d = fam.direction as string[];
      const k = d.findIndex((v) => !r(v).isZero());
      d[k] = bump(d[k]!);
    }],
    ['D1-degeneracy families', 'evidence: a rescaled unit that does not exist', (c) => (c.evidence.families[0].unit = 2)],
    ['D3 curation-spread', 'evidence: a spread', (c) => (c.evidence.spreads[1][1] = bump(c.evidence.spreads[1][1]))],
    ['D3 curation-spread', 'evidence: a truncation layer too early', (c) => (c.evidence.truncatedAt = [1, 1])],
    // ms, verdict, data.
    ['S1 identity-region-bound', 'ms', (c) => (c.ms = bump(c.ms))],
    ['S3 free pattern-bound', 'ms', (c) => (c.ms = bump(c.ms))],
    ['D1 cost-zero', 'ms', (c) => (c.ms = '1/997')],
    ['D2 {1} output-normal-equations', 'ms', (c) => (c.ms = bump(c.ms))],
  ];
  for (const [name, what, mutate] of TAMPERS)
    it(`${name}: ${what}`, () => {
      const f = fixture(name);
      mutate(f.cert);
      expect(oracle(f.cert, f.ds)).toBe(false);
      const res = checkCertificate(f.cert, f.ds);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.reason.length).toBeGreaterThan(0);
    });

  for (const f of FIXTURES)
    it(`${f.name}: flipped verdict, changed sha256, and another data set are rejected`, () => {
      for (const verdict of ['verified', 'refuted', 'not-applicable'] as const) {
        if (verdict === f.cert.verdict) continue;
        expect(checkCertificate({ ...clone(f.cert), verdict }, f.ds).ok).toBe(false);
      }
      const sha = f.cert.data.sha256;
      const otherSha = (sha[0] === '0' ? '1' : '0') + sha.slice(1);
      expect(checkCertificate({ ...clone(f.cert), data: { ...f.cert.data, sha256: otherSha } }, f.ds).ok).toBe(false);
      // Against another example of the same shape: rejected by the hash…
      const other = f.ds === ov ? q2 : f.ds.M === 2 && f.ds.Q === 2 ? ov : q2;
      expect(checkCertificate(f.cert, other).ok).toBe(false);
      // …and, with the hash forged to match, still rejected on the mathematics, except where the
      // statement is true of any data: R1 is a theorem for every network with invertible W^(ℓ).
      const forged = { ...clone(f.cert), data: { name: other.name, sha256: other.source.sha256 } };
      const res = checkCertificate(forged, other);
      const universallyTrue = f.cert.evidence.kind === 'representation-identity';
      if (f.cert.shape.M === other.M && f.cert.shape.Q === other.Q) expect(res.ok).toBe(universallyTrue);
      else expect(res.ok).toBe(false);
      expect(oracle(forged, other)).toBe(res.ok);
    });

  it('a descent direction scaled by a positive factor stays valid (with its coefficient scaled); the same direction with the old coefficient does not', () => {
    const f = fixture('S3 tied descent');
    const ev = f.cert.evidence as Extract<Evidence, { kind: 'descent' }>;
    const scaled = { ...f.cert, evidence: { ...ev, direction: ev.direction.map((v) => r(v).mul(Rational.of(5n, 2n)).toString()), coefficient: r(ev.coefficient).mul(Rational.of(5n, 2n)).toString() } };
    expect(checkCertificate(scaled, f.ds).ok).toBe(true);
    expect(checkCertificate({ ...scaled, evidence: { ...scaled.evidence, coefficient: ev.coefficient } }, f.ds).ok).toBe(false);
  });

  it('a Rayleigh vector scaled by any nonzero factor certifies the same bound', () => {
    const f = fixture('S1 identity-region-bound (M > Q)');
    const ev = f.cert.evidence as Extract<Evidence, { kind: 'identity-region-bound' }>;
    for (const s of ['7', '-1/3']) expect(checkCertificate({ ...f.cert, evidence: { ...ev, rayleighVector: ev.rayleighVector.map((v) => r(v).mul(r(s)).toString()) } }, f.ds).ok).toBe(true);
  });

  it('malformed certificates are reported unusable, never thrown', () => {
    const bad: [string, string, (c: any) => void][] = [
      ['D1-degeneracy families', 'families not an array', (c) => (c.evidence.families = undefined)],
      ['D3 curation-spread', 'spreads not an array', (c) => (c.evidence.spreads = 5)],
      ['D2 ∅ pattern-bound', 'fits not an array', (c) => (c.evidence.fits = 'x')],
      ['S2 metric-identity', 'an input without x', (c) => (c.evidence.inputs = [{}])],
      ['D1 cost-zero', 'no network', (c) => delete c.network],
      ['D1 cost-zero', 'a number where a string belongs', (c) => (c.network.output.b[0] = 1)],
      ['R1 representation-identity', 'unknown kind', (c) => (c.evidence.kind = 'magic')],
      ['R1 representation-identity', 'wrong format', (c) => (c.format = 'dlgeom/certificate@0')],
    ];
    for (const [name, what, mutate] of bad) {
      const f = fixture(name);
      const c = f.cert as any;
      mutate(c);
      let res: ReturnType<typeof checkCertificate> | undefined;
      expect(() => (res = checkCertificate(c, f.ds)), what).not.toThrow();
      expect(res, what).toMatchObject({ ok: false, unusable: true });
    }
  });

  it('a malformed certificate is named by the field that is wrong; a fault outside the certificate is not disguised as one', () => {
    const f = fixture('D1-degeneracy families');
    const c = clone(f.cert) as any;
    c.evidence.families = [null];
    expect(checkCertificate(c, f.ds)).toMatchObject({ ok: false, unusable: true, reason: 'certificate.evidence.families[0]: expected an object' });
    // A TypeError that no certificate field explains (here: data without targets) is a bug to report (exit 3), not an unusable certificate.
    expect(() => checkCertificate(clone(f.cert), { ...f.ds, targets: undefined as never })).toThrow(TypeError);
  });
});

describe('refutation kinds built by hand', () => {
  it('curation-spread-increase on a network of positive cost is rejected: D3 concerns the constructed global minimizer', () => {
    // The spread genuinely increases (5/4 → 5/2) along this network, but the network has cost > 0,
    // so it is not a D1 minimizer and proves nothing about D3.
    const res = checkCertificate(spreadIncrease, spreadData);
    expect(res).toMatchObject({ ok: false });
    expect(res.ok || res.reason).toMatch(/not 0/);
    expect(oracle(spreadIncrease, spreadData)).toBe(false);
  });

  it('a D3 certificate that weakens a truncation layer is rejected', () => {
    const c = fixture('D3 curation-spread').cert as any;
    for (const weaken of [(t: number | null) => (t === null ? null : t + 1), () => null]) {
      const w = clone(c);
      w.evidence.truncatedAt = w.evidence.truncatedAt.map(weaken);
      expect(checkCertificate(w, q2).ok).toBe(false);
      expect(oracle(w, q2)).toBe(false);
    }
  });

  it('metric-counterexample: S2 is a theorem for the S1 network, so every attempt is rejected', () => {
    // For W₁ = RP, b₁ = β·1, W₂ = YX̄⁺Rᵀ, b₂ = −W₂b₁ and x in the identity region,
    // f(x) = YX̄⁺x and YX̄⁺x̄_j = y_j, so |f(x) − y_j| = |YX̄⁺P(x − x̄_j)| always: no genuine
    // counterexample exists. The checker must refuse (a) inputs of the identity region (the identity
    // holds), (b) inputs outside it (S2 says nothing there), (c) any network other than the S1 one.
    const s2 = fixture('S2 metric-identity').cert;
    const cx = (x: string[], cls: number, network = s2.network): Certificate => ({
      ...clone(s2),
      verdict: 'refuted',
      network: clone(network),
      evidence: { kind: 'metric-counterexample', x, class: cls },
    });
    const net = parseNet(s2.network, 1, 2, 2);
    let inside = 0;
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 9 })), fc.integer({ min: 0, max: 1 }), ([a, b, d], cls) => {
        const x = [Rational.of(a, d), Rational.of(b, d)];
        if (forward(net, x).pre.flat().every((v) => v.sign() >= 0)) inside++;
        const c = cx(x.map(String), cls);
        expect(oracle(c, q2)).toBe(false);
        expect(checkCertificate(c, q2).ok).toBe(false);
      }),
      { seed: 4242, numRuns: 60 },
    );
    expect(inside).toBeGreaterThan(5);
    // (c) The identity genuinely fails for an altered network — but that network is not S2's.
    const altered = clone(s2.network!);
    altered.output.b[0] = bump(altered.output.b[0]!, ONE);
    const c = cx(['2', '1/4'], 0, altered);
    const alteredNet = parseNet(altered, 1, 2, 2);
    const { means, Xpinv, P, Y } = projector(q2);
    const x = [r(2), r('1/4')];
    expect(norm2(sub(forward(alteredNet, x).out, q2.targets[0]!)).eq(norm2(Y.mul(Xpinv).mul(P).mulVec(sub(x, means[0]!))))).toBe(false);
    expect(checkCertificate(c, q2).ok).toBe(false);
  });

  it('representation-counterexample: R1 is a theorem, so a claimed counterexample is rejected', () => {
    const r1 = fixture('R1 representation-identity').cert;
    for (const point of [[0, 0], [1, 2], [0, 7]] as [number, number][]) {
      const c: Certificate = { ...clone(r1), verdict: 'refuted', evidence: { kind: 'representation-counterexample', point } };
      expect(checkCertificate(c, q2).ok).toBe(false);
      expect(oracle(c, q2)).toBe(false);
    }
    // Nor with a singular first layer (outside R1's hypothesis), where the representation is undefined.
    const singular = clone(r1) as any;
    singular.verdict = 'refuted';
    singular.evidence = { kind: 'representation-counterexample', point: [0, 0] };
    singular.network.hidden[0].W = [['1', '2'], ['2', '4']];
    expect(checkCertificate(singular, q2).ok).toBe(false);
  });

  it('families are a statement about a minimizer: a nonzero-cost point with the same families is rejected', () => {
    // Moving the output bias keeps every family valid (outputs shift by a constant, the last hidden
    // activations and the ranks are unchanged) but the point no longer has cost 0.
    const c = fixture('D1-degeneracy families').cert as any;
    c.network.output.b[0] = bump(c.network.output.b[0], ONE);
    delete c.ms;
    expect(checkCertificate(c, q2).ok).toBe(false);
    expect(oracle(c, q2)).toBe(false);
  });
});

/** Paths to every number in a certificate: exact-number strings and JSON integers (not the data hash or name). */
function numberPaths(o: unknown, p: (string | number)[] = [], out: { path: (string | number)[]; kind: 'string' | 'number' }[] = []) {
  if (p[0] === 'data' || p[0] === 'format' || p[0] === 'statement' || p[0] === 'claim' || p[0] === 'context') return out;
  if (typeof o === 'string') {
    try {
      Rational.parse(o);
      out.push({ path: p, kind: 'string' });
    } catch {
      /* not a number */
    }
  } else if (typeof o === 'number') out.push({ path: p, kind: 'number' });
  else if (Array.isArray(o)) o.forEach((v, i) => numberPaths(v, [...p, i], out));
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) numberPaths(v, [...p, k], out);
  return out;
}

describe('systematic tampering: every number altered in turn, checker = oracle', () => {
  // Which alterations may legitimately leave a certificate valid is decided by the oracle, and the
  // expected classes are pinned below: e.g. a Rayleigh vector may move and still certify the bound;
  // an S2 test input may move within the identity region (S2 is a theorem there); a descent direction
  // may change where the gradient vanishes; the D1 network's hidden layers may move and keep cost 0
  // (the degeneracy D1 asserts); D3's spreads and R1 do not depend on the output layer. Everything
  // else (ms, coefficients, fits, weights, spreads, ranks, output weights of a cost-0 point) must be
  // rejected.
  const MUST_REJECT: Record<string, RegExp> = {
    'S1 identity-region-bound': /^(ms|network\..*)$/,
    'S2 metric-identity': /^network\./,
    'S3 free pattern-bound': /./,
    'S3 tied descent': /^(ms|network\..*|evidence\.(coefficient|order))$/,
    'D1 cost-zero': /^(ms|network\.output\..*)$/,
    'D1 convex-overlap': /^evidence\./, // shape.L is informational here: no order works for any L
    'D1-degeneracy families': /^(ms|network\.output\..*|evidence\.(tangentRank|jacobianRank|paramCount|exactDimension|families\.\d+\.direction\..*))$/,
    'D2 ∅ pattern-bound': /./,
    'D2 {1} descent (two hidden layers)': /^(ms|network\..*|evidence\.(coefficient|order))$/,
    'D2 {1} output-normal-equations': /^(ms|network\.(output|hidden\.0)\..*)$/,
    'D3 curation-spread': /^evidence\.spreads\./,
  };
  // Fixtures where some alteration must be accepted (so the oracle is not vacuously "false").
  const SOME_ACCEPTED = new Set(['S1 identity-region-bound', 'S2 metric-identity', 'S3 tied descent', 'D1 cost-zero', 'D3 curation-spread', 'R1 representation-identity']);

  for (const name of [...Object.keys(MUST_REJECT), 'R1 representation-identity'])
    it(name, () => {
      const f = fixture(name);
      const paths = numberPaths(f.cert);
      expect(paths.length).toBeGreaterThan(3);
      let accepted = 0;
      for (const { path: p, kind } of paths) {
        const c = clone(f.cert) as any;
        let o = c;
        for (const k of p.slice(0, -1)) o = o[k];
        const last = p[p.length - 1]!;
        o[last] = kind === 'string' ? bump(o[last]) : o[last] + 1;
        const key = p.join('.');
        const expected = oracle(c, f.ds);
        const res = checkCertificate(c, f.ds);
        expect(res.ok, `${key}: checker ${res.ok ? 'accepts' : 'rejects'}, oracle says ${expected ? 'valid' : 'invalid'}`).toBe(expected);
        if (MUST_REJECT[name]?.test(key)) expect(res.ok, `${key} must be rejected`).toBe(false);
        if (res.ok) accepted++;
      }
      if (SOME_ACCEPTED.has(name)) expect(accepted).toBeGreaterThan(0);
    });
});

// The trusted base (docs/decisions.md, "What the checker trusts"): the exact layer, the compact data
// representation with its exact extremes, and the certified pattern groups (with class-patterns.ts:
// groups from exact class extremes, and its remembered extremes); types of data and networks.
describe('the trusted checker imports only its trusted base', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const importRe = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

  function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
    const src = readFileSync(path.join(root, file), 'utf8');
    const out: { spec: string; typeOnly: boolean }[] = [];
    for (const m of src.matchAll(importRe)) out.push({ spec: (m[3] ?? m[4] ?? m[5])!, typeOnly: m[2] !== undefined });
    return out;
  }

  it('the import scanner finds static, type-only, re-export, side-effect and dynamic imports', () => {
    const src = "import { a } from './x.ts';\nimport type { B } from '../y.ts';\nexport { c } from './z.ts';\nimport './side.ts';\nconst m = await import('../dyn.ts');\nimport {\n  d,\n  e,\n} from 'pkg';";
    const specs = [...src.matchAll(importRe)].map((m) => [m[3] ?? m[4] ?? m[5], m[2] !== undefined]);
    expect(specs).toEqual([['./x.ts', false], ['../y.ts', true], ['./z.ts', false], ['./side.ts', false], ['../dyn.ts', false], ['pkg', false]]);
  });

  /** The trusted base: every file check.ts runs (docs/decisions.md, "The trusted base"), and its line budget. */
  const TRUSTED_BASE = [
    'src/certificates/affine.ts',
    'src/certificates/check.ts',
    'src/certificates/claim-rules.ts',
    'src/certificates/groups.ts',
    'src/certificates/kernel.ts',
    'src/certificates/linalg.ts',
    'src/certificates/rejection.ts',
    'src/certificates/structure.ts',
    'src/data/compact.ts',
    'src/exact/rational.ts',
  ];
  /** Physical lines, and lines of code (neither blank nor comment-only): docs/decisions.md, "The trusted base, sixth pass". */
  const LINE_BUDGET = 2_145;
  const CODE_BUDGET = 1_615;
  /** Declarations only (erased at run time): the checker may import their types, never a value. */
  const TYPES_ONLY = ['src/data/dataset.ts', 'src/network/network.ts', 'src/certificates/format.ts'];

  it('check.ts runs exactly its trusted base (no engine module); data, network and format types as types only', () => {
    const seen = new Set<string>();
    const queue = ['src/certificates/check.ts'];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const { spec, typeOnly } of importsOf(file)) {
        expect(spec.startsWith('.'), `${file} imports the package or builtin "${spec}"`).toBe(true);
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (TYPES_ONLY.includes(target)) expect(typeOnly, `${file} must import ${target} as a type only`).toBe(true);
        if (!typeOnly) queue.push(target);
      }
    }
    expect([...seen].sort()).toEqual(TRUSTED_BASE);
  });

  // Under StrykerJS (npm run mutation) the sources are instrumented (several times their size, with
  // Stryker's own `new Function`): these two tests read the sources, so they run in the normal suite only.
  const instrumented = process.env.DLGEOM_MUTATION_SCOPE !== undefined;

  /** Lines that are neither blank nor only comment (a // line, or inside a block comment). */
  function codeLines(src: string): number {
    let [inBlock, n] = [false, 0];
    for (const line of src.split('\n').map((l) => l.trim())) {
      if (inBlock) inBlock = !line.includes('*/');
      else if (line.startsWith('/*')) inBlock = !line.includes('*/');
      else if (line !== '' && !line.startsWith('//')) n++;
    }
    return n;
  }
  it('codeLines counts code, not blank or comment lines', () => {
    expect(codeLines('/**\n * doc\n */\nconst a = 1; // note\n\n// only a comment\n/* one line */\nf();')).toBe(2);
  });

  it.skipIf(instrumented)('the trusted base stays within its line budget and generates no code', () => {
    const lines = TRUSTED_BASE.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
    expect(lines, `the trusted base has ${lines} lines`).toBeLessThanOrEqual(LINE_BUDGET);
    const code = TRUSTED_BASE.reduce((n, f) => n + codeLines(readFileSync(f, 'utf8')), 0);
    expect(code, `the trusted base has ${code} lines of code`).toBeLessThanOrEqual(CODE_BUDGET);
    for (const f of TRUSTED_BASE) expect(/new Function|\beval\(/.test(readFileSync(f, 'utf8')), `${f} generates code`).toBe(false);
  });

  it.skipIf(instrumented)('the checker files share no cache with the engine: no module-level WeakMap or Map memo', () => {
    for (const f of TRUSTED_BASE.filter((f) => f.startsWith('src/certificates/'))) expect(/^(const|let) \w+ = new (Weak)?Map/m.test(readFileSync(f, 'utf8')), `${f} keeps a module-level cache`).toBe(false);
  });
});
