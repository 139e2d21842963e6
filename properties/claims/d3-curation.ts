/**
 * D3 (SPEC §4): along the network, the within-class spread
 * (1/N_j)Σ|z − z̄|² of the curated inputs (τ-images, R1) never increases,
 * and is 0 for each truncated class from its layer on. Spreads are
 * recomputed with the certificate kernel's truncations.
 *
 * `D3` (expected to hold): along the D1 construction (cone layers whose
 * forward cone holds everything still present); the engine's D3 certificate
 * must pass the checker.
 * `D3-orthogonal` (expected to hold): along ANY network with orthogonal hidden
 * layers — each τ is then a metric projection (T4), so pairwise distances,
 * hence spreads, cannot grow.
 * `D3-general` (expected to FAIL): along any network with invertible hidden
 * layers on arbitrary data — τ need not be nonexpansive (T4-general).
 */
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { buildD1 } from '../../src/claims/d1-global-minimizers.ts';
import { checkD3 } from '../../src/claims/deep.ts';
import type { KNet } from '../../src/certificates/kernel.ts';
import { curatedTrace as curatedTraceOf } from '../../src/network/representation.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { networkWithDataArb, type NetworkWithData } from '../arbitraries/network-with-data.ts';
import { deepInputArb, type DeepInput } from './d1-global-minimizers.ts';
import { confirmRejected, curatedImages, dataOf, netJson, rejectedCertificate, withCodec } from './support.ts';

function spread(points: readonly (readonly Rational[])[]): Rational {
  const n = Rational.int(points.length);
  const mean = points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(points[0]!.length)).map((v) => v.div(n));
  return points.reduce((s, p) => s.add(vec.norm2(vec.sub(p, mean))), Rational.ZERO).div(n);
}

/** spreads[j][ℓ], ℓ = 0 (raw data) .. L, via the kernel's curation. */
export function kernelSpreads(net: Network, ds: DataSet): Rational[][] {
  const images = curatedImages(net as KNet);
  return ds.classes.map((c) => {
    const imgs = c.points.map((x) => images(x));
    return [spread(c.points), ...net.hidden.map((_, l) => spread(imgs.map((im) => im[l]!)))];
  });
}

/** The first violation of "non-increasing, and 0 from the truncation layer on". */
function violation(spreads: Rational[][], truncatedAt: readonly (number | null)[] = []): Record<string, unknown> | undefined {
  for (const [j, row] of spreads.entries()) {
    for (let l = 1; l < row.length; l++)
      if (row[l]!.gt(row[l - 1]!)) return { kind: 'spread-increases', class: j, layer: l, before: row[l - 1]!.toString(), after: row[l]!.toString() };
    const t = truncatedAt[j];
    if (t !== null && t !== undefined)
      for (let l = t; l < row.length; l++) if (!row[l]!.isZero()) return { kind: 'not-collapsed', class: j, layer: l, spread: row[l]!.toString(), truncatedAt: t };
  }
  return undefined;
}

function describe(v: Record<string, unknown>): string {
  return v.kind === 'spread-increases'
    ? `the within-class spread of class ${(v.class as number) + 1} increases at layer ${v.layer}: ${v.before} → ${v.after}`
    : `class ${(v.class as number) + 1} is truncated at layer ${v.truncatedAt} but its spread at layer ${v.layer} is ${v.spread} ≠ 0`;
}

function d1Built(input: DeepInput) {
  const { ds } = input.data;
  const o = buildD1(ds, ds.Q + input.extraLayers);
  return o.kind === 'built' ? o.construction : undefined;
}

export const curationAlongD1 = withCodec<DeepInput>({
  id: 'D3',
  title: 'along the D1 network, within-class spreads of the τ-images never increase and vanish after each class\'s truncation layer',
  expect: 'holds',
  arbitrary: ({ maxQ }) => deepInputArb(maxQ),
  check: (input): Counterexample | undefined => {
    const built = d1Built(input);
    if (!built) return undefined;
    const { ds } = input.data;
    const rejected = rejectedCertificate(checkD3(ds, built), ds);
    if (rejected) return rejected;
    const v = violation(kernelSpreads(built.net, ds), built.truncatedAt);
    return v && { summary: describe(v), evidence: { ...v, network: netJson(built.net), spreads: kernelSpreads(built.net, ds).map((r) => r.map(String)) }, data: dataOf(ds) };
  },
  confirm: (input, cx) => {
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, input.data.ds);
    const built = d1Built(input);
    return built !== undefined && violation(kernelSpreads(built.net, input.data.ds), built.truncatedAt)?.kind === cx.evidence.kind;
  },
});

function anyNetworkD3(id: string, hidden: 'invertible' | 'orthogonal') {
  return withCodec<NetworkWithData>({
    id,
    title:
      hidden === 'orthogonal'
        ? 'along any network with orthogonal hidden layers, within-class spreads of the τ-images never increase'
        : 'along ANY network with invertible hidden layers, within-class spreads of the τ-images never increase (false: τ can expand)',
    expect: hidden === 'orthogonal' ? 'holds' : 'fails',
    arbitrary: ({ maxQ }) => networkWithDataArb({ maxL: 2, maxM: Math.max(2, maxQ), hidden }),
    check: ({ net, ds }) => {
      const spreads = kernelSpreads(net, ds);
      const v = violation(spreads);
      return v && { summary: describe(v), evidence: { ...v, network: netJson(net), spreads: spreads.map((r) => r.map(String)) }, data: dataOf(ds) };
    },
    confirm: ({ net, ds }, cx) => {
      // Second computation: src/network's curation (representation.ts) instead of the kernel's.
      const j = cx.evidence.class as number;
      const l = cx.evidence.layer as number;
      const pts = ds.classes[j]!.points;
      const images = pts.map((x) => curatedTraceOf(net, x));
      const at = (k: number) => (k === 0 ? spread(pts) : spread(images.map((im) => im[k - 1]!)));
      return at(l).gt(at(l - 1));
    },
  });
}

export const curationOrthogonal = anyNetworkD3('D3-orthogonal', 'orthogonal');
export const curationGeneral = anyNetworkD3('D3-general', 'invertible');
