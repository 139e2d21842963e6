/**
 * The certificate format (SPEC §5): everything a small separate checker needs
 * to re-check a verdict exactly from the data file alone. Exact numbers are
 * reduced "p/q" strings; networks are in per-layer form.
 */

export const CERTIFICATE_FORMAT = 'dlgeom/certificate@1';

export interface LayerJson {
  readonly W: string[][];
  readonly b: string[];
}

export interface NetworkJson {
  readonly hidden: LayerJson[];
  readonly output: LayerJson;
}

/** A one-parameter family of parameters along which the outputs on the data never change. */
export type FamilyJson =
  /** p + s·d for all real s, d zero outside the output layer and killing every last hidden activation. */
  | { readonly type: 'output-null'; readonly direction: string[] }
  /** Unit k of hidden layer ℓ scaled by t > 0, column k of layer ℓ+1 by 1/t (positive homogeneity of ReLU). */
  | { readonly type: 'unit-rescaling'; readonly layer: number; readonly unit: number };

export type Evidence =
  /** ms = 0 exactly: a global minimum, since ms ≥ 0. */
  | { readonly kind: 'cost-zero' }
  /**
   * Every hidden pre-activation is strictly signed on the data, so near the point the network
   * is affine on each group of points sharing an activation pattern; `fits` gives, per pattern,
   * an affine map [A c] (Q×(M+1)) satisfying that group's normal equations. Then
   * N·ms ≥ Σ_groups min LS = Σ_groups Σ |A z − y|² near the point, with equality at it.
   */
  | { readonly kind: 'pattern-bound'; readonly fits: { readonly pattern: string; readonly fit: string[][] }[] }
  /**
   * Every hidden pre-activation is strictly signed on the data and the gradient of ms with
   * respect to all parameters is exactly 0 (recomputed by the checker): a critical point.
   */
  | { readonly kind: 'critical-point' }
  /** Another parameter point of the same architecture with strictly lower exact ms: not a global minimum. */
  | { readonly kind: 'lower-cost-point'; readonly network: NetworkJson }
  /** The output layer satisfies the normal equations of its least-squares problem: a minimum over it. */
  | { readonly kind: 'output-normal-equations' }
  /**
   * t ↦ ms(p + t·d) has Taylor coefficients 0 below `order` and `coefficient` < 0 at `order`
   * (1 or 2): p is not a local minimum. At a non-smooth point (a pre-activation exactly 0 on the
   * data) the coefficients are the one-sided ones for t > 0 (kernel costSeriesOneSided), which
   * equal the two-sided ones elsewhere (and when d moves only the output layer).
   */
  | { readonly kind: 'descent'; readonly direction: string[]; readonly order: 1 | 2; readonly coefficient: string }
  /**
   * S1: all hidden pre-activations ≥ 0 on the data; ms = U²; and U² ≤ λ·δ_P² where
   * λ = |YX̄⁺v|²/|v|² ≤ ‖YX̄⁺‖²_op (a Rayleigh quotient), so U ≤ ‖YX̄⁺‖_op·δ_P.
   */
  | {
      readonly kind: 'identity-region-bound';
      readonly rayleighVector: string[];
      /** A data point [class, index] (0-based) attaining δ_P²; the checker takes the maximum over all points when absent. */
      readonly deltaPPoint?: [number, number];
    }
  /** S2: on each test input (in the identity region), |f(x) − y_j|² = |YX̄⁺P(x − x̄_j)|², and Y is invertible. */
  | { readonly kind: 'metric-identity'; readonly inputs: { readonly x: string[]; readonly class: number }[] }
  /** S2 refuted: a test input where the identity fails. */
  | { readonly kind: 'metric-counterexample'; readonly x: string[]; readonly class: number }
  /** D1 hypothesis fails: a convex combination of class a equals one of class b (no hyperplane separates them). */
  | { readonly kind: 'convex-overlap'; readonly classes: [number, number]; readonly weights: [string[], string[]] }
  /** Degeneracy: families of equal cost, and local-dimension bounds from exact ranks. */
  | {
      readonly kind: 'families';
      readonly families: FamilyJson[];
      readonly tangentRank: number;
      readonly jacobianRank: number;
      readonly paramCount: number;
      /**
       * Present when the residual map factors through its distinct residual functions
       * (points collapsed at the same layer with the same target share one) and these
       * form a submersion at the point (full row rank): then the minimizing set is, near
       * the point, a manifold of exactly this dimension, K − rank.
       */
      readonly exactDimension?: number;
      /**
       * `jacobianRank` is the rank modulo the prime `jacobianPrime` (< 2^26) of the Jacobian of
       * the residuals of these points only ([class, index], 0-based; every point on small data).
       * rank_p(J_subset) ≤ rank(J_all), so K − jacobianRank is an upper bound on the local dimension.
       */
      readonly jacobianPoints: [number, number][];
      readonly jacobianPrime: number;
    }
  /** D3: within-class spread of the τ-images after each layer (exact), non-increasing, 0 after a class's truncation. */
  | { readonly kind: 'curation-spread'; readonly spreads: string[][]; readonly truncatedAt: (number | null)[] }
  /** D3 refuted: the spreads, one of which increases. */
  | { readonly kind: 'curation-spread-increase'; readonly spreads: string[][]; readonly classIndex: number; readonly layer: number }
  /** R1: for every data point, the per-layer forward pass equals the curated (truncation) representation. */
  | { readonly kind: 'representation-identity' }
  /** R1 refuted: a data point where the two differ. */
  | { readonly kind: 'representation-counterexample'; readonly point: [number, number] };

export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly claim: string;
  readonly verdict: 'verified' | 'refuted' | 'not-applicable';
  /** What exactly is asserted, in words (for humans; the checker reads `evidence`). */
  readonly statement: string;
  readonly data: { readonly name: string; readonly sha256: string };
  readonly shape: { readonly L: number; readonly M: number; readonly Q: number };
  /** Exact mean squared residual of `network`, where a cost is meant. */
  readonly ms?: string;
  readonly network?: NetworkJson;
  readonly evidence: Evidence;
  /** Other context (D2 subset, S3 bias, sense). */
  readonly context?: Record<string, unknown>;
}
