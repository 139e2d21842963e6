/**
 * D2 (SPEC §4, our reading): one candidate per proper subset J of the classes,
 * each decided over all parameters and over the output layer. Re-checked here
 * with our own forward pass and normal equations, plus a small case whose
 * candidate for J = {1} is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { Matrix } from '../src/exact/matrix.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import type { VerifyReport } from '../src/claims/verify-report.ts';
import type { ClaimResult } from '../src/claims/claim-result.ts';
import type { NetworkJson } from '../src/certificates/format.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { makeData } from './support/data.ts';
import { forwardJson, norm2, r, sub, Z, type V } from './oracles/certificate-oracle.ts';




const msOf = (net: NetworkJson, ds: DataSet): Rational =>
  ds.classes.reduce((s, c, j) => c.points.reduce((t, x) => t.add(norm2(sub(forwardJson(net, x).out, ds.targets[j]!))), s), Z).div(Rational.int(ds.N));

/** The output layer's normal equations, Σ (f(x) − y)(h(x), 1)ᵀ = 0, evaluated here. */
function outputGradientIsZero(net: NetworkJson, ds: DataSet): boolean {
  const Q = ds.Q;
  const M = ds.M;
  const G = Array.from({ length: Q }, () => new Array<Rational>(M + 1).fill(Z));
  ds.classes.forEach((c, j) =>
    c.points.forEach((x) => {
      const { last, out } = forwardJson(net, x);
      const res = sub(out, ds.targets[j]!);
      const h1 = [...last, Rational.ONE];
      for (let i = 0; i < Q; i++) for (let k = 0; k <= M; k++) G[i]![k] = G[i]![k]!.add(res[i]!.mul(h1[k]!));
    }),
  );
  return G.every((row) => row.every((v) => v.isZero()));
}

const d2Results = (rep: VerifyReport): ClaimResult[] => rep.claims.filter((c) => c.id === 'D2');
const d2For = (rep: VerifyReport, subset: number[], sense: 'all-parameters' | 'output-layer'): ClaimResult =>
  d2Results(rep).find((c) => c.sense === sense && c.subset!.join() === subset.join())!;

const reports = new Map<string, VerifyReport>();
function report(name: string): VerifyReport {
  if (!reports.has(name)) reports.set(name, verify(loadExample(name)));
  return reports.get(name)!;
}

