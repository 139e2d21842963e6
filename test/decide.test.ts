/**
 * `decide` on given networks: networks taken from verify's certificates, then perturbed;
 * random networks of any hidden widths; non-smooth points. The exact ms is compared with the
 * per-point definition (msExact, independent of the pattern groups), every verified/refuted
 * verdict carries a certificate the checker accepts, and the verdicts are consistent with
 * each other. The checker refuses borrowed or misapplied evidence for claim "network".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { loadExample } from '../src/data/examples.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { verify } from '../src/claims/verify.ts';
import { decideNetwork, type DecisionReport } from '../src/claims/decide-network.ts';
import { costSeriesOneSided, parseNetwork } from '../src/certificates/kernel.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { makeCertificate } from '../src/certificates/build.ts';
import { engineNetwork, type Network } from '../src/network/network.ts';
import { msExact } from '../src/network/cost.ts';
import { hiddenTrace } from '../src/network/forward.ts';
import { classifyPatterns, patternLabel } from '../src/network/pattern-groups.ts';
import { msPointwise } from './oracles/pointwise-cost.ts';
import { flattenParams, layerShape, unflattenParams } from '../src/network/params.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { anyWidthNetworkArb } from '../properties/arbitraries/network.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { affineLeastSquaresStats, solveLeastSquares } from '../src/exact/least-squares.ts';
import { Deadline } from '../src/util/deadline.ts';

const SEED = 20261128;

/** Every verdict: a certificate exactly when verified/refuted, accepted by the checker, of claim "network" and the verdict's sense. */
function expectCertified(r: DecisionReport): void {
  for (const v of r.verdicts) {
    if (v.status === 'verified' || v.status === 'refuted') {
      expect(v.certificate, v.claim).toBeDefined();
      expect(v.certificate!.claim).toBe('network');
      expect(`network/${String(v.certificate!.context?.sense)}`).toBe(v.claim);
      expect(v.certificate!.verdict).toBe(v.status);
      const check = checkCertificate(v.certificate!, r.ds);
      expect(check.ok, `${v.claim}: ${check.ok ? '' : check.reason}`).toBe(true);
    } else {
      expect(v.certificate).toBeUndefined();
      expect(v.reason.length).toBeGreaterThan(0);
    }
  }
}

/** Logical consistency: a local minimum is a critical point and is minimal over the output layer; ms = 0 is a global minimum. */
function expectConsistent(r: DecisionReport): void {
  const s = Object.fromEntries(r.verdicts.map((v) => [v.claim.slice('network/'.length), v.status]));
  if (s['all-parameters'] === 'verified') {
    expect(s['critical-point']).toBe('verified');
    expect(s['output-layer']).toBe('verified');
  }
  if (s['critical-point'] === 'refuted' || s['output-layer'] === 'refuted') expect(s['all-parameters']).toBe('refuted');
  expect(s.global === 'verified').toBe(r.ms.isZero());
  if (s.global === 'verified') expect(s['all-parameters']).not.toBe('refuted');
}

/** Independent soundness of every descent certificate: the per-point cost at p + t·d drops below ms for some small t > 0. */
function expectDescentsReal(r: DecisionReport): void {
  const p = flattenParams(r.net);
  for (const v of r.verdicts) {
    const ev = v.certificate?.evidence;
    if (ev?.kind !== 'descent') continue;
    const d = ev.direction.map((x) => Rational.parse(x));
    const drops = [3n, 6n, 10n, 16n].some((e) => {
      const t = Rational.of(1n, 10n ** e);
      return msExact(unflattenParams(p.map((x, i) => x.add(t.mul(d[i]!))), layerShape(r.net)), r.ds).lt(r.ms);
    });
    expect(drops, `${v.claim}: the cost does not drop along the certified direction`).toBe(true);
  }
}

function perturb(net: Network, k: number, by: Rational): Network {
  const p = flattenParams(net);
  p[k] = p[k]!.add(by);
  return unflattenParams(p, layerShape(net));
}

