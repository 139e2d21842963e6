/**
 * Two-sided Taylor series along a ray in parameter space (engine and tests): the kernel's
 * one-sided series (certificates/kernel.ts), and null at a point where some hidden
 * pre-activation is exactly 0 — elsewhere ReLU keeps its branch on both sides of t = 0, so the
 * one-sided series is the two-sided one.
 */
import type { Network } from './network.ts';
import type { Mat, Vec } from '../certificates/linalg.ts';
import { costSeriesOneSided, forward, jets, type Jet } from '../certificates/kernel.ts';
import type { Rational } from '../exact/rational.ts';

/** Whether every hidden pre-activation is nonzero at every point (each activation pattern is locally constant). */
export const strictAt = (net: Network<Mat>, points: readonly Vec[]): boolean => points.every((x) => forward(net, x).pre.every((z) => z.every((v) => !v.isZero())));

/**
 * The output at parameters p + t·d as a series in t near t = 0, at x; null when x is not strictAt p.
 * @example jetForward(net, dir, x)?.map((j) => j[1]) // the directional derivative of each output
 */
export function jetForward(net: Network<Mat>, dir: Network<Mat>, x: Vec): Jet[] | null {
  return strictAt(net, [x]) ? jets(net, dir, x) : null;
}

/**
 * [c0, c1, c2] of t ↦ Σ |f_{p+td}(x) − y|² near t = 0 (not divided by N); null when some point is not strictAt p.
 * @example costSeries(net, dir, samples)?.[1] // the directional derivative of N·ms
 */
export function costSeries(net: Network<Mat>, dir: Network<Mat>, points: readonly { x: Vec; y: Vec }[]): [Rational, Rational, Rational] | null {
  return strictAt(net, points.map((p) => p.x)) ? costSeriesOneSided(net, dir, points) : null;
}
