/**
 * R1 (SPEC §2), the "curation" picture: with invertible W_1..W_L, the network
 * should equal x ↦ W^(L+1)·τ_L ∘ ⋯ ∘ τ_1(x) + b^(L+1), τ_ℓ = τ_{W^(ℓ),b^(ℓ)}.
 * This module computes the right-hand side independently of forward.ts; the
 * tests compare the two (the claim is checked, not assumed).
 */
import { vec } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import { toCumulative } from './cumulative.ts';
import type { Network } from './network.ts';
import { truncationMap } from './truncation.ts';

/** A network's curation maps, precomputed once (cumulative parameters, W^(ℓ)⁻¹). */
export interface Curation {
  /** W^(L+1)·τ_L ∘ ⋯ ∘ τ_1(x) + b^(L+1). */
  forward(x: readonly Rational[]): Rational[];
  /** [τ_1(x), τ_2(τ_1(x)), …, τ_L ∘ ⋯ ∘ τ_1(x)]: the curated input after each hidden layer. */
  trace(x: readonly Rational[]): Rational[][];
}

/**
 * Precomputes the curation of a network. Throws RangeError if some hidden
 * W_ℓ is singular (then W^(ℓ) is, and τ_{W^(ℓ),b^(ℓ)} needs full row rank).
 * @example const c = curation(net); ds.classes[0].points.map((x) => c.trace(x))
 */
export function curation(net: Network): Curation {
  const cum = toCumulative(net);
  const L = net.hidden.length;
  const taus = cum.W.slice(0, L).map((W, k) => truncationMap(W, cum.b[k]!));
  const Wout = cum.W[L]!;
  const bout = cum.b[L]!;
  const trace = (x: readonly Rational[]): Rational[][] => {
    const images: Rational[][] = [];
    let z: readonly Rational[] = x;
    for (const tau of taus) images.push((z = tau(z)));
    return images;
  };
  return {
    trace,
    forward: (x) => {
      const images = trace(x);
      const z = images.length === 0 ? x : images[images.length - 1]!;
      return vec.add(Wout.mulVec(z), bout);
    },
  };
}

/** W^(L+1)·τ_{W^(L),b^(L)} ∘ ⋯ ∘ τ_{W^(1),b^(1)}(x) + b^(L+1), exactly. */
export function curatedForward(net: Network, x: readonly Rational[]): Rational[] {
  return curation(net).forward(x);
}

/** The τ-images of x after each hidden layer ℓ = 1..L (index ℓ−1), exactly. */
export function curatedTrace(net: Network, x: readonly Rational[]): Rational[][] {
  return curation(net).trace(x);
}
