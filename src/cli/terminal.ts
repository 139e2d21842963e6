/**
 * Output that fits where it goes. On a terminal, tables are fitted to its width
 * (columns wrapped, the widest shrunk first) and status marks are coloured
 * unless NO_COLOR is set (https://no-color.org); piped or redirected output, or
 * `--wide`, gets every row on one line at full width and never any colour.
 */
import Table from 'cli-table3';

/** Where a command's output goes and how it may look there. */
export interface OutputStyle {
  /** The width to fit tables into; undefined = full width (piped, redirected, or --wide). */
  readonly width: number | undefined;
  readonly color: boolean;
}

/**
 * The style of stdout: width from the terminal unless `wide` or not a TTY; colour only on a TTY without NO_COLOR.
 * @example outputStyle({ wide: true }).width // undefined
 */
export function outputStyle(opts: { wide?: boolean | undefined } = {}, stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): OutputStyle {
  const tty = !!stream.isTTY;
  const width = tty && !opts.wide ? Math.max(40, stream.columns || 80) : undefined;
  const color = tty && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  return { width, color };
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Display width of a line: ANSI colour codes and combining marks take no room. */
export function displayWidth(s: string): number {
  return [...s.replace(ANSI, '').normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
}

const CODES = { green: 32, red: 31, yellow: 33, dim: 2 } as const;

/** `s` in a colour when the style allows colour, else unchanged. */
export function paint(style: OutputStyle, colour: keyof typeof CODES, s: string): string {
  return style.color ? `\x1b[${CODES[colour]}m${s}\x1b[0m` : s;
}

/** The colour of a status word (verified/holds/passed green, refuted/fails/failed/error red, inconclusive yellow). */
export function statusColour(status: string): keyof typeof CODES | undefined {
  if (/^(verified|holds|passed)$/.test(status)) return 'green';
  if (/^(refuted|fails|failed|error)$/.test(status)) return 'red';
  if (status === 'inconclusive') return 'yellow';
  if (status === 'not-applicable') return 'dim';
  return undefined;
}

/**
 * Column widths (content, without padding) that fit `total` terminal columns including borders
 * and padding. Columns no wider than their minimum keep their natural width; the others share
 * the room in proportion to their text volume (so rows wrap to similar heights), never beyond
 * their natural width. When even the minima do not fit, the widest column shrinks first, down
 * to 4 characters.
 * @example fitWidths([10, 50], [4, 10], 40) // [8, 25]
 */
export function fitWidths(natural: readonly number[], min: readonly number[], total: number, volume: readonly number[] = natural): number[] {
  const room = total - (3 * natural.length + 1); // "│ " … " │" per column
  if (natural.reduce((a, b) => a + b, 0) <= room) return [...natural];
  const w = natural.map((n, i) => Math.min(n, min[i] ?? 1));
  let open = natural.map((n, i) => n > (min[i] ?? 1));
  // Share what is left above the minima by volume, capping at natural widths, until nothing moves.
  for (let round = 0; round < natural.length; round++) {
    const left = room - w.reduce((a, b) => a + b, 0);
    const vol = open.reduce((a, o, i) => a + (o ? Math.max(1, volume[i] ?? 1) : 0), 0);
    if (left <= 0 || vol === 0) break;
    let capped = false;
    open = open.map((o, i) => {
      if (!o) return false;
      const add = Math.floor((left * Math.max(1, volume[i] ?? 1)) / vol);
      if (w[i]! + add >= natural[i]!) {
        w[i] = natural[i]!;
        capped = true;
        return false;
      }
      return true;
    });
    if (!capped) {
      open.forEach((o, i) => o && (w[i]! += Math.floor((left * Math.max(1, volume[i] ?? 1)) / vol)));
      break;
    }
  }
  // Rounding leftovers to the widest still-open column; overflow (minima too wide) off the widest.
  let excess = w.reduce((a, b) => a + b, 0) - room;
  while (excess < 0) {
    const i = w.findIndex((x, k) => x < natural[k]!);
    if (i < 0) break;
    w[i]!++;
    excess++;
  }
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < w.length; i++) if (w[i]! > 4 && (widest < 0 || w[i]! > w[widest]!)) widest = i;
    if (widest < 0) break; // as narrow as it gets
    w[widest]!--;
    excess--;
  }
  return w;
}

export interface TableSpec {
  readonly head: readonly string[];
  /** Minimum content width of each column when shrinking. */
  readonly min: readonly number[];
  /** Row separators between rows (true) or none. */
  readonly separators?: boolean;
}

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/**
 * A cli-table3 table fitted to the style's width: full natural width (no wrapping) when
 * width is undefined, else wrapped to fit. Cells are plain text; `paintCell` may colour a cell
 * after the widths are computed.
 */
export function fittedTable(
  spec: TableSpec,
  rows: readonly (readonly string[])[],
  style: OutputStyle,
  paintCell: (row: number, col: number, text: string) => string = (_r, _c, t) => t,
): string {
  const natural = spec.head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(displayWidth)))));
  const volume = spec.head.map((_h, i) => rows.reduce((a, r) => a + displayWidth(r[i] ?? ''), 0));
  const widths = style.width === undefined ? natural : fitWidths(natural, spec.min, style.width, volume);
  const table = new Table({
    head: [...spec.head],
    colWidths: widths.map((w) => w + 2),
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(spec.separators ? {} : { chars: COMPACT }),
    style: { head: [], border: [] },
  });
  rows.forEach((r, i) => table.push(r.map((cell, j) => paintCell(i, j, style.width === undefined ? cell : breakLongWords(cell, widths[j]!)))));
  return table.toString();
}

/**
 * Words longer than `width` split over lines (cli-table3 would cut them short with "…"):
 * an exact value is shown in full, only broken where the column ends.
 * @example breakLongWords('ms = 123456789/1000', 8) // 'ms =\n12345678\n9/1000'
 */
export function breakLongWords(text: string, width: number): string {
  if (width < 1) return text;
  return text
    .split('\n')
    .map((line) =>
      line.replace(/\S+/g, (word) => {
        if (displayWidth(word) <= width) return word;
        const chars = [...word];
        const parts: string[] = [];
        for (let i = 0; i < chars.length; i += width) parts.push(chars.slice(i, i + width).join(''));
        return `\n${parts.join('\n')}\n`;
      }),
    )
    .join('\n')
    .replace(/ *\n */g, '\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Words of `text` in lines of at most `width` characters (a longer word stays whole), the first
 * after `indent`, the others after `hanging` (default: the same indent).
 * @example wrapText('a b c', 3, '') // 'a b\nc'
 */
export function wrapText(text: string, width: number | undefined, indent = '', hanging = indent): string {
  if (width === undefined) return indent + text;
  const room = Math.max(20, width - Math.max(displayWidth(indent), displayWidth(hanging)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && displayWidth(line) + 1 + displayWidth(word) > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? indent : hanging) + l).join('\n');
}
