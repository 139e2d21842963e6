/**
 * The data grouped by activation pattern: per pattern, the exact integer moments of its
 * points per class present in it (what the engine's costs and decisions sum over).
 */
import type { IntMoments } from '../data/compact.ts';

/** Integer moments of points x = z / den: count, Σz (length M), Σzzᵀ (M×M row-major). */
export interface PointMoments extends IntMoments {
  readonly den: bigint;
}

/** A pattern group with the exact integer moments of its points, per class present in it. */
export interface MomentGroup {
  /** One entry per hidden unit, layer by layer: 1 = active (pre-activation > 0). */
  readonly mask: Uint8Array;
  readonly parts: readonly { readonly cls: number; readonly moments: PointMoments }[];
}

export interface GroupedMoments {
  readonly groups: readonly MomentGroup[];
  /** Whether some hidden pre-activation is exactly 0 on the data. */
  readonly someZero: boolean;
  /** How many points the float pass left to exact classification. */
  readonly exactPoints: number;
}