describe('D2 on the examples', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5'])
    it(`${name}: 2^Q − 1 candidates, each decided in both senses; J = ∅ verified; output layers verified`, () => {
      const rep = report(name);
      const ds = rep.ds;
      const results = d2Results(rep);
      const subsets = new Set(results.map((c) => JSON.stringify(c.subset)));
      expect(subsets.size).toBe(2 ** ds.Q - 1);
      expect(results).toHaveLength(2 * (2 ** ds.Q - 1));
      // 1-based, proper, sorted subsets, ∅ included, the full set excluded.
      for (const s of subsets) {
        const J = JSON.parse(s) as number[];
        expect(J.every((j) => Number.isInteger(j) && j >= 1 && j <= ds.Q)).toBe(true);
        expect(J.length).toBeLessThan(ds.Q);
        expect([...J].sort()).toEqual(J);
      }
      expect(subsets.has('[]')).toBe(true);

      // J = ∅: nothing truncated, the output layer is the free affine fit: ms = Vfull², a local minimum.
      const empty = d2For(rep, [], 'all-parameters');
      expect(empty.status).toBe('verified');
      expect(empty.ms!.eq(rep.quantities.Vfull2)).toBe(true);

      for (const s of subsets) {
        const J = JSON.parse(s) as number[];
        const all = d2For(rep, J, 'all-parameters');
        const out = d2For(rep, J, 'output-layer');
        expect(all.status).not.toBe('not-applicable');
        // Both senses are about the same candidate.
        expect(out.certificate!.network).toEqual(all.certificate!.network);
        const net = out.certificate!.network!;
        expect(msOf(net, ds).eq(out.ms!)).toBe(true);
        // Every output-layer decision: verified, and the normal equations hold (checked here).
        expect(out.status).toBe('verified');
        expect(out.certificate!.evidence.kind).toBe('output-normal-equations');
        expect(outputGradientIsZero(net, ds)).toBe(true);
        // The truncated classes are collapsed: one output value per truncated class.
        for (const j of J) {
          const outs = ds.classes[j - 1]!.points.map((x) => forwardJson(net, x).out.map(String).join());
          expect(new Set(outs).size).toBe(1);
        }
        for (const c of [all, out]) {
          expect(['verified', 'refuted']).toContain(c.status);
          expect(checkCertificate(c.certificate!, ds).ok).toBe(true);
          expect(c.certificate!.context).toEqual({ subset: J, sense: c.sense });
        }
      }
    });

  it('summary fields agree with the individual results', () => {
    for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'overlap-q2']) {
      const rep = report(name);
      const results = d2Results(rep);
      const all = results.filter((c) => c.sense === 'all-parameters');
      const built = all.filter((c) => c.status !== 'not-applicable');
      const flats = built.map((c) => JSON.stringify(c.certificate!.network));
      expect(rep.d2).toEqual({
        candidates: 2 ** rep.ds.Q - 1,
        subsets: 'all',
        built: built.length,
        timedOut: results.filter((c) => c.status === 'inconclusive' && /time limit/.test(c.reason)).length / 2,
        distinctPoints: new Set(flats).size === flats.length,
        distinctCostValues: new Set(built.map((c) => c.ms!.toString())).size,
        localMinimaAllParameters: all.filter((c) => c.status === 'verified').length,
        minimaOutputLayer: results.filter((c) => c.sense === 'output-layer' && c.status === 'verified').length,
      });
    }
  });

  it('the figures: Q = 2 and 3 give one local minimum (J = ∅); M = 5 > Q = 3 adds three cost-0 candidates', () => {
    expect(report('clusters-q2').d2).toMatchObject({ built: 3, localMinimaAllParameters: 1, distinctPoints: true, distinctCostValues: 3 });
    expect(report('clusters-q3').d2).toMatchObject({ built: 7, localMinimaAllParameters: 1, distinctPoints: true, distinctCostValues: 7 });
    // clusters-q3-m5: truncating two classes leaves 2 apexes + the 4 points of the third class,
    // 6 points in R⁵: an affine map interpolates them, so those candidates have cost 0 (global minima).
    const m5 = report('clusters-q3-m5');
    for (const J of [[1, 2], [1, 3], [2, 3]]) {
      const c = d2For(m5, J, 'all-parameters');
      expect(c.ms!.isZero()).toBe(true);
      expect(c.status).toBe('verified');
    }
    expect(m5.d2).toMatchObject({ built: 7, localMinimaAllParameters: 4, distinctPoints: true, distinctCostValues: 5 });
    // overlap-q2: no hyperplane separates the classes, so only J = ∅ has a candidate.
    const ov = report('overlap-q2');
    expect(ov.d2).toMatchObject({ candidates: 3, built: 1, localMinimaAllParameters: 1 });
    for (const J of [[1], [2]]) expect(d2For(ov, J, 'all-parameters').status).toBe('not-applicable');
  });
});

