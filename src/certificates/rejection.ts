/**
 * How the checker says no: `Rejected` for a certificate that is read but does not hold
 * (the CLI exits 1), `UnusableCertificate` (kernel.ts) for one that cannot be read (exit 2).
 */
export class Rejected extends Error {}

/** Throws Rejected with `reason` unless `cond` holds. */
export function require(cond: boolean, reason: string): asserts cond {
  if (!cond) throw new Rejected(reason);
}
