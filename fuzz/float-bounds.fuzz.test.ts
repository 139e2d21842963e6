/**
 * Adversarial property tests of every float bound the toolkit relies on (docs/float-bounds.md):
 * magnitudes 10^-300…10^300 mixed in one data set, points within one ulp of a hyperplane,
 * heavy cancellation (large means, tiny spreads), integers beyond 2^53, extreme parameters.
 *
 * For every certified filter, on every generated case, the exact value lies inside
 * float value ± bound (compared exactly, as Rationals), and the activation patterns of the
 * certified pass equal an exact per-point classification. The float cross-checks either
 * agree within their bound/tolerance or say they are not applicable — never a false alarm.
 * Fixed seeds; fast-check prints the seed and path of any failure.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_LONG, fuzzRuns } from '../test/support/fuzz.ts';

/** The long run (`npm run fuzz`) needs minutes per property on a loaded machine. */
const TIMEOUT = FUZZ_LONG ? 1_800_000 : 120_000;
import { Rational } from '../src/exact/rational.ts';
import { Matrix } from '../src/exact/matrix.ts';
import { floatToRational } from '../src/float/convert.ts';
import { parseDataJson } from '../src/data/load.ts';
import { dataSetContent, sha256Hex } from '../src/data/build.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { compactOf, integerMoments } from '../src/data/compact.ts';
import { classStats } from '../src/data/stats.ts';
import { gramProjectedFilter, squaredNormFilter } from '../src/data/certified-max.ts';
import { classStatsPointwise } from '../test/oracles/class-stats.ts';
import type { DataSet } from '../src/data/dataset.ts';
import type { Network } from '../src/network/network.ts';
import { hiddenTrace } from '../src/network/forward.ts';
import { msExact } from '../src/network/cost.ts';
import { certifiedTrace, classifyPatterns } from '../src/network/pattern-groups.ts';
import { checkMsInFloat } from '../src/network/float-check.ts';
import { assertAgrees, floatQuantities } from '../src/claims/float-quantities.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { classMoments } from '../src/data/moments.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';
import { abs } from '../src/exact/rational-shorthands.ts';

const TWO53 = 2 ** 53;

/** Largest observed |exact − float| / bound per filter (printed at the end, for the audit). */
const worst: Record<string, number> = {};
function record(name: string, exact: Rational, float: number, bound: number): void {
  const bf = floatToRational(bound);
  const diff = abs(exact.sub(floatToRational(float)));
  expect(diff.le(bf), `${name}: |exact − float| = ${diff.toString()} > bound ${bound} (float ${float}, exact ${exact.toString()})`).toBe(true);
  const ratio = bound > 0 ? toNumber(diff.div(bf)) : 0;
  worst[name] = Math.max(worst[name] ?? 0, ratio);
}
afterAll(() => console.log(`float bounds, max observed |exact − float| / bound: ${JSON.stringify(worst)}`));

// ---- Coordinates ----------------------------------------------------------------------------

/** m·10^E with E in [-300, 300]: any magnitude float64 can hold, and beyond it by a little. */
const anyMagnitude = fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -300, max: 300 })).map(([m, e]) => `${m}e${e}`);
/** Integers beyond 2^53 (up to 2^120). */
const bigInteger = fc.bigInt({ min: -(1n << 120n), max: 1n << 120n }).map((v) => (v >= 0n ? v + (1n << 53n) : v - (1n << 53n)).toString());
/** Small decimals (the usual data). */
const ordinary = fc.integer({ min: -5000, max: 5000 }).map((v) => `${v}/1000`);

/** One coordinate generator per data set kind. */
type Kind = 'mixed' | 'big-integers' | 'cancellation' | 'ordinary';

