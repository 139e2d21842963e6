/**
 * A sum of rational arrays (matrices, vectors) of one length, kept as integers over one common
 * denominator: each term costs one lcm and integer multiply-adds, the reduction to Rationals (one
 * gcd per entry) happens once at the end. The values are exactly the sum of the terms.
 */
import { Rational, lcm } from './rational.ts';

export class IntegerSum {
  private readonly ints: bigint[];
  private den = 1n;

  constructor(readonly length: number) {
    this.ints = new Array<bigint>(length).fill(0n);
  }

  /** Adds scale · ints / den entrywise (den > 0). */
  add(ints: readonly bigint[], den: bigint, scale = 1n): void {
    const f = this.rescale(den);
    const g = f * scale;
    for (let k = 0; k < this.length; k++) if (ints[k] !== 0n) this.ints[k]! += ints[k]! * g;
  }

  /** Adds scale · u vᵀ (row-major, u = uInts/uDen, v = vInts/vDen, both dens > 0). */
  addOuter(uInts: readonly bigint[], uDen: bigint, vInts: readonly bigint[], vDen: bigint, scale = 1n): void {
    const cols = vInts.length;
    const g = this.rescale(uDen * vDen) * scale;
    for (let i = 0; i < uInts.length; i++) {
      const ui = uInts[i]! * g;
      if (ui === 0n) continue;
      for (let j = 0; j < cols; j++) if (vInts[j] !== 0n) this.ints[i * cols + j]! += ui * vInts[j]!;
    }
  }

  /** The entries as reduced Rationals. */
  values(): Rational[] {
    return this.ints.map((v) => Rational.of(v, this.den));
  }

  /** Brings the sum over lcm(its denominator, den); returns the factor a term over den is multiplied by. */
  private rescale(den: bigint): bigint {
    const L = lcm(this.den, den);
    const f = L / this.den;
    if (f !== 1n) for (let k = 0; k < this.length; k++) if (this.ints[k] !== 0n) this.ints[k]! *= f;
    this.den = L;
    return L / den;
  }
}
