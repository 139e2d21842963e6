/**
 * Plain text (the engine's reasons, statements and notes, which use Unicode
 * mathematics such as "U ≤ ‖YX̄⁺‖_op·δ_P") to LaTeX: prose stays text, runs of
 * mathematics become `$…$` pieces, and every such piece is returned separately
 * so the writer can record (and the tests can parse) each math fragment.
 *
 * A whitespace-separated word is mathematics when it holds a Unicode math
 * character, a `_` or `^`, or is an exact number "p/q"; short neighbours such
 * as "=", "+" or a single capital letter join an adjacent mathematical run.
 *
 * @example
 *   latexText('ms = U² exactly').tex // 'ms $= U^{2}$ exactly'
 */
import { Rational } from '../exact/rational.ts';
import { MAX_DIGITS, rationalLatex } from './number.ts';

/** Text converted to LaTeX, with the math pieces it contains (without the dollars). */
export interface ConvertedText {
  readonly tex: string;
  readonly math: string[];
}

const MATH_CHARS: Record<string, string> = {
  δ: '\\delta', Δ: '\\Delta', γ: '\\gamma', ε: '\\varepsilon', θ: '\\theta', τ: '\\tau', σ: '\\sigma',
  λ: '\\lambda', μ: '\\mu', β: '\\beta', α: '\\alpha', κ: '\\kappa', π: '\\pi', Π: '\\Pi', Σ: '\\Sigma',
  Θ: '\\Theta', ρ: '\\rho', φ: '\\varphi', ω: '\\omega', η: '\\eta', ν: '\\nu', ξ: '\\xi', ζ: '\\zeta', χ: '\\chi', ψ: '\\psi',
  ℓ: '\\ell', '∅': '\\emptyset', '⊊': '\\subsetneq', '⊆': '\\subseteq', '≤': '\\le', '≥': '\\ge', '≠': '\\ne',
  '≈': '\\approx', '≡': '\\equiv', '≢': '\\not\\equiv', '‖': '\\|', '·': '\\cdot', '−': '-', '×': '\\times',
  '→': '\\to', '↦': '\\mapsto', '∘': '\\circ', '⋯': '\\cdots', '…': '\\ldots', '∈': '\\in', '∉': '\\notin',
  '∞': '\\infty', '√': '\\surd', '⇔': '\\Leftrightarrow', '⇒': '\\Rightarrow', '∪': '\\cup', '∩': '\\cap',
  '⋃': '\\bigcup', '⟨': '\\langle', '⟩': '\\rangle', '∂': '\\partial', '∇': '\\nabla', ℚ: '\\mathbb{Q}',
  ℝ: '\\mathbb{R}', '⊥': '\\perp', '±': '\\pm', '∑': '\\sum', '§': '\\S',
};

const SUPERSCRIPTS: Record<string, string> = { '⁺': '+', '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', ᵀ: '\\top' };
const SUBSCRIPTS: Record<string, string> = { '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9' };

/** Typographic characters that stay in text mode. */
const TEXT_CHARS: Record<string, string> = { '—': '---', '–': '--', '“': '``', '”': "''", '‘': '`', '’': "'", '✔': '', '✘': '', '…': '\\ldots{}' };

const MACRON = '\u0304';

/** Escapes ASCII text for LaTeX text mode; unknown non-ASCII characters become "?". */
export function escapeText(s: string): string {
  let out = '';
  let quote = 0;
  for (const ch of s) {
    if (ch === '"') out += quote++ % 2 === 0 ? '``' : "''";
    else if ('#$%&_{}'.includes(ch)) out += `\\${ch}`;
    else if (ch === '\\') out += '\\textbackslash{}';
    else if (ch === '^') out += '\\^{}';
    else if (ch === '~') out += '\\~{}';
    else if (ch === '<') out += '\\textless{}';
    else if (ch === '>') out += '\\textgreater{}';
    else if (ch === '|') out += '\\textbar{}';
    else if (ch in TEXT_CHARS) out += TEXT_CHARS[ch];
    else if (ch.charCodeAt(0) > 0x7f) out += '?';
    else out += ch;
  }
  return out;
}

const NUMBER = /^-?\d+(\/\d+)?$/;

/** Whether a word is certainly mathematics. */
function isStrong(word: string): boolean {
  if (NUMBER.test(word) || /^-?\d{13,}/.test(word)) return true;
  for (const ch of word) if (ch in MATH_CHARS || ch in SUPERSCRIPTS || ch in SUBSCRIPTS || ch === MACRON) return true;
  return /[_^]/.test(word) && /^[A-Za-z0-9_^(){},+\-|]+$/.test(word);
}

/** Whether a word may join an adjacent mathematical run. */
function isWeak(word: string): boolean {
  return /^([=+<>]|[A-Z]|[xyzntsjik]|\d+|\(?[A-Z]\)?)$/.test(word);
}

/** Reads a `^`/`_` argument starting at i: a parenthesised group, a braced group, or an alphanumeric run. */
function scriptArgument(s: string, i: number): { arg: string; end: number } {
  if (s[i] === '(') {
    let depth = 0;
    for (let k = i; k < s.length; k++) {
      if (s[k] === '(') depth++;
      else if (s[k] === ')' && --depth === 0) return { arg: s.slice(i, k + 1), end: k + 1 };
    }
  }
  if (s[i] === '{') {
    const k = s.indexOf('}', i);
    if (k > 0) return { arg: s.slice(i + 1, k), end: k + 1 };
  }
  const m = /^[A-Za-z0-9]+/.exec(s.slice(i));
  if (m) return { arg: m[0], end: i + m[0].length };
  return { arg: '', end: i };
}

