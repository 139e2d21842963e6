/**
 * The trusted checker's evidence checks, each hit on its own: degeneracy families (the
 * rescaling and output-null families, the exact Jacobian and the mod-p rank on listed points),
 * pattern bounds, critical points, lower-cost points and the one-sided descent series at a
 * kink. Certificates come from verify / the engine on clusters-q2; truths a test relies on
 * (derivatives, cost series) come from the independent oracle (test/oracles/certificate-oracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import { decideAllParameters } from '../src/claims/local-minimality.ts';
import { makeCertificate } from '../src/certificates/build.ts';
import type { Certificate, Evidence } from '../src/certificates/format.ts';
import { checkCertificate, type CheckResult } from '../src/certificates/check.ts';
import { clone, costSeries, flatten, parseNet, r, samplesOf, unflatten } from './oracles/certificate-oracle.ts';
import { certificateOf } from './support/certificates.ts';

const ds = loadExample('clusters-q2');
const rep = verify(ds);
const certOf = (claim: string, context?: Record<string, unknown>): Certificate => certificateOf(rep, claim, context);
type Families = Extract<Evidence, { kind: 'families' }>;
const check = (c: Certificate): CheckResult => checkCertificate(c, ds);
const reasonOf = (c: Certificate): string => {
  const res = check(c);
  return res.ok ? `ACCEPTED: ${res.summary}` : res.reason;
};
const summaryOf = (c: Certificate): string => {
  const res = check(c);
  if (!res.ok) throw new Error(res.reason);
  return res.summary;
};
const withEvidence = (c: Certificate, patch: Record<string, unknown>): Certificate => ({ ...c, evidence: { ...c.evidence, ...patch } as Evidence });

describe('degeneracy families as emitted on small data (every point listed)', () => {
  const base = () => certOf('D1-degeneracy');
  const ev = () => base().evidence as Families;
  it('as emitted: accepted, with the exact dimension K − rank', () => {
    const e = ev();
    expect([e.paramCount, e.jacobianRank, e.exactDimension, e.tangentRank]).toEqual([18, 4, 14, 6]);
    expect(summaryOf(base())).toBe('6 families of equal cost through the point; local dimension of the level set exactly 14 (a submersion)');
    expect(summaryOf(withEvidence(base(), { exactDimension: undefined }))).toBe('6 families of equal cost through the point; local dimension of the level set between 6 and 14 (Jacobian rank mod 67108859 on 6 listed points)');
  });
  it('each count is recomputed and named', () => {
    expect(reasonOf(withEvidence(base(), { paramCount: 17 }))).toBe('paramCount 17, the network has 18');
    expect(reasonOf(withEvidence(base(), { tangentRank: 5 }))).toBe('tangent rank is 6, the certificate says 5');
    expect(reasonOf(withEvidence(base(), { tangentRank: 7 }))).toBe('tangent rank is 6, the certificate says 7');
    expect(reasonOf(withEvidence(base(), { jacobianRank: 5 }))).toBe('Jacobian rank mod 67108859 on the listed points is 4, the certificate says 5');
    expect(reasonOf(withEvidence(base(), { jacobianRank: 3, exactDimension: undefined }))).toBe('Jacobian rank mod 67108859 on the listed points is 4, the certificate says 3');
    expect(reasonOf(withEvidence(base(), { exactDimension: 13 }))).toBe('exactDimension 13 ≠ K − rank = 14');
    expect(reasonOf(withEvidence(base(), { exactDimension: 15 }))).toBe('exactDimension 15 ≠ K − rank = 14');
  });
  it('fewer families: still accepted with their own tangent rank; none: the point may be isolated', () => {
    const e = ev();
    expect(summaryOf(withEvidence(base(), { families: e.families.slice(1), tangentRank: 5 }))).toBe('5 families of equal cost through the point; local dimension of the level set exactly 14 (a submersion)');
    expect(summaryOf(withEvidence(base(), { families: e.families.slice(0, 1), tangentRank: 1 }))).toMatch(/^1 families/);
    expect(reasonOf(withEvidence(base(), { families: [], tangentRank: 0 }))).toBe('no family: the point may be isolated');
    // A family listed twice adds nothing to the tangent rank.
    expect(summaryOf(withEvidence(base(), { families: [e.families[0], e.families[0]], tangentRank: 1 }))).toMatch(/^2 families/);
  });
  it('a rescaling family must name a hidden unit', () => {
    for (const [layer, unit] of [[0, 0], [3, 0], [1, 2], [1, -1], [1.5, 0], [1, 0.5], [2, 2]])
      expect(reasonOf(withEvidence(base(), { families: [{ type: 'unit-rescaling', layer, unit }], tangentRank: 1 }))).toBe('families[0]: no such hidden unit');
    for (const [layer, unit] of [[1, 1], [2, 0], [2, 1]]) expect(check(withEvidence(base(), { families: [{ type: 'unit-rescaling', layer, unit }], tangentRank: 1 })).ok).toBe(true);
  });
  it('an output-null family must leave the hidden layers and every output on the data alone', () => {
    const e = ev();
    const k = e.families.findIndex((f) => f.type === 'output-null');
    const fam = e.families[k] as Extract<Families['families'][number], { type: 'output-null' }>;
    for (const at of [0, 5, 6, 11]) {
      const d = fam.direction.slice();
      d[at] = '1';
      const families = e.families.slice();
      families[k] = { type: 'output-null', direction: d };
      expect(reasonOf(withEvidence(base(), { families }))).toBe(`families[${k}] moves a hidden layer`);
    }
    // Moving an output bias changes every output.
    for (const at of [16, 17]) {
      const d = fam.direction.map(() => '0');
      d[at] = '1';
      const families = e.families.slice();
      families[k] = { type: 'output-null', direction: d };
      expect(reasonOf(withEvidence(base(), { families }))).toBe(`families[${k}] changes an output on the data`);
    }
    expect(check(withEvidence(base(), { families: [{ type: 'output-null', direction: fam.direction.slice(0, 17) }], tangentRank: 1 }))).toMatchObject({ ok: false, unusable: true });
    expect(check(withEvidence(base(), { families: [{ type: 'sideways', direction: fam.direction }], tangentRank: 1 }))).toEqual({ ok: false, reason: 'families[0]: unknown family type', unusable: true });
  });
  it('a point that is not certified cost-0 is no minimizer', () => {
    const other = certOf('D2', { subset: [1], sense: 'all-parameters' });
    const c = { ...base(), network: other.network, ms: undefined };
    expect(reasonOf(c)).toMatch(/^ms is \d+\/\d+, not 0: the point is not certified to be a minimizer$/);
  });
});

describe('degeneracy families on listed points (Jacobian rank mod p)', () => {
  const P = 67108859;
  const all: [number, number][] = ds.classes.flatMap((c, j) => c.points.map((_, i) => [j, i] as [number, number]));
  const listed = (patch: Record<string, unknown> = {}): Certificate =>
    withEvidence(certOf('D1-degeneracy'), { exactDimension: undefined, jacobianPoints: all, jacobianPrime: P, jacobianRank: 4, ...patch });
  it('on all points the rank mod p is the exact rank, and the summary names the prime and the points', () => {
    expect(summaryOf(listed())).toBe(`6 families of equal cost through the point; local dimension of the level set between 6 and 14 (Jacobian rank mod ${P} on 6 listed points)`);
    expect(reasonOf(listed({ jacobianRank: 3 }))).toBe(`Jacobian rank mod ${P} on the listed points is 4, the certificate says 3`);
    expect(reasonOf(listed({ jacobianRank: 5 }))).toBe(`Jacobian rank mod ${P} on the listed points is 4, the certificate says 5`);
  });
  it('one listed point gives at most Q = 2 rows, and the rescalings are checked on the listed points', () => {
    expect(summaryOf(listed({ jacobianPoints: [[1, 2]], jacobianRank: 2 }))).toBe(`6 families of equal cost through the point; local dimension of the level set between 6 and 16 (Jacobian rank mod ${P} on 1 listed points)`);
    expect(reasonOf(listed({ jacobianPoints: [[1, 2]], jacobianRank: 4 }))).toBe(`Jacobian rank mod ${P} on the listed points is 2, the certificate says 4`);
    expect(reasonOf(listed({ jacobianPoints: [], jacobianRank: 0 }))).toMatch(/^ACCEPTED: .*between 6 and 18 .*on 0 listed points\)$/);
  });
  it('the list, the prime and the exact dimension are validated', () => {
    // The exact dimension is judged on the distinct residual functions of all the data, whatever points are listed.
    expect(summaryOf(listed({ jacobianPoints: [[1, 2]], jacobianRank: 2, exactDimension: 14 }))).toBe('6 families of equal cost through the point; local dimension of the level set exactly 14 (a submersion)');
    expect(reasonOf(listed({ jacobianPoints: [[1, 2]], jacobianRank: 2, exactDimension: 16 }))).toBe('exactDimension 16 ≠ K − rank = 14');
    for (const jacobianPrime of [4, 1, 0, -7, 67108860, 67108879, 2 ** 26, '67108859', 7.5, undefined])
      expect(reasonOf(listed({ jacobianPrime }))).toBe('jacobianPrime must be a prime below 2^26');
    for (const jacobianPoints of ['all', 3, { 0: [0, 0] }]) expect(reasonOf(listed({ jacobianPoints }))).toBe('jacobianPoints must be a list of [class, index] pairs');
    for (const pt of [[0, 3], [2, 0], [-1, 0], [0, -1], [0, 0.5], [0.5, 0], [0], 5, null, ['0', '0']])
      expect(reasonOf(listed({ jacobianPoints: [[0, 0], pt] }))).toBe('jacobianPoints[1]: no such data point');
    expect(reasonOf(listed({ families: [], tangentRank: 0 }))).toBe('no family: the point may be isolated');
  });
  it('a small prime still gives an upper bound when it divides no denominator, and is refused when it does', () => {
    const net = parseNet(certOf('D1-degeneracy').network, 2, ds.M, ds.Q);
    const dens = [...flatten(net), ...ds.classes.flatMap((c) => c.points.flat())].map((v) => v.den);
    const divides = (p: bigint) => dens.some((d) => d % p === 0n);
    for (const p of [2, 3, 5, 7, 11, 13]) {
      const res = check(listed({ jacobianPrime: p, jacobianRank: 4 }));
      if (divides(BigInt(p))) expect(res).toEqual({ ok: false, reason: 'a hidden pre-activation is exactly 0 at a listed point (or the prime divides a denominator): the Jacobian is not defined' });
      else if (!res.ok) expect(res.reason).toMatch(new RegExp(`^Jacobian rank mod ${p} on the listed points is [0-3], the certificate says 4$`));
    }
    expect([2n, 3n, 5n].some(divides)).toBe(true);
  });
});

describe('pattern-bound evidence', () => {
  const base = () => certOf('D2', { subset: [], sense: 'all-parameters' });
  const fits = () => (base().evidence as Extract<Evidence, { kind: 'pattern-bound' }>).fits;
  it('every group needs its own fit of the right shape satisfying its normal equations', () => {
    expect(fits().map((f) => f.pattern)).toEqual(['++|++']);
    expect(summaryOf(base())).toBe("strict activation patterns (1 group(s)); N·ms equals the sum of the groups' least-squares minima: a local minimum over all parameters");
    expect(reasonOf(withEvidence(base(), { fits: [] }))).toBe('no fit given for activation pattern ++|++');
    expect(reasonOf(withEvidence(base(), { fits: undefined }))).toBe('no fit given for activation pattern ++|++');
    expect(reasonOf(withEvidence(base(), { fits: fits().map((f) => ({ ...f, pattern: '+-' })) }))).toBe('no fit given for activation pattern ++|++');
    expect(reasonOf(withEvidence(base(), { fits: fits().map((f) => ({ ...f, fit: f.fit.slice(1) })) }))).toBe('fit for ++|++ has the wrong shape');
    expect(reasonOf(withEvidence(base(), { fits: fits().map((f) => ({ ...f, fit: f.fit.map((row) => row.slice(1)) })) }))).toBe('fit for ++|++ has the wrong shape');
    expect(reasonOf(withEvidence(base(), { fits: fits().map((f) => ({ ...f, fit: [...f.fit, f.fit[0]!] })) }))).toBe('fit for ++|++ has the wrong shape');
    for (const [i, j] of [[0, 0], [1, 2], [0, 2]]) {
      const bent = fits().map((f) => ({ ...f, fit: f.fit.map((row, a) => row.map((v, b) => (a === i && b === j ? r(v).add(Rational.of(1n, 7n)).toString() : v))) }));
      expect(reasonOf(withEvidence(base(), { fits: bent }))).toBe('the fit for pattern ++|++ does not satisfy its normal equations');
    }
  });
  it('a network above the groups\' least-squares minima is no local minimum by this bound', () => {
    const c = base();
    (c.network!.output.b as string[])[0] = r(c.network!.output.b[0]!).add(Rational.of(1n, 9n)).toString();
    expect(reasonOf({ ...c, ms: undefined })).toMatch(/^N·ms = \d+\/\d+ exceeds the pattern-wise least-squares bound \d+\/\d+$/);
  });
});

/** The network of the second-order example: hidden W = 0 with bias `b`, output W = 0, b = the target mean. */
function flatNet(b: Rational, offset = Rational.ZERO): Network {
  const ybar = ds.targets[0]!.map((_, k) => ds.classes.reduce((s, c, j) => s.add(ds.targets[j]![k]!.mul(Rational.int(c.points.length))), Rational.ZERO).div(Rational.int(ds.N)).add(offset));
  return { hidden: [{ W: Matrix.zeros(ds.M, ds.M), b: new Array<Rational>(ds.M).fill(b) }], output: { W: Matrix.zeros(ds.Q, ds.M), b: ybar } };
}
const certFor = (net: Network, sense: string, evidence: Evidence, verdict: Certificate['verdict']) =>
  makeCertificate({ claim: 'network', verdict, statement: 'x', ds, net, ms: msExact(net, ds), evidence, context: { sense } });

