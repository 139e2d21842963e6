/**
 * Human-readable reports of a prove run: the terminal table (cli-table3),
 * Markdown, and the JSON of `--json`. All three show the same rows, each with
 * its verdict and how it compares with the baseline.
 */
import path from 'node:path';
import { fittedTable, paint, statusColour, wrapText, type OutputStyle } from '../cli/terminal.ts';
import { Rational } from '../exact/rational.ts';
import { describeDifference, isFailure, type Difference } from './baseline.ts';
import type { ProveRun } from './run.ts';
import { rowKey, type Verdict, type VerdictRow } from './verdict.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export const VERDICT_MARK: Record<Verdict, string> = {
  verified: '✔ verified',
  refuted: '✘ refuted',
  inconclusive: '? inconclusive',
  'not-applicable': '– not applicable',
  holds: '✔ holds',
  fails: '✘ fails',
  passed: '✔ passed',
  failed: '✘ failed',
  error: '! error',
};

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** For the terminal: a fraction with many digits becomes "≈ 1.234e-5" (the JSON and Markdown reports keep it exact). */
export function abbreviateFractions(s: string): string {
  return s.replace(/-?\d+(?:\/\d+)?(?:…)?/g, (m) => {
    if (m.length <= 20) return m;
    if (m.endsWith('…')) return '(long fraction)';
    const v = toNumber(Rational.parse(m));
    if (!Number.isFinite(v)) return '(long fraction)';
    return `≈${Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-6) ? v.toExponential(4) : Number(v.toPrecision(5))}`;
  });
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function baselineNote(r: VerdictRow, diffs: ReadonlyMap<string, Difference>): string {
  const d = diffs.get(rowKey(r));
  if (!d) return '';
  return d.kind === 'new' || d.kind === 'written' ? ` [${d.kind}]` : ` [${d.kind}: was ${d.old}]`;
}

/** How the terminal table looks: fitted to a width (undefined = full width), exact values in full or abbreviated. */
export interface ProveTableOptions {
  readonly style?: OutputStyle;
  /** Exact values in full (no "≈" abbreviation of long fractions, no clipping). */
  readonly exact?: boolean;
}

/** The verdict table, one block per script, then the differences and a summary line. */
export function proveTable(run: ProveRun, differences: readonly Difference[], opts: ProveTableOptions = {}): string {
  const style = opts.style ?? { width: undefined, color: false };
  const diffs = new Map(differences.map((d) => [d.key, d]));
  const out: string[] = [];
  for (const s of run.scripts) {
    out.push(wrapText(`${s.script} — ${s.title}  (${path.relative(process.cwd(), s.file)}, ${formatMs(s.timeMs)})`, style.width, '', '  '));
    const rows = s.rows.map((r) => [
      `${r.claim} · ${r.check}`,
      r.data,
      `${VERDICT_MARK[r.verdict]}${baselineNote(r, diffs)}`,
      opts.exact ? r.evidence : clip(abbreviateFractions(r.evidence), 190),
      formatMs(r.timeMs),
    ]);
    out.push(
      fittedTable({ head: ['claim', 'data', 'status', 'evidence', 'time'], min: [20, 16, 16, 20, 7] }, rows, style, (i, j, text) => {
        const colour = j === 2 ? statusColour(s.rows[i]!.verdict) : undefined;
        return colour ? paint(style, colour, text) : text;
      }),
    );
  }
  out.push(summaryLines(run, differences).join('\n'));
  return out.join('\n');
}

/** Counts of each verdict, as "12 verified, 3 holds". */
function tally(rows: readonly VerdictRow[]): string {
  const counts = new Map<Verdict, number>();
  for (const r of rows) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
}

/**
 * `--quiet`: one line per script (verdict counts, how many differ from the baseline, time),
 * then the differences and the summary line.
 * @example proveQuiet(run, [])[0] // 'truncation: 40 verdicts (12 holds, 28 passed), all match the baseline (1.2 s)'
 */
export function proveQuiet(run: ProveRun, differences: readonly Difference[]): string[] {
  const lines = run.scripts.map((s) => {
    const differ = differences.filter((d) => d.script === s.script).length;
    return `${s.script}: ${s.rows.length} verdicts (${tally(s.rows)}), ${differ ? `${differ} differ from the baseline` : 'all match the baseline'} (${formatMs(s.timeMs)})`;
  });
  return [...lines, ...summaryLines(run, differences)];
}

/** Differences (old → new) and the one-line summary. */
export function summaryLines(run: ProveRun, differences: readonly Difference[]): string[] {
  const lines = differences.map(describeDifference);
  const failing = differences.filter(isFailure).length;
  const written = differences.length - failing;
  const verdict = (failing === 0 ? 'all match the baseline' : `${failing} differ from the baseline`) + (written ? `, ${written} written to it` : '');
  lines.push(`${run.rows.length} verdicts from ${run.scripts.length} script(s) (${tally(run.rows)}): ${verdict}. seed ${run.seed}, ${formatMs(run.timeMs)}`);
  return lines;
}

function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown: summary, differences, then per script its hypotheses, data and a verdict table. */
export function proveMarkdown(run: ProveRun, differences: readonly Difference[]): string {
  const diffs = new Map(differences.map((d) => [d.key, d]));
  const out: string[] = ['# dlgeom prove', ''];
  out.push(`${run.rows.length} verdicts from ${run.scripts.length} script(s); seed ${run.seed}; property runs ${run.runs ?? 'per script'}; ${formatMs(run.timeMs)}.`, '');
  const failing = differences.filter(isFailure).length;
  if (failing === 0) out.push(`**All verdicts match the baseline${differences.length ? ` (${differences.length} written to it)` : ''}.**`, '');
  if (differences.length) {
    out.push(`**${failing} verdict(s) differ from the baseline${differences.length > failing ? `, ${differences.length - failing} written to it` : ''}:**`, '', '| change | script | claim · check | data | baseline | now |', '|---|---|---|---|---|---|');
    for (const d of differences) out.push(`| ${d.kind} | ${md(d.script)} | ${md(`${d.claim} · ${d.check}`)} | ${md(d.data)} | ${d.old ?? '—'} | ${d.new ?? '—'} |`);
    out.push('');
  }
  for (const s of run.scripts) {
    out.push(`## ${md(s.script)} — ${md(s.title)}`, '');
    out.push(`Script \`${path.relative(process.cwd(), s.file)}\`; claims ${s.claims.join(', ') || '—'}; ${formatMs(s.timeMs)}.`, '');
    if (s.hypotheses.length) out.push('Hypotheses:', '', ...s.hypotheses.map((h) => `- ${md(h)}`), '');
    if (s.data.length) out.push(`Data: ${s.data.map((d) => `${md(d.name)} (Q = ${d.Q}, M = ${d.M}, N = ${d.N})`).join('; ')}.`, '');
    out.push('| claim · check | data | verdict | baseline | evidence | time |', '|---|---|---|---|---|---|');
    for (const r of s.rows) {
      const d = diffs.get(rowKey(r));
      const base = d ? (d.kind === 'new' || d.kind === 'written' ? d.kind : `${d.kind} (was ${d.old})`) : 'matches';
      out.push(`| ${md(`${r.claim} · ${r.check}`)} | ${md(r.data)} | ${r.verdict} | ${base} | ${md(r.evidence)} | ${formatMs(r.timeMs)} |`);
    }
    for (const d of differences.filter((x) => x.kind === 'missing' && x.script === s.script))
      out.push(`| ${md(`${d.claim} · ${d.check}`)} | ${md(d.data)} | — | missing (was ${d.old}) | not produced by this run | — |`);
    out.push('');
  }
  return out.join('\n');
}

/** The `--json` document. */
export function proveJson(run: ProveRun, differences: readonly Difference[], baselineFile: string): Record<string, unknown> {
  return {
    format: 'dlgeom/prove-report@1',
    seed: run.seed,
    runs: run.runs ?? null,
    baseline: baselineFile,
    matchesBaseline: !differences.some(isFailure),
    written: differences.filter((d) => !isFailure(d)).length,
    differences,
    timeMs: Math.round(run.timeMs),
    scripts: run.scripts.map((s) => ({
      script: s.script,
      file: s.file,
      title: s.title,
      claims: s.claims,
      hypotheses: s.hypotheses,
      data: s.data,
      timeMs: Math.round(s.timeMs),
      rows: s.rows,
    })),
  };
}