function classPoints(M: number, kind: Kind, center: string[]): fc.Arbitrary<string[][]> {
  const point =
    kind === 'mixed'
      ? fc.array(fc.oneof(anyMagnitude, ordinary), { minLength: M, maxLength: M })
      : kind === 'big-integers'
        ? fc.array(fc.oneof(bigInteger, ordinary), { minLength: M, maxLength: M })
        : kind === 'cancellation'
          ? // large mean, tiny spread: center + k·10^-9
            fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: M, maxLength: M }).map((ks) => ks.map((k, i) => Rational.parse(center[i]!).add(Rational.of(BigInt(k), 10n ** 9n)).toString()))
          : fc.array(ordinary, { minLength: M, maxLength: M });
  return fc.array(point, { minLength: 1, maxLength: 5 });
}

/** A data set: Q classes in dimension M, coordinates of the given kind; JSON through the real loader. */
function dataArb(kind: Kind): fc.Arbitrary<DataSet> {
  return fc
    .record({ M: fc.integer({ min: 2, max: 3 }), q: fc.integer({ min: 2, max: 3 }), e: fc.integer({ min: 6, max: 15 }) })
    .chain(({ M, q, e }) => {
      const Q = Math.min(q, M);
      const centers = fc.array(fc.array(fc.integer({ min: 1, max: 99 }).map((m) => `${m}e${e}`), { minLength: M, maxLength: M }), { minLength: Q, maxLength: Q });
      return centers.chain((cs) => fc.tuple(...cs.map((c) => classPoints(M, kind, c))));
    })
    .map((classes) => parseDataJson(JSON.stringify({ format: 'dlgeom/data@1', name: 'fuzz', classes: classes.map((points, j) => ({ label: `c${j}`, points })) }), 'fuzz.json'));
}

/** A network with L hidden layers of width M; weights of mixed magnitudes (10^-300…10^300 and small rationals). */
function networkArb(M: number, Q: number, L: number): fc.Arbitrary<Network> {
  const entry = fc.oneof({ weight: 3, arbitrary: ordinary }, { weight: 1, arbitrary: anyMagnitude }, { weight: 1, arbitrary: fc.constant('0') }).map((s) => Rational.parse(s));
  const layer = (rows: number, cols: number) => fc.record({ W: fc.array(entry, { minLength: rows * cols, maxLength: rows * cols }).map((d) => new Matrix(rows, cols, d)), b: fc.array(entry, { minLength: rows, maxLength: rows }) });
  return fc.record({ hidden: fc.tuple(...Array.from({ length: L }, () => layer(M, M))), output: layer(Q, M) }).map((n) => ({ hidden: [...n.hidden], output: n.output }));
}

/** Moves point x onto the first unit's hyperplane exactly (along a coordinate with w ≠ 0), then `ulps` ulps off it. */
function nearHyperplane(net: Network, x: readonly Rational[], ulps: number): Rational[] {
  const { W, b } = net.hidden[0]!;
  const k = Array.from({ length: W.cols }, (_, i) => i).find((i) => !W.get(0, i).isZero());
  if (k === undefined) return [...x];
  let z = b[0]!;
  for (let i = 0; i < W.cols; i++) z = z.add(W.get(0, i).mul(x[i]!));
  const on = [...x];
  on[k] = x[k]!.sub(z.div(W.get(0, k)));
  const f = toNumber(on[k]!);
  if (!Number.isFinite(f) || f === 0) return on;
  const ulp = floatToRational(Math.abs(f) * Number.EPSILON);
  on[k] = on[k]!.add(ulp.mul(Rational.int(ulps)));
  return on;
}

// ---- Checks per case ------------------------------------------------------------------------

