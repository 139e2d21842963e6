/**
 * Float helpers for drawing only (never for a decision): square view boxes,
 * a 2-D section plane through a point, and the boundary rays of a polyhedral
 * cone {s : A s ≥ 0} in that plane.
 */

export type V = readonly number[];

export const dot = (a: V, b: V): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
export const norm = (a: V): number => Math.sqrt(dot(a, a));
export const scaleV = (a: V, s: number): number[] => a.map((v) => v * s);
export const subV = (a: V, b: V): number[] => a.map((v, i) => v - b[i]!);

/** A square box [x0, x1] × [y0, y1] containing every point (and the origin if asked), padded by 12 %. */
export function squareBox(points: readonly (readonly [number, number])[], withOrigin = false): { x: [number, number]; y: [number, number] } {
  const all = withOrigin ? [...points, [0, 0] as const] : points;
  let [xa, xb, ya, yb] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of all) {
    xa = Math.min(xa, x);
    xb = Math.max(xb, x);
    ya = Math.min(ya, y);
    yb = Math.max(yb, y);
  }
  if (!Number.isFinite(xa)) return { x: [-1, 1], y: [-1, 1] };
  const half = (Math.max(xb - xa, yb - ya, 1e-9) / 2) * 1.24;
  const cx = (xa + xb) / 2;
  const cy = (ya + yb) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/**
 * A unit vector orthogonal to unit `u` along which `vectors` spread most (power
 * iteration on their covariance restricted to u⊥); for M = 2 the rotation of u by 90°.
 */
export function spreadDirection(u: V, vectors: readonly V[]): number[] {
  const M = u.length;
  if (M === 2) return [-u[1]!, u[0]!];
  const perp = (a: V): number[] => subV(a, scaleV(u, dot(a, u)));
  const rows = vectors.map(perp);
  let v = perp(Array.from({ length: M }, (_, i) => 1 / (i + 1.5)));
  if (norm(v) < 1e-12) v = perp(Array.from({ length: M }, (_, i) => (i === 0 ? 0 : 1)));
  for (let it = 0; it < 60; it++) {
    const next = new Array<number>(M).fill(0);
    for (const r of rows) {
      const c = dot(r, v);
      for (let i = 0; i < M; i++) next[i]! += c * r[i]!;
    }
    const p = perp(next);
    if (norm(p) < 1e-15) break;
    v = p;
    v = scaleV(v, 1 / norm(v));
  }
  return scaleV(v, 1 / norm(v));
}

/**
 * The boundary directions (angles) of the planar cone {(s, t) : a_i s + b_i t ≥ 0 for all i}
 * and the angle of its bisector; undefined when the cone is only the origin or the whole plane.
 */
export function planarConeBoundary(rows: readonly (readonly [number, number])[]): { edges: number[]; bisector: number } | undefined {
  const angles: number[] = [];
  for (const [a, b] of rows) {
    if (Math.abs(a) + Math.abs(b) < 1e-15) continue;
    const phi = Math.atan2(-a, b);
    angles.push(norm0(phi), norm0(phi + Math.PI));
  }
  if (angles.length === 0) return undefined;
  angles.sort((p, q) => p - q);
  const inside = (phi: number) => rows.every(([a, b]) => a * Math.cos(phi) + b * Math.sin(phi) >= -1e-12);
  const arcs: [number, number][] = [];
  for (let k = 0; k < angles.length; k++) {
    const lo = angles[k]!;
    const hi = k + 1 < angles.length ? angles[k + 1]! : angles[0]! + 2 * Math.PI;
    if (hi - lo > 1e-12 && inside((lo + hi) / 2)) arcs.push([lo, hi]);
  }
  if (arcs.length === 0) return undefined;
  // Merge arcs that touch into one (a pointed cone is one arc).
  let lo = arcs[0]![0];
  let hi = arcs[0]![1];
  for (const [a, b] of arcs.slice(1)) {
    if (Math.abs(a - hi) < 1e-9) hi = b;
    else if (Math.abs(b - 2 * Math.PI - lo) < 1e-9) lo = a - 2 * Math.PI;
  }
  if (hi - lo >= 2 * Math.PI - 1e-9) return undefined;
  return { edges: [lo, hi], bisector: (lo + hi) / 2 };
}

function norm0(phi: number): number {
  const t = phi % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
}