describe('decide on networks from verify’s certificates, and perturbed', () => {
  for (const name of ['clusters-q2', 'clusters-q3']) {
    it(name, () => {
      const ds = loadExample(name);
      const rep = verify(ds, {});
      const nets = rep.claims.filter((c) => c.certificate?.network && (c.id === 'D1' || c.id === 'S3' || (c.id === 'D2' && c.sense === 'all-parameters')));
      expect(nets.length).toBeGreaterThan(3);
      for (const c of nets) {
        const net = engineNetwork(parseNetwork(c.certificate!.network, c.certificate!.shape.L, ds.M, ds.Q));
        const r = decideNetwork(net, ds);
        expect(r.ms.eq(msExact(net, ds)), `${c.id} ms`).toBe(true);
        expectCertified(r);
        expectConsistent(r);
        // The same point as verify decided: the verdicts agree where both decide.
        const all = r.verdicts.find((v) => v.claim === 'network/all-parameters')!;
        if (c.id === 'D2' || c.id === 'S3') expect(all.status).toBe(c.status);
        if (c.id === 'D1') expect(r.verdicts.find((v) => v.claim === 'network/global')!.status).toBe('verified');
        if (c.id === 'D2') {
          expect(r.truncation.d2.subset).toEqual(c.subset);
          expect(r.truncation.d2.onStratum).toBe(true);
          expect(r.truncation.d2.candidate).toMatchObject({ sameParameters: true, sameCost: true });
        }
        // Perturbed: one parameter moved by a small exact amount.
        const K = flattenParams(net).length;
        for (const k of [0, Math.floor(K / 2), K - 1]) {
          const moved = perturb(net, k, Rational.of(1n, 97n));
          const rp = decideNetwork(moved, ds);
          expect(rp.ms.eq(msExact(moved, ds))).toBe(true);
          expectCertified(rp);
          expectConsistent(rp);
        }
      }
    }, 120_000);
  }

  it('the D1 global minimizer: every class collapsed by its layer, ms = 0', () => {
    const ds = loadExample('clusters-q3');
    const d1 = verify(ds, { skipD2: true }).claims.find((c) => c.id === 'D1')!;
    const net = engineNetwork(parseNetwork(d1.certificate!.network, ds.Q, ds.M, ds.Q));
    const r = decideNetwork(net, ds);
    expect(r.ms.isZero()).toBe(true);
    expect(r.truncation.truncatedAt.every((t) => t !== null)).toBe(true);
    expect(r.truncation.d2.onStratum).toBe(false);
  });
});

describe('decide on random networks of any hidden widths', () => {
  it('exact ms equals the per-point definition; every certificate checks; verdicts consistent', () => {
    fc.assert(
      fc.property(
        fc.record({ M: fc.integer({ min: 1, max: 3 }), Q: fc.integer({ min: 2, max: 3 }) }).chain(({ M, Q }) => fc.tuple(dataSetArb(M, Q, 3), anyWidthNetworkArb(M, Q))),
        ([ds, net]) => {
          const r = decideNetwork(net, ds);
          expect(r.ms.eq(msExact(net, ds))).toBe(true);
          expectCertified(r);
          expectConsistent(r);
          expectDescentsReal(r);
          expect(r.smooth).toBe(ds.classes.every((c) => c.points.every((x) => hiddenTrace(net, x).preActivations.every((z) => z.every((v) => !v.isZero())))));
        },
      ),
      { seed: SEED, numRuns: fuzzRuns(40, 400), endOnFailure: true },
    );
  }, 120_000);

  it('with the output layer fitted exactly (so only hidden moves can descend, often at non-smooth points): same guarantees', () => {
    let nonSmooth = 0;
    fc.assert(
      fc.property(
        fc.record({ M: fc.integer({ min: 1, max: 3 }), Q: fc.integer({ min: 2, max: 3 }) }).chain(({ M, Q }) => fc.tuple(dataSetArb(M, Q, 3), anyWidthNetworkArb(M, Q))),
        ([ds, raw]) => {
          // The exact least-squares output layer on the last hidden activations (ReLU(0) = 0).
          const rows = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x: hiddenTrace(raw, x).activations.at(-1) ?? [...x], y: ds.targets[j]! })));
          const A = solveLeastSquares(affineLeastSquaresStats(rows)).A;
          const w = A.cols - 1;
          const net: Network = { hidden: raw.hidden, output: { W: new Matrix(A.rows, w, A.toRows().flatMap((r) => r.slice(0, w))), b: A.toRows().map((r) => r[w]!) } };
          const r = decideNetwork(net, ds);
          if (!r.smooth) nonSmooth++;
          expect(r.verdicts.find((v) => v.claim === 'network/output-layer')!.status).toBe('verified');
          expect(r.ms.eq(msExact(net, ds))).toBe(true);
          expectCertified(r);
          expectConsistent(r);
          expectDescentsReal(r);
        },
      ),
      { seed: SEED, numRuns: fuzzRuns(40, 400), endOnFailure: true },
    );
    expect(nonSmooth).toBeGreaterThan(0);
  }, 120_000);

  it('pattern groups of non-uniform networks are the per-point patterns, and msExact = the per-point oracle', () => {
    fc.assert(
      fc.property(
        fc.record({ M: fc.integer({ min: 1, max: 3 }), Q: fc.integer({ min: 2, max: 3 }) }).chain(({ M, Q }) => fc.tuple(dataSetArb(M, Q, 4), anyWidthNetworkArb(M, Q))),
        ([ds, net]) => {
          const widths = net.hidden.map((l) => l.W.rows);
          for (const pass of ['loop', 'compiled'] as const) {
            const cls = classifyPatterns(net, ds, pass);
            const fromGroups = new Map<string, string>();
            cls.groups.forEach((g) => g.rows.forEach((rows, j) => rows.forEach((i) => fromGroups.set(`${j}:${i}`, patternLabel(g.mask, net.hidden.length, widths)))));
            ds.classes.forEach((c, j) =>
              c.points.forEach((x, i) => {
                const label = hiddenTrace(net, x).preActivations.map((z) => z.map((v) => (v.sign() > 0 ? '+' : '-')).join('')).join('|');
                expect(fromGroups.get(`${j}:${i}`)).toBe(label);
              }),
            );
            expect(msExact(net, ds, cls).eq(msPointwise(net, ds))).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: fuzzRuns(40, 400), endOnFailure: true },
    );
  });
});

