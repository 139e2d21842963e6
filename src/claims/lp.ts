/**
 * The float LP solver (HiGHS, compiled to WebAssembly), loaded once at module load
 * (top-level await). It only *proposes*: every caller turns what it returns into
 * exact evidence (a rounded normal with an exact margin, exact convex weights) or
 * into "inconclusive". Nothing here decides a verdict.
 */
import highsModule, { type Highs } from 'highs';

// The package's declarations type its default export as the module under NodeNext, not as the loader.
const loadHighs = highsModule as unknown as () => Promise<Highs>;
const highs: Highs = await loadHighs();

/** A dense LP: optimise costᵀx subject to rowLower ≤ A x ≤ rowUpper, colLower ≤ x ≤ colUpper. */
export interface DenseLp {
  readonly sense: 'min' | 'max';
  readonly cost: readonly number[];
  readonly colLower: readonly number[];
  readonly colUpper: readonly number[];
  /** One dense row per constraint (length = number of columns). */
  readonly rows: readonly (readonly number[])[];
  readonly rowLower: readonly number[];
  readonly rowUpper: readonly number[];
  /** Solver time limit in seconds (Infinity for none). */
  readonly timeLimit?: number;
}

export type LpOutcome =
  | { readonly status: 'optimal'; readonly x: Float64Array; readonly objective: number }
  | { readonly status: 'infeasible' }
  /** Unbounded, limits, numerical trouble: the LP proposes nothing. */
  | { readonly status: 'other'; readonly detail: string };

/**
 * Solves a dense LP with HiGHS (dual simplex by default). The matrix is passed in
 * row-compressed form with the zeros dropped.
 * @example solveDenseLp({ sense: 'max', cost: [1], colLower: [0], colUpper: [2], rows: [], rowLower: [], rowUpper: [] }) // x = [2]
 */
export function solveDenseLp(lp: DenseLp): LpOutcome {
  const n = lp.cost.length;
  const m = lp.rows.length;
  const starts = new Int32Array(m + 1);
  const indices: number[] = [];
  const values: number[] = [];
  lp.rows.forEach((row, i) => {
    for (let k = 0; k < n; k++)
      if (row[k] !== 0) {
        indices.push(k);
        values.push(row[k]!);
      }
    starts[i + 1] = indices.length;
  });
  const big = (v: number) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v);
  if (!values.every(Number.isFinite)) return { status: 'other', detail: 'a coefficient is not a finite float' };
  let model: ReturnType<Highs['createModel']>;
  try {
    model = highs.createModel({
      numCols: n,
      numRows: m,
      sense: lp.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: Float64Array.from(lp.cost),
      colLower: Float64Array.from(lp.colLower, big),
      colUpper: Float64Array.from(lp.colUpper, big),
      rowLower: Float64Array.from(lp.rowLower, big),
      rowUpper: Float64Array.from(lp.rowUpper, big),
      matrix: { format: 'csr', numRows: m, numCols: n, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
  } catch (e) {
    return { status: 'other', detail: e instanceof Error ? e.message : String(e) };
  }
  try {
    model.options.set({ output_flag: false });
    if (lp.timeLimit !== undefined && Number.isFinite(lp.timeLimit)) model.options.set({ time_limit: Math.max(0.01, lp.timeLimit) });
    model.run();
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    if (status === codes.optimal) return { status: 'optimal', x: Float64Array.from(model.getSolution().colValue), objective: model.getObjectiveValue() };
    if (status === codes.infeasible) return { status: 'infeasible' };
    const name = Object.entries(codes).find(([, v]) => v === status)?.[0] ?? String(status);
    return { status: 'other', detail: name };
  } catch (e) {
    // A native solver error proposes nothing; the caller reports "inconclusive".
    return { status: 'other', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    model.dispose();
  }
}
