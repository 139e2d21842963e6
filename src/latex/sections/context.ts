/**
 * What every section writer receives: the data, the engine's results on it
 * (the same `verify` report `dlgeom verify --json` prints), and the writer.
 */
import { Rational } from '../../exact/rational.ts';
import type { DataSet } from '../../data/dataset.ts';
import type { ClassStats } from '../../data/stats.ts';
import { isResultOf, type ClaimId, type ResultOf } from '../../claims/claim-result.ts';
import type { ShallowQuantities } from '../../claims/shallow-quantities.ts';
import type { VerifyReport } from '../../claims/verify-report.ts';
import { Matrix } from '../../exact/matrix.ts';
import type { Network } from '../../network/network.ts';
import type { NetworkJson } from '../../certificates/format.ts';
import type { LatexWriter } from '../writer.ts';

export interface DocumentContext {
  readonly ds: DataSet;
  /** Hidden layers of the deep claims. */
  readonly L: number;
  readonly stats: ClassStats;
  readonly sq: ShallowQuantities;
  /** The verify report (absent for the truncation lemmas T, which verify does not cover). */
  readonly report: VerifyReport | undefined;
  readonly w: LatexWriter;
}

/** The report's results for one claim id (S3: both readings; D2: every subset and sense). */
export function resultsOf<Id extends ClaimId>(ctx: DocumentContext, id: Id): ResultOf<Id>[] {
  if (!ctx.report) throw new Error('internal: no verify report');
  return ctx.report.claims.filter((c): c is ResultOf<Id> => isResultOf(c, id));
}

/** The single result of a claim id. */
export function resultOf<Id extends ClaimId>(ctx: DocumentContext, id: Id): ResultOf<Id> {
  const r = resultsOf(ctx, id);
  if (r.length !== 1) throw new Error(`internal: expected one ${id} result, found ${r.length}`);
  return r[0]!;
}

/** A certificate's network (exact strings) as a Network. */
export function networkFromJson(json: NetworkJson): Network {
  const layer = (l: NetworkJson['output']) => ({ W: Matrix.fromRows(l.W), b: l.b.map((v) => Rational.parse(v)) });
  return { hidden: json.hidden.map(layer), output: layer(json.output) };
}