/** Converts one mathematical run (Unicode and ASCII) to LaTeX math. */
export function mathFromText(s: string): string {
  const chars = [...s];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (chars[i + 1] === MACRON) {
      out += `\\bar{${MATH_CHARS[ch] ?? ch}}`;
      i++;
      continue;
    }
    if (ch in SUPERSCRIPTS || ch in SUBSCRIPTS) {
      const table = ch in SUPERSCRIPTS ? SUPERSCRIPTS : SUBSCRIPTS;
      let run = '';
      while (i < chars.length && chars[i]! in table) run += (run && table[chars[i]!]!.startsWith('\\') ? ' ' : '') + table[chars[i++]!];
      i--;
      out += `${table === SUPERSCRIPTS ? '^' : '_'}{${run}}`;
      continue;
    }
    if (ch === '^' || ch === '_') {
      const rest = chars.slice(i + 1).join('');
      const { arg, end } = scriptArgument(rest, 0);
      const inner = /^[a-z]{2,}$/.test(arg) ? `\\mathrm{${arg}}` : arg.startsWith('(') ? mathFromText(arg) : mathFromText(arg);
      out += `${ch}{${inner}}`;
      i += [...rest.slice(0, end)].length;
      continue;
    }
    if (/\d/.test(ch)) {
      const m = /^\d+(\/\d+)?/.exec(chars.slice(i).join(''))!;
      const r = Rational.parse(m[0]);
      const long = m[0].length > 12;
      out += long || m[0].length > MAX_DIGITS ? rationalLatex(r).tex : m[0];
      i += m[0].length - 1;
      continue;
    }
    if (/[a-z]/.test(ch)) {
      let word = ch;
      while (i + 1 < chars.length && /[a-z]/.test(chars[i + 1]!) && chars[i + 2] !== MACRON) word += chars[++i];
      out += word.length >= 2 ? `\\mathrm{${word}}` : word;
      continue;
    }
    if (ch in MATH_CHARS) {
      const cmd = MATH_CHARS[ch]!;
      out += cmd + (/[a-zA-Z]$/.test(cmd) && /[A-Za-z]/.test(chars[i + 1] ?? '') ? ' ' : '');
      continue;
    }
    if ('#$%&'.includes(ch)) out += `\\${ch}`;
    else if (ch === '{' || ch === '}') out += `\\${ch}`;
    else if (ch === '\\') out += '\\backslash ';
    else if (ch === '~') out += '\\sim ';
    else if (ch === '"' || ch.charCodeAt(0) > 0x7f) out += '?';
    else out += ch;
  }
  return out;
}

/** A number word "p/q" as LaTeX (abbreviated beyond `maxDigits` digits). */
function numberMath(word: string, maxDigits: number): string {
  return rationalLatex(Rational.parse(word), maxDigits).tex;
}

/**
 * Converts text with Unicode mathematics to LaTeX.
 * @example latexText('U ≤ ‖YX̄⁺‖_op·δ_P').math // ['U \\le \\|Y\\bar{X}^{+}\\|_{\\mathrm{op}}\\cdot\\delta_{P}']
 */
export function latexText(s: string, opts: { maxDigits?: number } = {}): ConvertedText {
  const maxDigits = opts.maxDigits ?? 40;
  const words = s.split(/\s+/).filter((w) => w.length > 0);
  // Split off trailing punctuation (kept as text) and a leading "(" of a mathematical word.
  type Piece = { lead: string; core: string; trail: string; kind: 'strong' | 'weak' | 'text' };
  const pieces: Piece[] = words.map((w) => {
    const m = /^(.*?)([,.;:]*)$/s.exec(w)!;
    let core = m[1]!;
    let trail = m[2]!;
    let lead = '';
    // A trailing ")" with no "(" inside is punctuation of the sentence.
    while (core.endsWith(')') && (core.match(/\(/g)?.length ?? 0) < (core.match(/\)/g)?.length ?? 0)) {
      trail = ')' + trail;
      core = core.slice(0, -1);
      const m2 = /^(.*?)([,.;:]*)$/s.exec(core)!;
      core = m2[1]!;
      trail = m2[2]! + trail;
    }
    if (core.startsWith('(') && (core.match(/\(/g)?.length ?? 0) > (core.match(/\)/g)?.length ?? 0)) {
      lead = '(';
      core = core.slice(1);
    }
    if (core === '') return { lead: '', core: w, trail: '', kind: 'text' };
    return { lead, core, trail, kind: isStrong(core) ? 'strong' : isWeak(core) ? 'weak' : 'text' };
  });
  // Runs of strong/weak words joined by spaces, with no punctuation in between, containing a strong word.
  const out: string[] = [];
  const math: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i]!;
    if (p.kind === 'text') {
      out.push(escapeText(p.lead + p.core + p.trail));
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < pieces.length && pieces[j]!.trail === '' && pieces[j + 1]!.lead === '' && pieces[j + 1]!.kind !== 'text') j++;
    const run = pieces.slice(i, j + 1);
    if (!run.some((r) => r.kind === 'strong')) {
      out.push(escapeText(run.map((r) => r.lead + r.core + r.trail).join(' ')));
      i = j + 1;
      continue;
    }
    const tex = run.map((r) => (NUMBER.test(r.core) ? numberMath(r.core, maxDigits) : mathFromText(r.core))).join(' ');
    math.push(tex);
    out.push(`${escapeText(run[0]!.lead)}$${tex}$${escapeText(run[run.length - 1]!.trail)}`);
    i = j + 1;
  }
  return { tex: out.join(' '), math };
}
