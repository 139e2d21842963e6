/**
 * R1 (SPEC §2): with invertible hidden W_ℓ, the network equals
 * x ↦ W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1), τ_ℓ = τ_{W^(ℓ),b^(ℓ)}. Checked at every
 * data point with the certificate kernel's cumulative parameters and
 * truncations against src/network's forward pass (two separate code paths),
 * and the engine's own R1 verdict must carry a certificate the checker accepts.
 * Expected to hold.
 */
import { vec } from '../../src/exact/matrix.ts';
import { forwardExact } from '../../src/network/forward.ts';
import { checkR1 } from '../../src/claims/deep.ts';
import { cumulative, forward as kernelForward, type KNet } from '../../src/certificates/kernel.ts';
import type { Network } from '../../src/network/network.ts';
import type { Rational } from '../../src/exact/rational.ts';
import { networkWithDataArb, type NetworkWithData } from '../arbitraries/network-with-data.ts';
import { confirmRejected, curatedImages, dataOf, netJson, rejectedCertificate, str, withCodec } from './support.ts';

/** W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1) with the kernel's functions. */
export function kernelCurated(net: Network): (x: readonly Rational[]) => Rational[] {
  const knet = net as KNet;
  const cum = cumulative(knet);
  const images = curatedImages(knet);
  const L = net.hidden.length;
  return (x) => {
    const imgs = images(x);
    const z = imgs.length ? imgs[imgs.length - 1]! : [...x];
    return vec.add(cum.W[L]!.mulVec(z), cum.b[L]!);
  };
}

export const curationRepresentation = withCodec<NetworkWithData>({
  id: 'R1',
  title: 'with invertible hidden layers, the network equals W^(L+1)·τ_L∘⋯∘τ_1 + b^(L+1) on its data',
  expect: 'holds',
  arbitrary: ({ maxQ }) => networkWithDataArb({ maxL: 2, maxM: Math.max(2, maxQ) }),
  check: ({ net, ds }) => {
    const curated = kernelCurated(net);
    for (const [j, c] of ds.classes.entries())
      for (const [i, x] of c.points.entries()) {
        const f = forwardExact(net, x);
        const g = curated(x);
        if (!vec.eq(f, g))
          return {
            summary: `at data point (${j + 1}, ${i + 1}) x = [${str(x)}]: network = [${str(f)}] ≠ curation form = [${str(g)}]`,
            evidence: { kind: 'representation-differs', network: netJson(net), point: [j, i], x: str(x), network_output: str(f), curated: str(g) },
            data: dataOf(ds),
          };
      }
    return rejectedCertificate(checkR1(ds, net, 'searched network'), ds);
  },
  confirm: ({ net, ds }, cx) => {
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, ds);
    const [j, i] = cx.evidence.point as [number, number];
    const x = ds.classes[j]!.points[i]!;
    return !vec.eq(kernelForward(net as KNet, x).output, kernelCurated(net)(x));
  },
});