describe('critical-point and lower-cost-point evidence; second-order and one-sided descents', () => {
  it('a local minimum is a critical point; moving its output bias makes a named partial derivative nonzero (the oracle\'s value)', () => {
    const c = certOf('D2', { subset: [], sense: 'all-parameters' });
    const asCritical = { ...c, claim: 'network', context: { sense: 'critical-point' }, evidence: { kind: 'critical-point' } as Evidence };
    expect(summaryOf(asCritical)).toBe('strict activation patterns (1 group(s)) and all 18 partial derivatives of ms are exactly 0: a critical point');
    (asCritical.network!.output.b as string[])[1] = r(c.network!.output.b[1]!).add(Rational.of(1n, 5n)).toString();
    const reason = reasonOf({ ...asCritical, ms: undefined });
    const m = /^the partial derivative of N·ms in parameter (\d+) is (-?\d+(?:\/\d+)?), not 0$/.exec(reason);
    expect(m, reason).not.toBeNull();
    const net = parseNet(asCritical.network, 2, ds.M, ds.Q);
    const K = flatten(net).length;
    const partial = (k: number) => costSeries(net, unflatten(flatten(net).map((_, i) => (i === k ? Rational.ONE : Rational.ZERO)), net), samplesOf(ds))![1];
    const k = Number(m![1]);
    for (let i = 0; i < k; i++) expect(partial(i).isZero(), `parameter ${i}`).toBe(true);
    expect(m![2]).toBe(partial(k).toString());
    expect(k).toBeLessThan(K);
  });
  it('a kink is not a point where the critical-point test applies', () => {
    const net = flatNet(Rational.ZERO);
    expect(reasonOf(certFor(net, 'critical-point', { kind: 'critical-point' } as Evidence, 'verified'))).toBe('a hidden pre-activation is exactly 0 on the data: the cost is not differentiable there');
    expect(reasonOf(certFor(net, 'all-parameters', { kind: 'pattern-bound', fits: [] } as unknown as Evidence, 'verified'))).toBe('a hidden pre-activation is exactly 0 on the data: the cost is not smooth there');
  });
  it('a lower-cost point must have the same layer sizes and a strictly lower ms', () => {
    const d2 = certOf('D2', { subset: [1], sense: 'all-parameters' });
    const d1 = certOf('D1');
    const lower = (at: Certificate, other: unknown): Certificate => ({ ...at, claim: 'network', context: { sense: 'global' }, verdict: 'refuted', evidence: { kind: 'lower-cost-point', network: other } as Evidence });
    expect(summaryOf(lower(d2, d1.network))).toMatch(/^a point of the same architecture has ms = 0 < \d+\/\d+: not a global minimum$/);
    expect(check(lower(d2, d1.network))).toMatchObject({ ok: true, statement: 'This network is not a global minimum: a network of the same architecture has strictly lower cost on the data.' });
    expect(reasonOf(lower(d1, d2.network))).toMatch(/^the other point's ms \d+\/\d+ is not below ms 0$/);
    expect(reasonOf(lower(d1, d1.network))).toBe("the other point's ms 0 is not below ms 0");
    const wide = { hidden: [{ W: [['1', '0'], ['0', '1'], ['1', '1']], b: ['0', '0', '0'] }, { W: [['1', '0', '0'], ['0', '1', '0']], b: ['0', '0'] }], output: { W: [['1', '0'], ['0', '1']], b: ['0', '0'] } };
    expect(reasonOf(lower(d2, wide))).toBe('the lower-cost point has another architecture (layer sizes differ)');
    expect(check(lower(d2, certOf('S3', { bias: 'free' }).network))).toMatchObject({ ok: false, unusable: true });
  });
  it('a second-order descent at a critical point refutes a local minimum, but not criticality', () => {
    const net = flatNet(Rational.ONE);
    const d = decideAllParameters(net, ds, msExact(net, ds));
    if (d.status !== 'refuted' || d.evidence.kind !== 'descent') throw new Error('expected a descent');
    expect(d.evidence.order).toBe(2);
    const cert = certFor(net, 'all-parameters', d.evidence, 'refuted');
    const series = costSeries(parseNet(cert.network, 1, ds.M, ds.Q), unflatten(d.evidence.direction.map(r), parseNet(cert.network, 1, ds.M, ds.Q)), samplesOf(ds))!;
    expect(series[1].isZero()).toBe(true);
    expect(d.evidence.coefficient).toBe(series[2].toString());
    expect(summaryOf(cert)).toBe(`zero first and negative second derivative (${series[2]}) along the given direction: not a local minimum`);
    expect(reasonOf(withEvidence(cert, { coefficient: '-1' }))).toBe(`the second-order coefficient is ${series[2]}, the certificate says -1`);
    expect(reasonOf({ ...cert, context: { sense: 'critical-point' } })).toBe('only a first-order descent shows that the point is not critical');
  });
  it('at a kink, a direction moving the hidden layers is checked by the one-sided series (the oracle\'s coefficients)', () => {
    // Hidden pre-activations all exactly 0. With the output bias at the target mean the first
    // coefficient vanishes along any direction (second-order cases); off the mean it need not.
    let firstOrder = 0;
    let secondOrder = 0;
    let notNegative = 0;
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647), (seed % 7) - 3);
    for (const offset of [Rational.of(1n, 3n), Rational.ZERO]) {
      const net = flatNet(Rational.ZERO, offset);
      const onet = parseNet(certFor(net, 'all-parameters', { kind: 'cost-zero' } as Evidence, 'verified').network, 1, ds.M, ds.Q);
      const K = flatten(onet).length;
      for (let trial = 0; trial < 80; trial++) {
        const d = Array.from({ length: K }, () => Rational.int(rnd()));
        if (!d.slice(0, 6).some((v) => !v.isZero())) continue;
        const s = costSeries(onet, unflatten(d, onet), samplesOf(ds), true)!;
        const direction = d.map((v) => v.toString());
        const descent = (order: 1 | 2, coefficient: Rational) => certFor(net, 'all-parameters', { kind: 'descent', order, direction, coefficient: coefficient.toString() } as Evidence, 'refuted');
        if (s[1].sign() < 0) {
          expect(summaryOf(descent(1, s[1]))).toBe(`one-sided (t > 0) directional derivative ${s[1]}/N < 0 along the given direction: not a local minimum`);
          expect(reasonOf(descent(1, s[1].sub(Rational.ONE)))).toBe(`the first-order coefficient is ${s[1]}, the certificate says ${s[1].sub(Rational.ONE)}`);
          expect(reasonOf(descent(2, s[2]))).toBe(`the first-order coefficient is ${s[1]}, not 0`);
          firstOrder++;
        } else if (s[1].isZero() && s[2].sign() < 0) {
          expect(summaryOf(descent(2, s[2]))).toBe(`one-sided (t > 0): zero first and negative second derivative (${s[2]}) along the given direction: not a local minimum`);
          expect(reasonOf(descent(2, s[2].sub(Rational.ONE)))).toBe(`the second-order coefficient is ${s[2]}, the certificate says ${s[2].sub(Rational.ONE)}`);
          secondOrder++;
        } else {
          expect(reasonOf(descent(1, s[1]))).toBe(`the first-order coefficient ${s[1]} is not negative`);
          notNegative++;
        }
      }
    }
    expect([firstOrder > 0, secondOrder > 0, notNegative > 0]).toEqual([true, true, true]);
  });
});
