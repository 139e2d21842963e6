/**
 * What `verify` returns (src/claims/verify.ts), as a type only: the CLI, the figures, the
 * LaTeX writers and the HTML report read it without depending on the verify loop.
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { CostConvention } from '../network/network.ts';
import type { ClaimResult } from './claim-result.ts';
import type { FloatQuantity } from './float-quantities.ts';
import type { D2Summary } from './d2-local-minima.ts';

export interface VerifyReport {
  readonly ds: DataSet;
  readonly L: number;
  readonly convention: CostConvention;
  readonly quantities: {
    readonly delta2: Rational;
    readonly deltaP2: Rational | undefined;
    readonly U2: Rational | undefined;
    readonly Vfull2: Rational;
    readonly Vnb2: Rational;
  };
  readonly claims: ClaimResult[];
  /** The float cross-checks of the quantities (each agreed within its tolerance, or is not applicable). */
  readonly floatChecks: { readonly U2: FloatQuantity | undefined; readonly Vfull2: FloatQuantity | undefined; readonly Vnb2: FloatQuantity | undefined };
  /** D2 over all proper subsets; undefined when D2 was skipped (`skipD2`). */
  readonly d2: D2Summary | undefined;
}
