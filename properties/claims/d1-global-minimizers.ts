/**
 * D1 (SPEC §4): for sufficiently clustered data and L ≥ Q hidden layers there
 * is an explicit network of cost exactly 0.
 *
 * `D1` (expected to hold): on data whose classes are each strictly separable
 * from all the others (exact margins witnessed by the search itself), the
 * engine's construction succeeds and its network has cost exactly 0 (by the
 * kernel's forward pass), and its certificate passes the checker.
 *
 * `D1-any` (expected to FAIL): "every data set admits a cost-0 network" — on
 * data that break the hypothesis with a point shared by two classes of
 * different targets, no network whatsoever reaches cost 0: at the shared
 * point x, |f(x) − y_a|² + |f(x) − y_b|² ≥ |y_a − y_b|²/2, so
 * ms ≥ |y_a − y_b|²/(2N) > 0 for every parameter value. The engine must say
 * "hypothesis fails" there with a convex-overlap certificate the checker accepts.
 */
import fc from 'fast-check';
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import { buildD1 } from '../../src/claims/d1-global-minimizers.ts';
import { checkD1 } from '../../src/claims/deep.ts';
import { exactMargin, separate } from '../../src/claims/separation.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { clusteredDataSetArb, SEPARABLE_SHAPES, type ClusteredData } from '../arbitraries/clustered-dataset.ts';
import { confirmRejected, dataOf, kernelSumSq, netJson, rejectedCertificate, str, withCodec } from './support.ts';

export interface DeepInput {
  readonly data: ClusteredData;
  /** L = Q + extraLayers hidden layers. */
  readonly extraLayers: number;
}

export function deepInputArb(maxQ: number, shapes = SEPARABLE_SHAPES, targets: 'standard' | 'perturbed' = 'perturbed'): fc.Arbitrary<DeepInput> {
  return fc.record({ data: clusteredDataSetArb({ maxQ, shapes, targets }), extraLayers: fc.integer({ min: 0, max: 1 }) });
}

/** One-vs-rest exact separations of every class (normal, threshold, margin), or undefined if one is not found. */
export function separationWitness(ds: DataSet): { n: string[]; c: string; gamma: string }[] | undefined {
  const out: { n: string[]; c: string; gamma: string }[] = [];
  for (let j = 0; j < ds.Q; j++) {
    const rest = ds.classes.flatMap((c, k) => (k === j ? [] : c.points));
    const s = separate(ds.classes[j]!.points, rest);
    if (s.kind !== 'separated') return undefined;
    out.push({ n: str(s.n), c: s.c.toString(), gamma: s.gamma.toString() });
  }
  return out;
}

/** Re-checks a separation witness from scratch (exact margins > 0). */
function witnessHolds(ds: DataSet, w: { n: string[] }[]): boolean {
  return w.every(({ n }, j) => {
    const normal = n.map((s) => Rational.parse(s));
    const rest = ds.classes.flatMap((c, k) => (k === j ? [] : c.points));
    return exactMargin(normal, ds.classes[j]!.points, rest).gamma.sign() > 0;
  });
}

function checkD1Holds({ data: { ds }, extraLayers }: DeepInput): Counterexample | undefined {
  const witness = separationWitness(ds);
  if (!witness) return undefined; // not one-vs-rest separable: outside this property
  const L = ds.Q + extraLayers;
  const outcome = buildD1(ds, L);
  if (outcome.kind !== 'built')
    return {
      summary: `the D1 construction failed (${outcome.kind}: ${outcome.reason}) although every class is strictly separable from all others (exact margins ${witness.map((w) => w.gamma).join(', ')})`,
      evidence: { kind: 'construction-failed', L, outcome: outcome.kind, reason: outcome.reason, separations: witness },
      data: dataOf(ds),
    };
  const net = outcome.construction.net;
  const sumSq = kernelSumSq(net, ds);
  if (!sumSq.isZero())
    return {
      summary: `the D1 network (L = ${L}) has ms = ${sumSq.div(Rational.int(ds.N))} ≠ 0`,
      evidence: { kind: 'cost-not-zero', L, network: netJson(net), ms: sumSq.div(Rational.int(ds.N)).toString() },
      data: dataOf(ds),
    };
  return rejectedCertificate(checkD1(ds, L, outcome), ds);
}

