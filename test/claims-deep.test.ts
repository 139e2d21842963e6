/**
 * The deep claims (SPEC §4: D1, degeneracy, D3, R1) as `verify` reports them, re-checked with
 * code written for the tests: the certificate oracle's forward pass and parameter order
 * and cumulative parameters (test/oracles), and truncation maps written here.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import type { VerifyReport } from '../src/claims/verify-report.ts';
import type { ClaimResult } from '../src/claims/claim-result.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { checkD1 } from '../src/claims/deep.ts';
import type { FamilyJson, NetworkJson } from '../src/certificates/format.ts';
import { checkCertificate } from '../src/certificates/check.ts';
// The certificate oracle's own forward pass and parameter order (written for the tests, independent of src/).
import { Z, cumulative, dot, flatten, forward, norm2, r, relu, sub, unflatten, type V } from './oracles/certificate-oracle.ts';
import { makeData } from './support/data.ts';



interface Net {
  hidden: { W: V[]; b: V }[];
  output: { W: V[]; b: V };
}
const parseNet = (n: NetworkJson): Net => {
  const layer = (l: { W: string[][]; b: string[] }) => ({ W: l.W.map((row) => row.map(r)), b: l.b.map(r) });
  return { hidden: n.hidden.map(layer), output: layer(n.output) };
};

/** Every residual on the data, flattened. */
const residuals = (net: Net, ds: DataSet): V => ds.classes.flatMap((c, j) => c.points.flatMap((x) => sub(forward(net, x).out, ds.targets[j]!)));
const allZero = (v: V): boolean => v.every((x) => x.isZero());

/** τ-images z_1..z_L of x: z_ℓ = W^(ℓ)⁻¹(σ(W^(ℓ)z_{ℓ−1} + b^(ℓ)) − b^(ℓ)). */
function curated(net: Net, x: readonly Rational[]): V[] {
  const cum = cumulative(net);
  const out: V[] = [];
  let z: V = [...x];
  for (let l = 0; l < net.hidden.length; l++) {
    const W = cum.W[l]!;
    const b = cum.b[l]!;
    z = W.inverse().mulVec(sub(relu(W.mulVec(z).map((v, i) => v.add(b[i]!))), b));
    out.push(z);
  }
  return out;
}

function spread(points: readonly V[]): Rational {
  const n = Rational.int(points.length);
  const mean = points[0]!.map((_, k) => points.reduce((s, p) => s.add(p[k]!), Z).div(n));
  return points.reduce((s, p) => s.add(norm2(sub(p, mean))), Z).div(n);
}

const reports = new Map<string, VerifyReport>();
function report(name: string, layers?: number): VerifyReport {
  const key = `${name}/${layers ?? ''}`;
  if (!reports.has(key)) reports.set(key, verify(loadExample(name), { skipD2: true, ...(layers ? { layers } : {}) }));
  return reports.get(key)!;
}
const find = (rep: VerifyReport, id: string): ClaimResult => rep.claims.find((c) => c.id === id)!;

const CLUSTERED = ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4'];