/** Two classes on a line; one hidden unit z = x − 1, exactly 0 at the point x = 1. */
function nonSmoothCase(outputBias: string): { ds: DataSet; net: Network } {
  const ds = dataSetArbFixed([[[q(0)], [q(1)]], [[q(2)], [q(3)]]]);
  const net: Network = {
    hidden: [{ W: Matrix.fromRows([[1]]), b: [q(-1)] }],
    output: { W: Matrix.fromRows([[-1], [1]]), b: [q(outputBias), q(0)] },
  };
  return { ds, net };
}
const samplesOf = (ds: DataSet) => ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
function dataSetArbFixed(classes: Rational[][][]): DataSet {
  const Q = classes.length;
  return {
    name: 'line',
    M: 1,
    Q,
    N: classes.reduce((n, c) => n + c.length, 0),
    classes: classes.map((points, j) => ({ label: `c${j + 1}`, points })),
    targets: Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, k) => (k === j ? Rational.ONE : Rational.ZERO))),
    source: { kind: 'example', name: 'line', sha256: '' },
  };
}

describe('non-smooth points (a pre-activation exactly 0 on a data point)', () => {
  it('an output layer off its optimum refutes all-parameters and critical-point soundly, moving the output layer alone', () => {
    const { ds, net } = nonSmoothCase('5');
    const r = decideNetwork(net, ds);
    expect(r.smooth).toBe(false);
    expectCertified(r);
    for (const v of r.verdicts.filter((v) => v.claim !== 'network/global')) {
      expect(v.status).toBe('refuted');
      const d = unflattenParams(v.certificate!.evidence.kind === 'descent' ? v.certificate!.evidence.direction.map((s) => Rational.parse(s)) : [], layerShape(net));
      expect(d.hidden.every((l) => l.W.isZero() && l.b.every((x) => x.isZero()))).toBe(true);
    }
  });

  it('with the output layer at its optimum: a one-sided descent moving the hidden layer, and the cost really drops along it', () => {
    const { ds, net } = nonSmoothCase('0');
    // Hidden outputs h = σ(x − 1) ∈ {0, 0, 1, 2}: class 1 → (1, 0), class 2 → (0, 1); the LS fit of y on (h, 1):
    // output 1 on (h, y) = (0, 1), (0, 1), (1, 0), (2, 0) has slope −6/11, intercept 10/11; output 2 = 1 − output 1.
    const opt: Network = { hidden: net.hidden, output: { W: Matrix.fromRows([[q('-6/11')], [q('6/11')]]), b: [q('10/11'), q('1/11')] } };
    const r = decideNetwork(opt, ds);
    expect(r.smooth).toBe(false);
    expectCertified(r);
    const s = Object.fromEntries(r.verdicts.map((v) => [v.claim, v]));
    expect(s['network/output-layer']!.status).toBe('verified');
    const all = s['network/all-parameters']!;
    expect(all.status).toBe('refuted');
    const ev = all.certificate!.evidence;
    if (ev.kind !== 'descent') throw new Error('expected a descent');
    const d = ev.direction.map((v) => Rational.parse(v));
    const dn = unflattenParams(d, layerShape(opt));
    expect(dn.hidden.some((l) => !l.W.isZero() || l.b.some((v) => !v.isZero()))).toBe(true);
    // Independently, point by point: the cost at p + t·d is below ms for small t > 0.
    const p = flattenParams(opt);
    const ms = msExact(opt, ds);
    // (c1 = −48/121 and c2 ≈ 78 here: t must be below about 1/200.)
    for (const t of [Rational.of(1n, 1000n), Rational.of(1n, 10_000n), Rational.of(1n, 10n ** 8n)]) {
      const moved = unflattenParams(p.map((v, i) => v.add(t.mul(d[i]!))), layerShape(opt));
      expect(msExact(moved, ds).lt(ms), `t = ${t}`).toBe(true);
    }
  });

  it('at a non-smooth global minimum (ms = 0) no descent exists: the all-parameter verdicts are inconclusive with the reason', () => {
    const ds = dataSetArbFixed([[[q(0)], [q(1)]], [[q(2)]]]);
    const net: Network = { hidden: [{ W: Matrix.fromRows([[1]]), b: [q(-1)] }], output: { W: Matrix.fromRows([[-1], [1]]), b: [q(1), q(0)] } };
    const r = decideNetwork(net, ds);
    expectCertified(r);
    const s = Object.fromEntries(r.verdicts.map((v) => [v.claim, v]));
    expect(r.ms.isZero()).toBe(true);
    expect(s['network/global']!.status).toBe('verified');
    expect(s['network/output-layer']!.status).toBe('verified');
    for (const c of ['network/all-parameters', 'network/critical-point']) {
      expect(s[c]!.status).toBe('inconclusive');
      expect(s[c]!.reason).toMatch(/exactly 0 on the data/);
    }
  });

  it('the checker takes one-sided coefficients for a descent moving a hidden layer at a non-smooth point, and checks them', () => {
    const { ds, net } = nonSmoothCase('5');
    const K = flattenParams(net).length;
    const ms = msExact(net, ds);
    const cert = (dir: string[], coefficient: string) =>
      makeCertificate({ claim: 'network', verdict: 'refuted', statement: 's', ds, net, ms, evidence: { kind: 'descent', direction: dir, order: 1, coefficient }, context: { sense: 'all-parameters' } });
    const up = new Array<string>(K).fill('0');
    up[1] = '1'; // b_1 up: the unit at 0 turns on for t > 0
    const down = up.map((v) => (v === '1' ? '-1' : v));
    const series = (dir: string[]) => costSeriesOneSided(net, unflattenParams(dir.map((v) => Rational.parse(v)), layerShape(net)), samplesOf(ds));
    const [, c1up] = series(up);
    const [, c1down] = series(down);
    // One-sided derivatives are not odd: the two directions see different pieces.
    expect(c1up.add(c1down).isZero()).toBe(false);
    for (const [dir, c1] of [[up, c1up], [down, c1down]] as const) {
      const check = checkCertificate(cert([...dir], c1.toString()), ds);
      expect(check.ok).toBe(c1.sign() < 0);
      if (c1.sign() < 0) {
        // Independently: the cost at p + t·d is below ms for a small t > 0.
        const p = flattenParams(net);
        const moved = unflattenParams(p.map((v, i) => v.add(Rational.of(1n, 10n ** 6n).mul(Rational.parse(dir[i]!)))), layerShape(net));
        expect(msExact(moved, ds).lt(ms)).toBe(true);
      }
      expect(checkCertificate(cert([...dir], c1.sub(Rational.ONE).toString()), ds).ok).toBe(false);
    }
  });
});

