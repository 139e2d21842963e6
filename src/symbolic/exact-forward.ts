/**
 * A deliberately plain exact forward pass, used only as the independent side
 * of the symbolic cross-checks (it shares no code with src/network and no
 * formula with the sufficient statistics the symbolic cost is built from):
 * it runs every data point through the layers one by one.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Assignment } from './mpoly.ts';
import { biasSymbol, weightSymbol } from './symbols.ts';

/** Layers 1..L+1 of a network: W[ℓ−1] is W_ℓ, b[ℓ−1] is b_ℓ. */
export interface ExactLayers {
  readonly W: readonly Matrix[];
  readonly b: readonly (readonly Rational[])[];
}

/**
 * Reads W_1..W_{L+1}, b_1..b_{L+1} from an assignment of the symbols of
 * symbols.ts. With `bias: 'tied'` b_{L+1} is not read but set to
 * −W_{L+1} b^(L) (b^(L) the cumulative hidden bias), so the affine map of the
 * all-positive region has zero offset.
 */
export function layersFromAssignment(M: number, Q: number, L: number, bias: 'free' | 'tied', at: Assignment): ExactLayers {
  const W: Matrix[] = [];
  const b: Rational[][] = [];
  for (let l = 1; l <= L + 1; l++) {
    const rows = l === L + 1 ? Q : M;
    const data: Rational[] = [];
    for (let i = 1; i <= rows; i++)
      for (let k = 1; k <= M; k++) {
        const v = at[weightSymbol(l, i, k)];
        if (v === undefined) throw new RangeError(`no value for ${weightSymbol(l, i, k)}`);
        data.push(v);
      }
    W.push(new Matrix(rows, M, data));
    if (l === L + 1 && bias === 'tied') {
      let cum = new Array<Rational>(M).fill(Rational.ZERO);
      for (let h = 0; h < L; h++) cum = W[h]!.mulVec(cum).map((v, i) => v.add(b[h]![i]!));
      b.push(W[L]!.mulVec(cum).map((v) => v.neg()));
    } else {
      const bl: Rational[] = [];
      for (let i = 1; i <= rows; i++) {
        const v = at[biasSymbol(l, i)];
        if (v === undefined) throw new RangeError(`no value for ${biasSymbol(l, i)}`);
        bl.push(v);
      }
      b.push(bl);
    }
  }
  return { W, b };
}

/** ms = (1/N) Σ |x^(L+1) − y_j|² by a plain pass over the points, and whether every hidden pre-activation was > 0. */
export interface ExactForwardCost {
  readonly ms: Rational;
  readonly allPositive: boolean;
}

/**
 * The exact mean squared residual. `activation: 'identity'` evaluates the
 * polynomial of the all-positive region everywhere (its analytic
 * continuation); `'relu'` is the true network.
 */
export function exactForwardCost(ds: DataSet, layers: ExactLayers, activation: 'identity' | 'relu'): ExactForwardCost {
  const L = layers.W.length - 1;
  let total = Rational.ZERO;
  let allPositive = true;
  ds.classes.forEach((cls, j) => {
    const y = ds.targets[j]!;
    for (const x of cls.points) {
      let h: Rational[] = [...x];
      for (let l = 0; l < L; l++) {
        const z = layers.W[l]!.mulVec(h).map((v, i) => v.add(layers.b[l]![i]!));
        if (z.some((v) => v.sign() <= 0)) allPositive = false;
        h = activation === 'relu' ? z.map((v) => (v.sign() < 0 ? Rational.ZERO : v)) : z;
      }
      const out = layers.W[L]!.mulVec(h).map((v, i) => v.add(layers.b[L]![i]!));
      for (let i = 0; i < out.length; i++) total = total.add(out[i]!.sub(y[i]!).square());
    }
  });
  return { ms: total.div(Rational.int(ds.N)), allPositive };
}