describe('D1: global minimizers on clustered data', () => {
  for (const name of CLUSTERED)
    it(`${name}: verified; our forward pass of the certificate's network has residual exactly 0 on every point`, () => {
      const rep = report(name);
      const d1 = find(rep, 'D1');
      expect(d1.status).toBe('verified');
      expect(d1.ms!.isZero()).toBe(true);
      const net = parseNet(d1.certificate!.network!);
      expect(net.hidden).toHaveLength(rep.ds.Q);
      expect(allZero(residuals(net, rep.ds))).toBe(true);
      expect(checkCertificate(d1.certificate!, rep.ds).ok).toBe(true);
      // Each hidden layer truncates exactly one class: its points have every pre-activation < 0 there.
      const order = (d1.details as { order: number[] }).order;
      expect([...order].sort()).toEqual(rep.ds.classes.map((_, j) => j + 1));
      order.forEach((cls, l) => {
        for (const x of rep.ds.classes[cls - 1]!.points) expect(forward(net, x).pre[l]!.every((v) => v.sign() < 0)).toBe(true);
      });
    });

  it('class order search: class 1 cannot be truncated first, yet D1 is verified with another order', () => {
    // Class 1's point (0, 1/2, 0) = 3/8·(3,1,0) + 3/8·(−3,1,0) + 1/4·(0,−1,0) lies in the convex hull
    // of classes 2 and 3, so no hyperplane puts class 1 alone on one side: order 1, 2, 3 fails at
    // its first step. Class 2 (all at y = 1, the others at y ≤ 1/2) can be cut off first; its apex
    // lies near its mean (4/3, 1, ·) pushed to the separating plane, well off the line through
    // class 1 and class 3 (x ≈ 0), so class 1 can then be cut off from class 3 and that apex, and
    // class 3 last. The engine must find such an order.
    const ds = makeData('order-search', [
      [[0, '1/2', 0], ['1/10', '2/5', '1/10'], ['-1/10', '2/5', '-1/10']],
      [[3, 1, 0], [4, 1, '1/10'], [-3, 1, 0]],
      [[0, -1, 0], ['1/10', -1, '1/10'], ['-1/10', '-11/10', 0]],
    ]);
    const [c1, c2, c3] = ds.classes.map((c) => c.points);
    const combo = [0, 1, 2].map((k) => r('3/8').mul(c2![0]![k]!).add(r('3/8').mul(c2![2]![k]!)).add(r('1/4').mul(c3![0]![k]!)));
    expect(combo.map(String)).toEqual(c1![0]!.map(String));

    const rep = verify(ds, { skipD2: true });
    const d1 = find(rep, 'D1');
    expect(d1.status).toBe('verified');
    const order = (d1.details as { order: number[] }).order;
    expect(order[0]).not.toBe(1);
    const net = parseNet(d1.certificate!.network!);
    expect(allZero(residuals(net, ds))).toBe(true);
    expect(checkCertificate(d1.certificate!, ds).ok).toBe(true);
  });

  it('overlap-q2: not applicable, with a convex-overlap certificate that the checker accepts', () => {
    const rep = report('overlap-q2');
    const d1 = find(rep, 'D1');
    expect(d1.status).toBe('not-applicable');
    const cert = d1.certificate!;
    expect(cert.verdict).toBe('not-applicable');
    const ev = cert.evidence as { kind: 'convex-overlap'; classes: [number, number]; weights: [string[], string[]] };
    expect(ev.kind).toBe('convex-overlap');
    // Our own check: two convex combinations, one of each class, coincide.
    const point = (j: number, w: string[]) => {
      const lam = w.map(r);
      expect(lam.every((v) => v.sign() >= 0)).toBe(true);
      expect(lam.reduce((s, v) => s.add(v), Z).eq(Rational.ONE)).toBe(true);
      return rep.ds.classes[j]!.points.reduce<V>((s, p, i) => s.map((v, k) => v.add(p[k]!.mul(lam[i]!))), [Z, Z]);
    };
    expect(point(ev.classes[0], ev.weights[0]).map(String)).toEqual(point(ev.classes[1], ev.weights[1]).map(String));
    expect(checkCertificate(cert, rep.ds).ok).toBe(true);
    for (const id of ['D1-degeneracy', 'D3']) expect(find(rep, id).status).toBe('not-applicable');
  });

  it('iris: not applicable (versicolor and virginica overlap), certificate accepted', () => {
    const ds = loadExample('iris');
    const d1 = checkD1(ds, ds.Q, buildD1(ds, ds.Q));
    expect(d1.status).toBe('not-applicable');
    expect(d1.certificate!.evidence.kind).toBe('convex-overlap');
    expect(checkCertificate(d1.certificate!, ds).ok).toBe(true);
  });

  it('L < Q: not applicable, without a certificate, and nothing built on it', () => {
    const rep = report('clusters-q3', 2);
    const d1 = find(rep, 'D1');
    expect(d1.status).toBe('not-applicable');
    expect(d1.reason).toMatch(/L/);
    expect(d1.certificate).toBeUndefined();
    expect(find(rep, 'D1-degeneracy').status).toBe('not-applicable');
  });

  it('L > Q: verified with L hidden layers, residual exactly 0', () => {
    for (const [name, L] of [['clusters-q2', 4], ['clusters-q3', 5]] as const) {
      const rep = report(name, L);
      const d1 = find(rep, 'D1');
      expect(d1.status).toBe('verified');
      const net = parseNet(d1.certificate!.network!);
      expect(net.hidden).toHaveLength(L);
      expect(d1.certificate!.shape.L).toBe(L);
      expect(allZero(residuals(net, rep.ds))).toBe(true);
      expect(checkCertificate(d1.certificate!, rep.ds).ok).toBe(true);
    }
  });
});

