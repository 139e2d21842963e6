/**
 * The document writer: accumulates the LaTeX body, records every math
 * fragment it emits (so tests can parse each one with KaTeX), registers every
 * exact value it shows under a name (the side file of `dlgeom latex -o`), and
 * collects abbreviated values into an appendix with every digit.
 *
 * Display mathematics is emitted as `\[ … \]` (multi-line: `aligned` inside),
 * inline mathematics as `$…$`; the recorded fragment is exactly the text
 * between the delimiters.
 *
 * @example
 *   const w = new LatexWriter();
 *   w.paragraph(`The cost is ${w.num('ms', Rational.of(1n, 3n))}.`);
 *   w.fragments // [{ tex: '\\frac{1}{3}', display: false }]
 */
import type { Matrix } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import type { RationalFunction } from '../symbolic/rational-function.ts';
import { matrixLatex, vectorLatex } from './matrix.ts';
import { MAX_DIGITS, breakableText, rationalLatex, type Rendered } from './number.ts';
import { rationalFunctionRows } from './rational-function.ts';
import { escapeText, latexText } from './text.ts';

/** One math fragment as emitted (without its delimiters). */
export interface MathFragment {
  readonly tex: string;
  readonly display: boolean;
}

/** An exact value in full: a number "p/q", a vector, a matrix (rows), or other text. */
export type ExactValue = string | readonly string[] | readonly (readonly string[])[];

interface AppendixItem {
  readonly key: string;
  readonly name: string;
  readonly value: ExactValue;
}

export class LatexWriter {
  private readonly lines: string[] = [];
  private readonly recorded: MathFragment[] = [];
  private readonly named = new Map<string, ExactValue>();
  private readonly appendix: AppendixItem[] = [];
  private pending: string[] = [];

  /** Every math fragment emitted so far, in order. */
  get fragments(): readonly MathFragment[] {
    return this.recorded;
  }

  /** Every exact value shown, by name, in full. */
  get values(): ReadonlyMap<string, ExactValue> {
    return this.named;
  }

  /** Inline math: records the fragment and returns `$tex$`. */
  m(tex: string): string {
    this.recorded.push({ tex, display: false });
    return `$${tex}$`;
  }

  /** Text with Unicode mathematics (engine reasons, notes) as LaTeX; its math pieces are recorded. */
  prose(text: string): string {
    const t = latexText(text);
    for (const tex of t.math) this.recorded.push({ tex, display: false });
    return t.tex;
  }

  /** Raw LaTeX lines (structure only: no math in them). */
  raw(...lines: string[]): void {
    this.lines.push(...lines);
  }

  section(title: string): void {
    this.flush();
    this.lines.push('', `\\section{${this.prose(title)}}`);
  }

  subsection(title: string): void {
    this.flush();
    this.lines.push('', `\\subsection{${this.prose(title)}}`);
  }

  /** A figure's LaTeX (a pgfplots `figure` environment); its inline `$…$` math is recorded. */
  figure(tex: string): void {
    this.flush();
    for (const m of tex.matchAll(/(?<!\\)\$([^$]+)\$/g)) this.recorded.push({ tex: m[1]!, display: false });
    this.lines.push('', tex);
  }

  /** A paragraph of LaTeX (compose its math with {@link m}, {@link num}, …). */
  paragraph(tex: string): void {
    this.lines.push('', tex);
    this.flush();
  }

  /** A display formula. */
  display(tex: string): void {
    this.recorded.push({ tex, display: true });
    this.lines.push('\\[', tex, '\\]');
    this.flush();
  }

  /** Several aligned display lines (use & to align). */
  aligned(rows: readonly string[]): void {
    this.display(`\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`);
  }

  /** Several equations, one per row, aligned at the first " = " of each (or at the start). */
  equations(parts: readonly string[]): void {
    this.aligned(parts.map((p) => (p.includes(' = ') ? p.replace(' = ', ' &= ') : `&${p}`)));
  }

  /** A bulleted list of LaTeX items. */
  list(items: readonly string[]): void {
    if (items.length === 0) return;
    this.lines.push('', '\\begin{itemize}', ...items.map((i) => `\\item ${i}`), '\\end{itemize}');
    this.flush();
  }

