/**
 * Size limits on input (README "Limits", docs/decisions.md). Within them every
 * input is read exactly; beyond them the loaders stop early with one line naming
 * the file, the place and the limit (an InputError, exit 2) — never a crash or a
 * hang while loading. The limits are far above what a researcher's data needs,
 * and low enough that loading stays fast and in memory.
 */

export const LIMITS = {
  /** Bytes of one data or certificate file. */
  fileBytes: 256 * 1024 * 1024,
  /** Digits of one number as written: all its digits plus |exponent| (1e500 counts 501). */
  digits: 1000,
  /** Nesting depth of a JSON file (a data file needs 4). */
  jsonDepth: 256,
  /** Classes Q. */
  Q: 1000,
  /** Input dimension M (coordinates per point; CSV columns are M + 1). */
  M: 100_000,
  /** Points N. */
  N: 10_000_000,
  /** Coordinates N·M in all. */
  coordinates: 200_000_000,
  /** Digits of one exact number in a certificate (its numbers derive from the data's, and grow). */
  certificateDigits: 100_000,
} as const;

/** "1 000 000" — limits as people read them. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * The size of a number as written, for LIMITS.digits: its digit characters plus
 * the absolute value of its exponent (the digits it stands for). Linear in the text.
 * @example numberDigits('-12.5e3') // 6
 */
export function numberDigits(text: string): number {
  let digits = 0;
  let expStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) {
      expStart = i + 1;
      break;
    }
    if (c >= 48 && c <= 57) digits++;
  }
  if (expStart < 0) return digits;
  const exp = /^\s*[+-]?0*(\d{1,15})\s*$/.exec(text.slice(expStart, expStart + 40));
  // An exponent of more than 15 digits is beyond any limit: count it as such.
  return digits + (exp ? Number(exp[1]) : Number.MAX_SAFE_INTEGER);
}

/** The one-line reason for a number over LIMITS.digits, or undefined when it is within. */
export function numberTooLong(text: string): string | undefined {
  const limit = `(limit: ${formatCount(LIMITS.digits)} digits per number, exponent included)`;
  if (text.length > 4 * LIMITS.digits) return `number too long: ${formatCount(text.length)} characters ${limit}`;
  const d = numberDigits(text);
  if (d <= LIMITS.digits) return undefined;
  return `number too long: ${d >= Number.MAX_SAFE_INTEGER ? 'an exponent beyond range' : `${formatCount(d)} digits`} ${limit}`;
}

/** The one-line reason when `count` exceeds the limit `what`, or undefined. */
export function overLimit(what: 'Q' | 'M' | 'N' | 'coordinates', count: number): string | undefined {
  if (count <= LIMITS[what]) return undefined;
  const name = { Q: 'classes (Q)', M: 'coordinates per point (M)', N: 'points (N)', coordinates: 'coordinates in all (N·M)' }[what];
  return `too many ${name}: more than ${formatCount(LIMITS[what])} (limit: ${what === 'coordinates' ? 'N·M' : what} ≤ ${formatCount(LIMITS[what])})`;
}