describe('D2, J = {1}, worked by hand (Q = M = 2)', () => {
  /** θ, the apex of layer 1: the point where W₁θ + b₁ = 0. */
  const apexOf = (net: NetworkJson): V => Matrix.fromRows(net.hidden[0]!.W.map((row) => row.map(r))).solveVec(net.hidden[0]!.b.map((v) => r(v).neg()));

  it('class 2 of three points: θ is in their affine hull, the fit cannot reach y₁ at θ: refuted', () => {
    // Class 1: N₁ = 2 points near the origin; class 2: three non-collinear points x₁, x₂, x₃.
    // The J = {1} candidate collapses class 1 to the apex θ; the output layer is the affine
    // least-squares fit f of {θ (weight N₁) ↦ y₁} ∪ {x_i ↦ y₂}. Write θ = Σα_i x_i with Σα_i = 1
    // (barycentric coordinates; possible since the x_i span R² affinely). The values f_i = f(x_i)
    // are free and f(θ) = Σα_i f_i, so with g_i = f_i − y₂, d = y₁ − y₂ we minimise
    //   N₁|Σα_i g_i − d|² + Σ|g_i|²  ⇒  g_i = −N₁α_i ρ,  ρ := f(θ) − y₁ = −d / (1 + N₁|α|²),
    // and N·ms = N₁|ρ|² + Σ|g_i|² = N₁|d|² / (1 + N₁|α|²), |d|² = 2.
    // So the truncated class's residual ρ is NOT zero. Near this point class 1's output is set by
    // the later layers' biases alone while class 2's affine offset also moves with b₁ (class 1
    // stays dead): the two can be fitted independently, so the cost can be lowered — not a local
    // minimum over all parameters. Over the output layer it is a minimum (it is the LS fit).
    const ds = makeData('hand-d2-b', [
      [[0, 0], ['1/5', '1/10']],
      [[2, 0], [2, 2], [4, 1]],
    ]);
    const rep = verify(ds);
    const all = d2For(rep, [1], 'all-parameters');
    const out = d2For(rep, [1], 'output-layer');
    const net = all.certificate!.network!;
    const theta = apexOf(net);
    const [x1, x2, x3] = ds.classes[1]!.points;
    // α from [x₁ x₂ x₃; 1 1 1] α = (θ, 1).
    const alpha = Matrix.fromRows([[x1![0]!, x2![0]!, x3![0]!], [x1![1]!, x2![1]!, x3![1]!], [Rational.ONE, Rational.ONE, Rational.ONE]]).solveVec([...theta, Rational.ONE]);
    const N1 = Rational.int(2);
    const [y1, y2] = ds.targets;
    const rho = sub(y1!, y2!).map((v) => v.neg().div(Rational.ONE.add(N1.mul(norm2(alpha)))));
    // Apex output vs target: every class-1 point (and θ itself) maps to y₁ + ρ ≠ y₁.
    const expectedOut = y1!.map((v, i) => v.add(rho[i]!));
    for (const x of [...ds.classes[0]!.points, theta]) expect(forwardJson(net, x).out.map(String)).toEqual(expectedOut.map(String));
    expect(rho.some((v) => !v.isZero())).toBe(true);
    const expectedMs = N1.mul(Rational.int(2)).div(Rational.ONE.add(N1.mul(norm2(alpha)))).div(Rational.int(ds.N));
    expect(all.ms!.toString()).toBe(expectedMs.toString());
    expect(all.status).toBe('refuted');
    expect(all.certificate!.evidence.kind).toBe('descent');
    expect(out.status).toBe('verified');
    expect(checkCertificate(all.certificate!, ds).ok).toBe(true);
  });

  it('class 2 of two points: θ off their line, the fit interpolates (residual 0 at θ): verified', () => {
    // Now {θ, x₁, x₂} are affinely independent (θ is not on the line x₁x₂, checked below), so the
    // affine fit maps θ ↦ y₁ and x_i ↦ y₂ exactly: ρ = 0 and ms = 0, a global (hence local) minimum.
    const ds = makeData('hand-d2-a', [
      [[0, 0], ['1/5', '1/10']],
      [[2, 0], [2, 2]],
    ]);
    const rep = verify(ds);
    const all = d2For(rep, [1], 'all-parameters');
    const net = all.certificate!.network!;
    const theta = apexOf(net);
    const [x1, x2] = ds.classes[1]!.points;
    const cross = x2![0]!.sub(x1![0]!).mul(theta[1]!.sub(x1![1]!)).sub(x2![1]!.sub(x1![1]!).mul(theta[0]!.sub(x1![0]!)));
    expect(cross.isZero()).toBe(false);
    for (const x of [...ds.classes[0]!.points, theta]) expect(forwardJson(net, x).out.map(String)).toEqual(ds.targets[0]!.map(String));
    expect(all.ms!.isZero()).toBe(true);
    expect(all.status).toBe('verified');
    expect(checkCertificate(all.certificate!, ds).ok).toBe(true);
  });
});
