/**
 * How long fuzz and adversarial property runs are: a short seeded slice in the normal
 * suite (CI), a long one under `npm run fuzz` (DLGEOM_FUZZ=long). Seeds are fixed either way;
 * a failure message must print the seed and the fast-check path.
 */
export const FUZZ_LONG = process.env.DLGEOM_FUZZ === 'long';

/** The number of runs: `short` in the suite, `long` under `npm run fuzz`. */
export function fuzzRuns(short: number, long: number): number {
  return FUZZ_LONG ? long : short;
}