describe('D1 degeneracy: the families are families of minimizers', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5'])
    it(`${name}: every family, sampled at several parameters, keeps the cost exactly 0`, () => {
      const rep = report(name);
      const deg = find(rep, 'D1-degeneracy');
      expect(deg.status).toBe('verified');
      const cert = deg.certificate!;
      const ev = cert.evidence as { kind: 'families'; families: FamilyJson[]; tangentRank: number; jacobianRank: number; paramCount: number };
      const net = parseNet(cert.network!);
      const p = flatten(net);
      const { M, Q } = rep.ds;
      const L = net.hidden.length;
      expect(ev.paramCount).toBe(L * (M * M + M) + Q * M + Q);
      expect(p).toHaveLength(ev.paramCount);
      expect(allZero(residuals(net, rep.ds))).toBe(true);
      const kinds = new Set(ev.families.map((f) => f.type));
      expect(kinds).toEqual(new Set(['output-null', 'unit-rescaling']));
      for (const fam of ev.families) {
        if (fam.type === 'output-null') {
          const d = fam.direction.map(r);
          const outputStart = L * (M * M + M);
          expect(d.slice(0, outputStart).every((v) => v.isZero())).toBe(true);
          expect(d.some((v) => !v.isZero())).toBe(true);
          for (const s of ['-3', '1/7', '5', '1000', '-22/9'].map(r)) {
            const moved = unflatten(p.map((v, i) => v.add(d[i]!.mul(s))), net);
            expect(allZero(residuals(moved, rep.ds))).toBe(true);
          }
        } else {
          for (const t of ['1/3', '2', '7/5', '100'].map(r)) {
            // Unit k of layer ℓ scaled by t (its row of W_ℓ and b_ℓ), column k of layer ℓ+1 by 1/t.
            const layers = [...net.hidden, net.output].map((l, idx) => ({
              W: l.W.map((row, i) => row.map((v, j) => (idx === fam.layer - 1 && i === fam.unit ? v.mul(t) : idx === fam.layer && j === fam.unit ? v.div(t) : v))),
              b: l.b.map((v, i) => (idx === fam.layer - 1 && i === fam.unit ? v.mul(t) : v)),
            }));
            const moved = { hidden: layers.slice(0, -1), output: layers[layers.length - 1]! };
            expect(flatten(moved).some((v, i) => !v.eq(p[i]!))).toBe(true);
            expect(allZero(residuals(moved, rep.ds))).toBe(true);
          }
        }
      }
      const ld = (deg.details as { localDimension: { lower: number; upper: number } }).localDimension;
      expect(ld.lower).toBe(ev.tangentRank);
      expect(ld.upper).toBe(ev.paramCount - ev.jacobianRank);
      expect(ld.lower).toBeGreaterThanOrEqual(1);
      expect(ld.lower).toBeLessThanOrEqual(ld.upper);
      expect(checkCertificate(cert, rep.ds).ok).toBe(true);
    });
});

describe('D3 and R1 along the D1 network', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q4'])
    it(`${name}: spreads recomputed here are non-increasing and vanish from each truncation layer on; R1 holds`, () => {
      const rep = report(name);
      const d3 = find(rep, 'D3');
      expect(d3.status).toBe('verified');
      const net = parseNet(find(rep, 'D1').certificate!.network!);
      const { spreads, truncatedAt } = d3.details as { spreads: string[][]; truncatedAt: (number | null)[] };
      const order = (find(rep, 'D1').details as { order: number[] }).order;
      const ours = rep.ds.classes.map((c) => {
        const images = c.points.map((x) => curated(net, x));
        return [spread(c.points.map((x) => [...x])), ...net.hidden.map((_, l) => spread(images.map((im) => im[l]!)))];
      });
      expect(ours.map((row) => row.map(String))).toEqual(spreads);
      ours.forEach((row, j) => {
        for (let l = 1; l < row.length; l++) expect(row[l]!.le(row[l - 1]!)).toBe(true);
        expect(row[0]!.isZero()).toBe(false);
        const t = truncatedAt[j]!;
        expect(t).toBe(order.indexOf(j + 1) + 1);
        for (let l = t; l < row.length; l++) expect(row[l]!.isZero()).toBe(true);
      });
      expect(checkCertificate(d3.certificate!, rep.ds).ok).toBe(true);

      const r1 = find(rep, 'R1');
      expect(r1.status).toBe('verified');
      const cum = cumulative(net);
      const L = net.hidden.length;
      for (const c of rep.ds.classes)
        for (const x of c.points) {
          const zs = curated(net, x);
          const rep1 = cum.W[L]!.mulVec(zs[L - 1]!).map((v, i) => v.add(cum.b[L]![i]!));
          expect(rep1.map(String)).toEqual(forward(net, x).out.map(String));
        }
      expect(checkCertificate(r1.certificate!, rep.ds).ok).toBe(true);
    });

  it('R1 without a D1 network (overlap-q2) is checked on the S3 network', () => {
    const rep = report('overlap-q2');
    const r1 = find(rep, 'R1');
    expect(r1.status).toBe('verified');
    expect(r1.reason).toMatch(/S3/);
    const net = parseNet(r1.certificate!.network!);
    const cum = cumulative(net);
    for (const c of rep.ds.classes)
      for (const x of c.points) {
        const z = curated(net, x)[0]!;
        expect(cum.W[1]!.mulVec(z).map((v, i) => v.add(cum.b[1]![i]!)).map(String)).toEqual(forward(net, x).out.map(String));
      }
  });
});