export const deepGlobalMinimizer = withCodec<DeepInput>({
  id: 'D1',
  title: 'on data with every class strictly separable from the rest, the D1 construction (L ≥ Q) succeeds and has cost exactly 0',
  expect: 'holds',
  arbitrary: ({ maxQ }) => deepInputArb(maxQ),
  check: checkD1Holds,
  confirm: (input, cx) => {
    const { ds } = input.data;
    switch (cx.evidence.kind) {
      case 'certificate-rejected':
        return confirmRejected(cx, ds);
      case 'construction-failed':
        return witnessHolds(ds, cx.evidence.separations as { n: string[] }[]) && buildD1(ds, cx.evidence.L as number).kind !== 'built';
      case 'cost-not-zero': {
        const o = buildD1(ds, cx.evidence.L as number);
        return o.kind === 'built' && !kernelSumSq(o.construction.net, ds).isZero();
      }
      default:
        return false;
    }
  },
});

/** A point that lies in two classes with different targets, if any. */
export function sharedPoint(ds: DataSet): { a: number; i: number; b: number; k: number } | undefined {
  for (let a = 0; a < ds.Q; a++)
    for (let b = a + 1; b < ds.Q; b++) {
      if (vec.eq(ds.targets[a]!, ds.targets[b]!)) continue;
      for (const [i, x] of ds.classes[a]!.points.entries()) {
        const k = ds.classes[b]!.points.findIndex((z) => vec.eq(z, x));
        if (k >= 0) return { a, i, b, k };
      }
    }
  return undefined;
}

function lowerBound(ds: DataSet, a: number, b: number): Rational {
  return vec.norm2(vec.sub(ds.targets[a]!, ds.targets[b]!)).div(Rational.int(2 * ds.N));
}

export const deepGlobalMinimizerAnyData = withCodec<DeepInput>({
  id: 'D1-any',
  title: 'EVERY data set admits a network with L = Q hidden layers of cost 0 (false: D1 needs its clustering hypothesis)',
  expect: 'fails',
  arbitrary: ({ maxQ }) => deepInputArb(maxQ, ['shared-point', 'hull-overlap', 'separated'], 'standard'),
  check: ({ data: { ds }, extraLayers }) => {
    const L = ds.Q + extraLayers;
    const outcome = buildD1(ds, L);
    const rejected = rejectedCertificate(checkD1(ds, L, outcome), ds);
    if (rejected) return rejected;
    const shared = sharedPoint(ds);
    if (!shared) return undefined;
    const { a, i, b, k } = shared;
    const bound = lowerBound(ds, a, b);
    const engineZero = outcome.kind === 'built' && kernelSumSq(outcome.construction.net, ds).isZero();
    return {
      summary: `${engineZero ? 'ENGINE BUG: a "cost 0" network on impossible data; ' : ''}x = [${str(ds.classes[a]!.points[i]!)}] is point ${i + 1} of class ${a + 1} and point ${k + 1} of class ${b + 1} (targets differ), so every network has ms ≥ |y_a − y_b|²/(2N) = ${bound} > 0; the engine says: ${outcome.kind}${outcome.kind === 'built' ? '' : ` (${outcome.reason})`}`,
      evidence: { kind: 'shared-point', x: str(ds.classes[a]!.points[i]!), classes: [a, b], indices: [i, k], lowerBoundMs: bound.toString(), engineOutcome: outcome.kind, L },
      data: dataOf(ds),
      ...(engineZero ? { engineBug: true } : {}),
    };
  },
  confirm: ({ data: { ds } }, cx) => {
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, ds);
    const [a, b] = cx.evidence.classes as [number, number];
    const [i, k] = cx.evidence.indices as [number, number];
    const x = ds.classes[a]?.points[i];
    const z = ds.classes[b]?.points[k];
    return x !== undefined && z !== undefined && a !== b && vec.eq(x, z) && lowerBound(ds, a, b).sign() > 0;
  },
});
