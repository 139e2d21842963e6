/**
 * Building the compact representation (compact.ts) while a loader parses: growable per-class
 * integer storage, and classes whose Rational points are materialized only when touched.
 * Loader-side only; the checker reads the finished representation through compact.ts.
 */
import { Rational, lcm } from '../exact/rational.ts';
import type { ClassData } from './dataset.ts';
import { fromBig, pointAt, TWO53, type CompactClass } from './compact.ts';

/**
 * A ClassData whose `points` is materialized from the compact form on first access
 * (then cached as a plain array). `points` is an own enumerable property, so
 * structural comparisons (toEqual) see it like an ordinary array.
 */
export function lazyClassData(label: string, c: CompactClass, M: number): ClassData {
  const obj = { label } as { label: string; points: readonly (readonly Rational[])[] };
  Object.defineProperty(obj, 'points', {
    enumerable: true,
    configurable: true,
    get() {
      const pts = Array.from({ length: c.count }, (_, i) => pointAt(c, M, i));
      Object.defineProperty(obj, 'points', { value: pts, enumerable: true, configurable: false, writable: false });
      return pts;
    },
  });
  return obj;
}

/**
 * Growable per-class storage while parsing: a power of ten or general denominator, float64
 * integers until one no longer fits, then BigInt.
 */
export class ClassBuilder {
  private f64: Float64Array | undefined = new Float64Array(1024);
  private big: bigint[] | undefined;
  private len = 0;
  /** D as BigInt and, while it is below 2^53, as a number. */
  private D = 1n;
  private Dn = 1;
  private maxAbs = 0;
  count = 0;

  /** Adds the decimal m / 10^k (m an integer with |m| < 2^53, k ≤ 15). */
  addDecimal(m: number, k: number): void {
    const d = POW10[k]!;
    if (this.Dn !== 0 && this.f64) {
      if (this.Dn % d !== 0) this.rescaleTo(lcm(this.D, BigInt(d)));
      if (this.Dn !== 0 && this.f64) {
        const z = m * (this.Dn / d);
        const a = z < 0 ? -z : z;
        if (a < TWO53) {
          this.push(z, a);
          return;
        }
      }
    }
    this.addExact(BigInt(m), BigInt(d));
  }

  /** Adds num / den (den > 0). */
  addExact(num: bigint, den: bigint): void {
    if (this.D % den !== 0n) this.rescaleTo(lcm(this.D, den));
    const z = num * (this.D / den);
    const a = z < 0n ? -z : z;
    if (this.f64 && a < BigInt(TWO53)) {
      this.push(Number(z), Number(a));
      return;
    }
    this.toBig();
    this.pushBig(z);
  }

  private push(z: number, a: number): void {
    if (this.len === this.f64!.length) {
      const next = new Float64Array(this.f64!.length * 2);
      next.set(this.f64!);
      this.f64 = next;
    }
    this.f64![this.len++] = z;
    if (a > this.maxAbs) this.maxAbs = a;
  }

  private pushBig(z: bigint): void {
    this.big![this.len++] = z;
  }

  private toBig(): void {
    if (!this.f64) return;
    const big = new Array<bigint>(this.len);
    for (let i = 0; i < this.len; i++) big[i] = BigInt(this.f64[i]!);
    this.big = big;
    this.f64 = undefined;
  }

  private rescaleTo(newD: bigint): void {
    const f = newD / this.D;
    this.D = newD;
    this.Dn = newD < BigInt(TWO53) ? Number(newD) : 0;
    if (this.f64) {
      const fn = Number(f);
      let ok = f < BigInt(TWO53);
      if (ok) for (let i = 0; i < this.len; i++) if (Math.abs(this.f64[i]! * fn) >= TWO53) ok = false;
      if (ok) {
        for (let i = 0; i < this.len; i++) this.f64[i] = this.f64[i]! * fn;
        this.maxAbs *= fn;
        return;
      }
      this.toBig();
    }
    for (let i = 0; i < this.len; i++) this.big![i] = this.big![i]! * f;
  }

  /** Ends a point (the caller adds exactly M coordinates per point). */
  endPoint(): void {
    this.count++;
  }

  finish(): CompactClass {
    if (this.f64) {
      // In shared memory: the re-checks' worker (background-checks.ts) and the float passes'
      // workers read these coordinates without a copy of their own (N·M·8 bytes each).
      const f64 = new Float64Array(new SharedArrayBuffer(this.len * 8));
      f64.set(this.f64.subarray(0, this.len));
      return { count: this.count, den: this.D, f64, big: undefined, maxAbs: this.maxAbs };
    }
    return fromBig(this.big!.slice(0, this.len), this.count, this.D);
  }
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