describe('time limits', () => {
  it('an expired deadline gives "inconclusive" with the reason "time limit", never a verdict without work', () => {
    const ds = loadExample('clusters-q2');
    const net = engineNetwork(parseNetwork(verify(ds, { skipD2: true }).claims.find((c) => c.id === 'S3')!.certificate!.network, 1, ds.M, ds.Q));
    const r = decideNetwork(net, ds, { deadline: Deadline.in(0) });
    expect(r.ms.eq(msExact(net, ds))).toBe(true);
    for (const v of r.verdicts) {
      expect(v.status).toBe('inconclusive');
      expect(v.reason).toMatch(/^time limit/);
    }
  });
});

describe('the checker binds claim "network" to its senses', () => {
  const ds = loadExample('clusters-q2');
  const rep = verify(ds, {});
  const d2 = rep.claims.find((c) => c.id === 'D2' && c.sense === 'all-parameters' && c.status === 'refuted' && c.subset!.length === 1)!;
  const net = engineNetwork(parseNetwork(d2.certificate!.network, ds.Q, ds.M, ds.Q));
  const r = decideNetwork(net, ds);
  const byClaim = Object.fromEntries(r.verdicts.map((v) => [v.claim, v]));

  it('refuses evidence of another sense, a hidden move for the output layer, a second-order descent for critical-point, and a missing sense', () => {
    const all = byClaim['network/all-parameters']!.certificate!;
    expect(all.evidence.kind).toBe('descent');
    const as = (sense: string | undefined, evidence = all.evidence) => checkCertificate({ ...all, evidence, context: sense === undefined ? undefined : { sense } }, ds);
    expect(as('all-parameters').ok).toBe(true);
    expect(as('output-layer').ok).toBe(false); // this direction moves hidden layers
    expect(as(undefined).ok).toBe(false);
    expect(as('nonsense').ok).toBe(false);
    const outCert = byClaim['network/output-layer']!.certificate!;
    expect(checkCertificate({ ...outCert, context: { sense: 'global' } }, ds).ok).toBe(false);
    // critical-point evidence for a point that is not critical is rejected.
    expect(checkCertificate({ ...all, verdict: 'verified', evidence: { kind: 'critical-point' }, context: { sense: 'critical-point' } }, ds).ok).toBe(false);
    if (all.evidence.kind === 'descent') expect(checkCertificate({ ...all, evidence: { ...all.evidence, order: 2 }, context: { sense: 'critical-point' } }, ds).ok).toBe(false);
  });

  it('the J = ∅ candidate is a local minimum but not a global one: the D1 network of the same architecture has ms = 0', () => {
    const empty = rep.claims.find((c) => c.id === 'D2' && c.sense === 'all-parameters' && c.subset!.length === 0)!;
    const n0 = engineNetwork(parseNetwork(empty.certificate!.network, ds.Q, ds.M, ds.Q));
    const r = decideNetwork(n0, ds);
    const global = r.verdicts.find((x) => x.claim === 'network/global')!;
    expect(r.verdicts.find((x) => x.claim === 'network/all-parameters')!.status).toBe('verified');
    expect(global.status).toBe('refuted');
    const ev = global.certificate!.evidence;
    if (ev.kind !== 'lower-cost-point') throw new Error('expected a lower-cost point');
    const other = engineNetwork(parseNetwork(ev.network, ds.Q, ds.M, ds.Q));
    expect(msExact(other, ds).lt(msExact(n0, ds))).toBe(true);
    // The checker refuses a "lower" point that is not lower, or of another architecture.
    const swapped = { ...global.certificate!, network: ev.network, ms: '0', evidence: { kind: 'lower-cost-point' as const, network: global.certificate!.network! } };
    expect(checkCertificate(swapped, ds).ok).toBe(false);
    const wider = { ...ev.network, hidden: [{ W: [...ev.network.hidden[0]!.W, ev.network.hidden[0]!.W[0]!], b: [...ev.network.hidden[0]!.b, '0'] }, ...ev.network.hidden.slice(1)] };
    expect(checkCertificate({ ...global.certificate!, evidence: { kind: 'lower-cost-point', network: wider } }, ds).ok).toBe(false);
  });

  it('accepts critical-point evidence at the J = ∅ candidate (a local minimum, hence critical)', () => {
    const empty = rep.claims.find((c) => c.id === 'D2' && c.sense === 'all-parameters' && c.subset!.length === 0)!;
    const n0 = engineNetwork(parseNetwork(empty.certificate!.network, ds.Q, ds.M, ds.Q));
    const v = decideNetwork(n0, ds).verdicts.find((x) => x.claim === 'network/critical-point')!;
    expect(v.status).toBe('verified');
    expect(v.certificate!.evidence.kind).toBe('critical-point');
  });
});