  /** A centred tabular; cells are LaTeX. */
  table(columns: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
    this.lines.push('', '\\begin{center}', '\\renewcommand{\\arraystretch}{1.6}', `\\begin{tabular}{${columns}}`, '\\hline', `${header.join(' & ')} \\\\`, '\\hline');
    for (const r of rows) this.lines.push(`${r.join(' & ')} \\\\`);
    this.lines.push('\\hline', '\\end{tabular}', '\\end{center}');
    this.flush();
  }

  /** Registers a value shown in full or in another form (it goes into the side file). */
  register(name: string, value: ExactValue): void {
    const old = this.named.get(name);
    if (old !== undefined && JSON.stringify(old) !== JSON.stringify(value)) throw new Error(`internal: two different values named "${name}"`);
    this.named.set(name, value);
  }

  /** Registers a value and also lists it in the appendix (e.g. a list of hashes). */
  toAppendix(name: string, value: ExactValue): string {
    this.register(name, value);
    const found = this.appendix.find((a) => a.name === name);
    if (found) return found.key;
    const key = `A${this.appendix.length + 1}`;
    this.appendix.push({ key, name, value });
    return key;
  }

  private shown(name: string, value: ExactValue, r: Rendered): string {
    this.register(name, value);
    if (r.abbreviated) {
      const key = this.toAppendix(name, value);
      if (!this.pending.includes(key)) this.pending.push(key);
    }
    return r.tex;
  }

  /** An exact number's LaTeX (math mode, no dollars), registered under `name`. */
  num(name: string, r: Rational, maxDigits = MAX_DIGITS): string {
    return this.shown(name, r.toString(), rationalLatex(r, maxDigits));
  }

  /** An exact matrix's bmatrix (math mode), registered under `name`. */
  mat(name: string, M: Matrix | readonly (readonly Rational[])[]): string {
    const rows = Array.isArray(M) ? (M as readonly (readonly Rational[])[]) : (M as Matrix).toRows();
    return this.shown(name, rows.map((row) => row.map(String)), matrixLatex(rows));
  }

  /** An exact vector as a transposed row bmatrix (math mode), registered under `name`. */
  vec(name: string, v: readonly Rational[]): string {
    return this.shown(name, v.map(String), vectorLatex(v));
  }

  /**
   * Aligned-display rows for `label = f(δ)` (wrapped when long), f registered under
   * `name` as nerdamer-readable text "(num)/(den)" in `delta`.
   */
  rf(name: string, label: string, f: RationalFunction): string[] {
    const r = rationalFunctionRows(label, f);
    this.shown(name, f.toString('delta'), { tex: '', abbreviated: r.abbreviated });
    return r.rows;
  }

  /** Notes which abbreviated values the preceding text showed. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const keys = this.pending;
    this.pending = [];
    this.lines.push('', `{\\small\\emph{Abbreviated above; every digit in the appendix, item${keys.length > 1 ? 's' : ''} ${keys.join(', ')}.}}`);
  }

  private valueText(value: ExactValue): string {
    const one = (s: string): string => {
      if (!/^-?\d+(\/\d+)?$/.test(s)) return `\\texttt{${escapeText(s).replace(/([0-9A-Za-z]{16})(?=[0-9A-Za-z])/g, '$1\\allowbreak ')}}`;
      return s.startsWith('-') ? this.m('-') + breakableText(s.slice(1)) : breakableText(s);
    };
    if (typeof value === 'string') return one(value);
    if (value.every((v) => typeof v === 'string')) {
      return (value as readonly string[]).map((v, i) => `${i + 1}:~${one(v)}`).join('; ');
    }
    return (value as readonly (readonly string[])[])
      .map((row, i) => `\\noindent row ${i + 1}: ${row.map((v, j) => `(${i + 1},${j + 1}):~${one(v)}`).join('; ')}`)
      .join('\\par\n');
  }

  /** The body: everything written, then the appendix of abbreviated values. */
  body(opts: { sideFile?: string } = {}): string {
    this.flush();
    const out = [...this.lines];
    if (this.appendix.length > 0) {
      out.push('', '\\section*{Appendix: full values}', '\\begingroup\\sloppy');
      out.push(
        '',
        `Values abbreviated in the text, with every digit${opts.sideFile ? ` (also, with every other exact value shown, in the side file \\texttt{${escapeText(opts.sideFile)}})` : ''}.`,
      );
      for (const a of this.appendix) out.push('', `\\paragraph{${a.key}. ${this.prose(a.name)}}`, '{\\small', this.valueText(a.value), '}');
      out.push('', '\\endgroup');
    }
    return out.join('\n') + '\n';
  }
}
