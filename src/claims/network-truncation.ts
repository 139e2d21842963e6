/**
 * The truncation structure of a given network on given data (SPEC §4, D1–D2): which classes
 * each hidden layer collapses (every point of the class has every unit of that layer off, so
 * x^(ℓ) = 0 there and everything after is one constant for the class), which classes stay in
 * the identity region (every unit on), and which D2 stratum and candidate the network lies on.
 * Read off the certified activation-pattern groups (exact where the float pass is unsure).
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { maskOffsets, type PatternClassification } from '../network/pattern-groups.ts';
import { flattenParams } from '../network/params.ts';
import { d2Candidate } from './d2-local-minima.ts';

export interface LayerTruncation {
  /** 1-based layer. */
  readonly layer: number;
  /** 1-based classes whose points all have every unit of this layer off (pre-activation ≤ 0; < 0 when the patterns are strict). */
  readonly collapsed: number[];
  /** 1-based classes whose points all have every unit of this layer on (pre-activation > 0). */
  readonly identity: number[];
}

export interface D2Comparison {
  /** 1-based truncated classes J (those collapsed by some layer). */
  readonly subset: number[];
  /**
   * On the D2 stratum of J in our reading (docs/decisions.md): strict patterns; every class of J
   * is fully on in every layer before the one that collapses it, every other class fully on in
   * every layer — the activation structure of the D2 candidate for J.
   */
  readonly onStratum: boolean;
  readonly reason: string;
  /** The D2 candidate for J with this L, when it can be built: is this network that very point, or of its cost? */
  readonly candidate?: { readonly ms: Rational; readonly sameParameters: boolean; readonly sameCost: boolean } | { readonly reason: string };
}

export interface TruncationStructure {
  readonly strict: boolean;
  readonly layers: LayerTruncation[];
  /** Per class (0-based index), the first layer (1-based) collapsing it, or null. */
  readonly truncatedAt: (number | null)[];
  readonly d2: D2Comparison;
}

export function truncationStructure(net: Network, ds: DataSet, cls: PatternClassification, ms: Rational): TruncationStructure {
  const L = net.hidden.length;
  const Q = ds.Q;
  const offsets = maskOffsets(net.hidden);
  // off[j][ℓ]: every point of class j has every unit of layer ℓ off; on[j][ℓ]: every unit on.
  const off = Array.from({ length: Q }, () => new Array<boolean>(L).fill(true));
  const on = Array.from({ length: Q }, () => new Array<boolean>(L).fill(true));
  for (const g of cls.groups)
    for (let j = 0; j < Q; j++) {
      if (!g.counts[j]) continue;
      for (let l = 0; l < L; l++) {
        const seg = g.mask.subarray(offsets[l]!, offsets[l + 1]!);
        if (seg.some((v) => v === 1)) off[j]![l] = false;
        if (seg.some((v) => v === 0)) on[j]![l] = false;
      }
    }
  const classes = (row: boolean[][], l: number) => row.flatMap((r, j) => (r[l] ? [j + 1] : []));
  const layers = Array.from({ length: L }, (_, l) => ({ layer: l + 1, collapsed: classes(off, l), identity: classes(on, l) }));
  const truncatedAt = off.map((r) => {
    const l = r.indexOf(true);
    return l < 0 ? null : l + 1;
  });
  const strict = !cls.someZero;
  const subset = truncatedAt.flatMap((t, j) => (t === null ? [] : [j + 1]));
  const broken = truncatedAt.findIndex((t, j) => on[j]!.slice(0, t === null ? L : t - 1).some((v) => !v));
  let onStratum = false;
  let reason: string;
  if (!strict) reason = 'a hidden pre-activation is exactly 0 on the data: not on an open stratum';
  else if (subset.length === Q) reason = 'every class is collapsed: J is not a proper subset';
  else if (broken >= 0) reason = `class ${broken + 1} has a unit off before ${truncatedAt[broken] === null ? 'the output' : `its collapse at layer ${truncatedAt[broken]}`}`;
  else {
    onStratum = true;
    reason = subset.length === 0 ? 'no class is collapsed and every unit is on at every point (J = ∅: the identity region)' : `classes {${subset.join(', ')}} are collapsed, every other unit on every class before that is on`;
  }
  let candidate: D2Comparison['candidate'];
  const uniform = net.hidden.every((l) => l.W.rows === ds.M);
  if (!uniform) candidate = { reason: 'the D2 construction has hidden width M; this network has other widths' };
  else if (subset.length === Q) candidate = { reason: 'J must be a proper subset' };
  else {
    const cand = d2Candidate(ds, L, subset.map((j) => j - 1));
    if ('reason' in cand) candidate = { reason: `no D2 candidate: ${cand.reason}` };
    else {
      const a = flattenParams(cand.net);
      const b = flattenParams(net);
      candidate = { ms: cand.ms, sameParameters: a.length === b.length && a.every((v, i) => v.eq(b[i]!)), sameCost: cand.ms.eq(ms) };
    }
  }
  return { strict, layers, truncatedAt, d2: { subset, onStratum, reason, candidate } };
}