/** Certified pass: every unit's exact pre-activation within z̃ ± e; patterns equal the exact classification. */
function checkPatterns(net: Network, ds: DataSet): void {
  const M = ds.M;
  const cd = compactOf(ds);
  const exactMask = (x: readonly Rational[]): string => hiddenTrace(net, x).preActivations.map((z) => z.map((v) => (v.sign() > 0 ? '1' : '0')).join('')).join('');
  for (const pass of ['loop', 'compiled'] as const) {
    const cls = classifyPatterns(net, ds, pass);
    cls.groups.forEach((g) =>
      g.rows.forEach((rows, j) => {
        const mask = Array.from(g.mask).join('');
        for (let r = 0; r < g.counts[j]!; r++) expect(mask, `pattern of class ${j} row ${rows[r]} (${pass})`).toBe(exactMask(ds.classes[j]!.points[rows[r]!]!));
      }),
    );
  }
  cd.classes.forEach((c, j) => {
    if (!c.f64 || c.den >= 2n ** 53n) return; // the pass's precondition: these classes are classified exactly
    for (let i = 0; i < c.count; i++) {
      const z = c.f64.subarray(i * M, (i + 1) * M);
      const { s, e } = certifiedTrace(net, z, Number(c.den));
      const exact = hiddenTrace(net, ds.classes[j]!.points[i]!).preActivations;
      // Rigorous along the whole trace: uncertain units continue with max(z̃, 0) and e.
      s.forEach((layer, l) =>
        layer.forEach((sv, r) => {
          if (Number.isFinite(sv) && Number.isFinite(e[l]![r]!)) record('pattern pre-activation', exact[l]![r]!, sv, e[l]![r]!);
        }),
      );
    }
  });
}

/** δ² and δ_P² filters: exact |u|², |Pu|² within f ± err for every row the float path would see. */
function checkMaxFilters(ds: DataSet): void {
  const M = ds.M;
  const stats = classStats(ds);
  const ref = classStatsPointwise(ds);
  expect(stats.delta2.eq(ref.delta2), 'δ² equals the reference').toBe(true);
  if (ref.deltaP2) expect(stats.deltaP2!.eq(ref.deltaP2), 'δ_P² equals the reference').toBe(true);
  const norm = squaredNormFilter(M);
  const Z = compactOf(ds).classes.map((c) => integerMoments(c, M).sum);
  const zOk = Z.every((col) => col.every((v) => (v < 0n ? -v : v) < BigInt(TWO53)));
  const H = Matrix.fromRows(Z.map((a) => Z.map((b) => a.reduce((t, v, k) => t + v * b[k]!, 0n))));
  const proj =
    stats.P && zOk
      ? gramProjectedFilter(
          Z.map((col) => Float64Array.from(col, Number)),
          Float64Array.from(H.inverse().data, (v) => toNumber(v)),
          M,
        )
      : undefined;
  for (const c of compactOf(ds).classes) {
    const S = integerMoments(c, M).sum;
    if (!c.f64 || !(2 * c.count * c.maxAbs < TWO53) || !S.every((v) => (v < 0n ? -v : v) < BigInt(TWO53))) continue;
    for (let i = 0; i < c.count; i++) {
      const ub = S.map((s, k) => BigInt(c.count) * BigInt(c.f64![i * M + k]!) - s);
      const u = Float64Array.from(ub, Number);
      const a = norm(u);
      record('δ² filter', Rational.int(ub.reduce((t, v) => t + v * v, 0n)), a.f, a.err);
      if (proj && stats.P) {
        const p = proj(u);
        let exact = Rational.ZERO;
        for (let r = 0; r < M; r++) {
          let s = Rational.ZERO;
          for (let k = 0; k < M; k++) s = s.add(stats.P.get(r, k).mul(Rational.int(ub[k]!)));
          exact = exact.add(s.square());
        }
        record('δ_P² filter', exact, p.f, p.err);
      }
    }
  }
}

/** The ms cross-check: exact ms within msFloat ± bound whenever it is applicable. */
function checkMsBound(net: Network, ds: DataSet): void {
  const ms = msExact(net, ds);
  const f = checkMsInFloat(net, ds, ms);
  if (f.applicable) record('ms cross-check', ms, f.msFloat, f.bound);
  // The moment form (classes proven inside one pattern summed from float moments), forced.
  const g = checkMsInFloat(net, ds, ms, { mode: 'moments' });
  if (g.applicable) record(g.classesByMoments > 0 ? 'ms cross-check by moments (some class)' : 'ms cross-check by moments (fallback only)', ms, g.msFloat, g.bound);
}

