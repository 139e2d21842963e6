/**
 * Output that fits: tables fitted to 80 and 120 columns have no line wider than that,
 * piped output is full width, NO_COLOR and non-TTY turn colour off; verify's text never
 * says "≈ n/a" and never reports distinctness of zero candidates.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { verify } from '../src/claims/verify.ts';
import { loadExample } from '../src/data/examples.ts';
import { generateClusters } from '../src/data/generate.ts';
import { displayWidth, fitWidths, fittedTable, outputStyle, wrapText } from '../src/cli/terminal.ts';
import { d2SummaryLine, quietLines, reportTable } from '../src/cli/verify-output.ts';

const tty = (columns: number) => ({ isTTY: true, columns }) as unknown as NodeJS.WriteStream;
const pipe = { isTTY: false } as unknown as NodeJS.WriteStream;
const widest = (s: string) => Math.max(...s.split('\n').map(displayWidth));

describe('terminal output', () => {
  it('style: terminal width on a TTY, full width when piped or --wide; colour only on a TTY without NO_COLOR', () => {
    expect(outputStyle({}, tty(80), {})).toEqual({ width: 80, color: true });
    expect(outputStyle({ wide: true }, tty(80), {})).toEqual({ width: undefined, color: true });
    expect(outputStyle({}, pipe, {})).toEqual({ width: undefined, color: false });
    expect(outputStyle({}, tty(120), { NO_COLOR: '1' })).toEqual({ width: 120, color: false });
  });

  it('fitWidths: natural when it fits; short columns whole, the room above the minima by text volume; when minima overflow, the widest shrinks first', () => {
    expect(fitWidths([10, 50], [4, 10], 40)).toEqual([8, 25]);
    expect(fitWidths([10, 12], [4, 10], 80)).toEqual([10, 12]);
    expect(fitWidths([30, 30], [20, 25], 10)).toEqual([4, 4]);
    // Room above the minima goes by text volume: the long column gets more.
    expect(fitWidths([20, 60, 200], [24, 10, 10], 100, [20, 600, 3000])).toEqual([20, 19, 51]);
    expect(wrapText('a bb ccc dddd', 24, '  ')).toBe('  a bb ccc dddd');
  });

  it('verify tables fit 80 and 120 columns; piped, every row is one line', () => {
    const report = verify(loadExample('clusters-q3'), { skipD2: true });
    for (const width of [80, 120]) {
      const text = reportTable(report, { style: { width, color: false } });
      expect(widest(text), `width ${width}`).toBeLessThanOrEqual(width);
      const exact = reportTable(report, { style: { width, color: false }, exact: true });
      expect(widest(exact), `--exact at ${width}`).toBeLessThanOrEqual(width);
    }
    const piped = reportTable(report, { style: { width: undefined, color: false } });
    const body = piped.split('\n').filter((l) => l.startsWith('│'));
    expect(body).toHaveLength(report.claims.length + 1);
    expect(piped).not.toMatch(/\x1b\[/);
  });

  it('colour codes appear only when the style allows them', () => {
    const rows = [['a', 'verified']];
    const coloured = fittedTable({ head: ['x', 'status'], min: [1, 1] }, rows, { width: 80, color: true }, (_i, j, t) => (j === 1 ? `\x1b[32m${t}\x1b[0m` : t));
    expect(coloured).toContain('\x1b[32mverified');
  });

  it('no "≈ n/a", no vacuous D2 summary, and --exact prints the exact values', () => {
    const plane = generateClusters({ Q: 3, M: 2, perClass: 3, delta: Rational.parse('1/10') });
    const report = verify(plane);
    const text = reportTable(report, { style: { width: 100, color: false } });
    expect(text).not.toMatch(/≈ n\/a/);
    expect(text).toMatch(/δ_P², U²: undefined \(M = 2 < Q = 3/);
    expect(d2SummaryLine(report)).toMatch(/^D2: none of the 7 candidates could be built \(needs input dimension M ≥ Q.*nothing was decided$/);
    expect(d2SummaryLine(report)).not.toMatch(/distinct/);
    const q3 = verify(loadExample('clusters-q3'), { skipD2: true });
    const exact = reportTable(q3, { style: { width: undefined, color: false }, exact: true });
    expect(exact).toContain(`U² = ${q3.quantities.U2!.toString()}`);
    expect(exact).toContain(`ms = ${q3.claims.find((c) => c.id === 'S1')!.ms!.toString()}`);
    const quiet = quietLines(q3, { style: { width: 80, color: false } });
    expect(quiet).toHaveLength(q3.claims.length + 1);
    expect(quiet[0]).toBe('S1: verified');
  });
});

describe('long exact values', () => {
  it('are broken over lines where the column ends, never cut short with "…"', async () => {
    const { breakLongWords } = await import('../src/cli/terminal.ts');
    expect(breakLongWords('ms = 123456789/1000', 8)).toBe('ms =\n12345678\n9/1000');
    const q3 = verify(loadExample('clusters-q3'), { skipD2: true });
    const text = reportTable(q3, { style: { width: 80, color: false }, exact: true });
    const joined = text.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, '');
    expect(joined).toContain(q3.claims.find((c) => c.id === 'S1')!.ms!.toString());
    expect(text).not.toContain('…');
  });
});
