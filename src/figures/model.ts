/**
 * The figure model: the numbers of one figure and how to draw them, from which
 * both the Vega-Lite specification (vega-lite.ts) and the TikZ/pgfplots code
 * (pgfplots.ts) are generated, so the two can never disagree.
 *
 * Coordinates are float64 numbers for drawing only; where a drawn number is
 * an exact value of the engine, the point carries it as `exact` (reduced
 * fraction strings, as `dlgeom verify --json` prints them). No verdict is ever
 * read from a figure.
 *
 * @example
 *   const f: FigureModel = { id: 'demo', title: text('Demo'), caption: text('…'), panels: [panel] };
 */

/** A label in two forms: plain Unicode (SVG, HTML) and LaTeX (text mode, math in $…$). */
export interface Label {
  readonly text: string;
  readonly tex: string;
}

/** A label whose LaTeX form is `tex` (defaults to the plain text, which must then be LaTeX-safe). */
export function label(text: string, tex = text): Label {
  return { text, tex };
}

export interface FigurePoint {
  readonly x: number;
  readonly y: number;
  /** The exact values drawn as x and y, when they are exact engine values. */
  readonly exact?: { readonly x?: string; readonly y?: string };
}

/**
 * One drawn series: markers (`point`) or a polyline through the points in order
 * (`line`). `group` is the legend entry and picks the colour (e.g. one per
 * class); `name` says what this series is (tooltips, the data table).
 */
export interface Series {
  readonly name: Label;
  /** The legend entry and colour: one colour per group text across the whole figure. */
  readonly group: Label;
  /** A fixed colour for the group (e.g. grey for context); otherwise the palette's next. */
  readonly colour?: string;
  readonly kind: 'point' | 'line';
  readonly dashed?: boolean;
  /** Markers: large outlined diamonds for special points (means, apexes). */
  readonly emphasis?: boolean;
  /** Marker shape of ordinary points (default circle). */
  readonly shape?: 'circle' | 'square' | 'triangle';
  readonly points: readonly FigurePoint[];
}

/** Text placed at data coordinates. */
export interface Note {
  readonly x: number;
  readonly y: number;
  readonly text: Label;
}

/** One axis system. */
export interface Panel {
  readonly title: Label;
  readonly xLabel: Label;
  readonly yLabel: Label;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  /** Fixed axis ranges (lines drawn beyond them are clipped). */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Categorical x axis: tick i is labelled categories[i] (x values are the indices). */
  readonly xCategories?: readonly Label[];
  /** Equal units on both axes (geometric pictures). */
  readonly equalAxes?: boolean;
  readonly series: readonly Series[];
  readonly notes?: readonly Note[];
}

export interface FigureModel {
  /** File-name-safe id, e.g. "d1-curation". */
  readonly id: string;
  readonly title: Label;
  /** What is drawn and how it was computed (one or two sentences). */
  readonly caption: Label;
  readonly panels: readonly Panel[];
  /**
   * The engine's exact values this figure draws, under the names and in the
   * form `dlgeom verify --json` prints them (e.g. D1's `order` and `apexes`), so
   * a reader can compare the two.
   */
  readonly source?: Readonly<Record<string, unknown>>;
}

/** The colour of each group, in order of first appearance (Tableau 10, as Vega's default scheme). */
export const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'] as const;

/** The groups of a figure in order of first appearance, each with its colour. */
export function groupColours(fig: FigureModel): Map<string, { readonly group: Label; readonly colour: string }> {
  const m = new Map<string, { group: Label; colour: string }>();
  let next = 0;
  for (const p of fig.panels)
    for (const s of p.series) if (!m.has(s.group.text)) m.set(s.group.text, { group: s.group, colour: s.colour ?? PALETTE[next++ % PALETTE.length]! });
  return m;
}

/** Every point that will be drawn on a log axis must be positive: drop the others (the caller says so in the caption). */
export function positivePoints(points: readonly FigurePoint[], xLog: boolean, yLog: boolean): FigurePoint[] {
  return points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!xLog || p.x > 0) && (!yLog || p.y > 0));
}

/** Evenly spaced indices, at most `max` of `n` (deterministic, for drawing large data). */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor((k * n) / max));
}

/** Powers of ten covering [lo, hi] (log-axis ticks), at most 8 of them (every k-th power when more). */
export function decadeTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > 0)) return [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((b - a + 1) / 8));
  const out: number[] = [];
  for (let e = a; e <= b; e += step) out.push(Number(`1e${e}`));
  return out;
}