/** The quantity cross-checks never raise a false alarm: they agree or say they are not applicable. */
function checkQuantities(ds: DataSet): void {
  const sq = shallowQuantities(ds, classMoments(ds));
  const fq = floatQuantities(ds);
  assertAgrees('U²', sq.U2, fq.U2);
  assertAgrees('Vfull²', sq.Vfull2, fq.Vfull2);
  assertAgrees('Vnb²', sq.Vnb2, fq.Vnb2);
}

// ---- Properties -----------------------------------------------------------------------------

const kinds: Kind[] = ['mixed', 'big-integers', 'cancellation', 'ordinary'];

describe('float bounds under adversarial data', () => {
  kinds.forEach((kind, n) => {
    it(`${kind} data: certified filters contain the exact values, patterns are exact, cross-checks never false-alarm`, () => {
      const arb = dataArb(kind).chain((ds) => fc.record({ ds: fc.constant(ds), L: fc.integer({ min: 1, max: 2 }) }).chain(({ ds, L }) => fc.record({ ds: fc.constant(ds), net: networkArb(ds.M, ds.Q, L) })));
      fc.assert(
        fc.property(arb, ({ ds, net }) => {
          checkPatterns(net, ds);
          checkMaxFilters(ds);
          checkMsBound(net, ds);
          checkQuantities(ds);
        }),
        { seed: 18_000 + n, numRuns: fuzzRuns(25, 400) },
      );
    }, TIMEOUT);
  });

  it('subnormal-scale networks (products and sums that underflow): bounds hold, patterns are exact', () => {
    // Weights m·10^E with E in [-330, -150]: a second layer's products land in the subnormal range.
    const tiny = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -330, max: -150 })).map(([m, e]) => Rational.parse(`${m}e${e}`));
    const layer = (rows: number, cols: number) => fc.record({ W: fc.array(tiny, { minLength: rows * cols, maxLength: rows * cols }).map((d) => new Matrix(rows, cols, d)), b: fc.array(tiny, { minLength: rows, maxLength: rows }) });
    const arb = dataArb('ordinary').chain((ds) =>
      fc.record({ ds: fc.constant(ds), net: fc.record({ h1: layer(ds.M, ds.M), h2: layer(ds.M, ds.M), out: layer(ds.Q, ds.M) }).map((n) => ({ hidden: [n.h1, n.h2], output: n.out }) as Network) }),
    );
    fc.assert(
      fc.property(arb, ({ ds, net }) => {
        checkPatterns(net, ds);
        checkMsBound(net, ds);
      }),
      { seed: 18_200, numRuns: fuzzRuns(15, 400) },
    );
  }, TIMEOUT);

  it('points within one ulp of a hyperplane: patterns equal the exact classification', () => {
    const arb = fc.record({ M: fc.integer({ min: 2, max: 3 }), L: fc.integer({ min: 1, max: 2 }) }).chain(({ M, L }) =>
      fc.record({
        net: networkArb(M, 2, L),
        base: fc.array(fc.array(fc.oneof(ordinary, anyMagnitude), { minLength: M, maxLength: M }), { minLength: 2, maxLength: 6 }),
        ulps: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 6, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ net, base, ulps }) => {
        const pts = base.map((p, i) => nearHyperplane(net, p.map((v) => Rational.parse(v)), ulps[i]!));
        const half = Math.ceil(pts.length / 2);
        // Built in memory: these exact points may have more digits than a data file may hold (src/data/limits.ts).
        const content = dataSetContent('ulp', [{ label: 'a', points: pts.slice(0, half) }, { label: 'b', points: pts.slice(half).length ? pts.slice(half) : [pts[0]!] }]);
        const ds: DataSet = { ...content, source: { kind: 'example', name: 'ulp', sha256: sha256Hex(serializeDataSet(content)) } };
        checkPatterns(net, ds);
        checkMsBound(net, ds);
      }),
      { seed: 18_100, numRuns: fuzzRuns(40, 600) },
    );
  }, TIMEOUT);
});
