import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { q, isInteger } from '../src/exact/rational-shorthands.ts';
import { Poly, RationalFunction } from '../src/symbolic/rational-function.ts';
import { integerLatex, rationalLatex } from '../src/latex/number.ts';
import { matrixLatex } from '../src/latex/matrix.ts';
import { latexText } from '../src/latex/text.ts';
import { expressionLatex } from '../src/latex/expression.ts';
import { integerForm, rationalFunctionRows } from '../src/latex/rational-function.ts';
import { LatexWriter } from '../src/latex/writer.ts';

const parses = (tex: string, displayMode = false) => katex.renderToString(tex, { throwOnError: true, displayMode });

describe('numbers', () => {
  it('fractions exactly, long integers abbreviated head…tail', () => {
    expect(rationalLatex(q('-7/3')).tex).toBe('-\\frac{7}{3}');
    expect(rationalLatex(q('12')).tex).toBe('12');
    const big = '1234567890'.repeat(5);
    const r = integerLatex(big, 40);
    expect(r.abbreviated).toBe(true);
    expect(r.tex.startsWith(big.slice(0, 20))).toBe(true);
    expect(r.tex.endsWith(big.slice(-10))).toBe(true);
    expect(rationalLatex(Rational.of(BigInt(big), 7n)).abbreviated).toBe(true);
    parses(rationalLatex(Rational.of(-BigInt(big), 7n)).tex);
  });
});

describe('matrices', () => {
  it('elides beyond 8×8 with \\cdots, \\vdots, \\ddots and still parses', () => {
    const rows = Array.from({ length: 10 }, (_, i) => Array.from({ length: 12 }, (_, j) => Rational.of(BigInt(i + 1), BigInt(j + 2))));
    const m = matrixLatex(rows);
    expect(m.abbreviated).toBe(true);
    expect(m.tex).toContain('\\cdots');
    expect(m.tex).toContain('\\vdots');
    expect(m.tex).toContain('\\ddots');
    expect(m.tex.split('\\\\')).toHaveLength(8);
    expect(m.tex.split('\\\\')[0]!.split('&')).toHaveLength(8);
    expect(m.tex).toContain('\\frac{10}{13}'); // the last entry is shown
    parses(m.tex, true);
    // Rows holding a fraction get extra space (stacked fractions must not touch); integer rows do not.
    expect(matrixLatex([[q(1), q('1/2')], [q(0), q(3)]]).tex).toBe('\\begin{bmatrix}1 & \\frac{1}{2} \\\\[0.8ex] 0 & 3\\end{bmatrix}');
    expect(matrixLatex([[q(1), q(2)], [q(0), q(3)]]).tex).toBe('\\begin{bmatrix}1 & 2 \\\\ 0 & 3\\end{bmatrix}');
  });
});

describe('text with Unicode mathematics', () => {
  it.each([
    'ReLU is the identity on the data, ms = U² exactly, and U ≤ ‖YX̄⁺‖_op·δ_P (certified via a Rayleigh quotient)',
    'on the D1 network, every data point satisfies network(x) = W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1) exactly',
    'class 1 ("setosa") cannot be separated from class 2 ("versicolor"): their convex hulls meet',
    '(I1) det(W)·(τ_s(x) − x) = −adj(W)(I − D_s)(Wx + b) for all 4 patterns s (polynomial identities)',
    'directional derivative -30516585371742033036570211485098/3395290199496704109472844226005/N < 0 along the given direction',
    'on 15 rational test inputs the class cost equals |YX̄⁺P(x − x̄_j)| exactly; degenerate on the 1-dimensional complement of span{x̄_j}',
  ])('%s', (s) => {
    const t = latexText(s);
    expect(t.tex).not.toMatch(/[^\x00-\x7F]/);
    expect(t.tex).not.toContain('?');
    expect(t.math.length).toBeGreaterThan(0);
    for (const m of t.math) parses(m);
  });

  it('keeps prose as text and escapes special characters', () => {
    expect(latexText('ms = U² exactly').tex).toBe('ms $= U^{2}$ exactly');
    expect(latexText('50% & #1_a').tex).toBe('50\\% \\& \\#1\\_a');
  });
});

describe('symbolic expressions', () => {
  it('renders our parse of nerdamer text with the project notation, negative powers as fractions', () => {
    expect(expressionLatex('w1r1c1*x1 + b1r1')).toBe('w_{11} x_{1} + b_{1}');
    const t = expressionLatex('-((b1r1+w1r1c1*x1)*w1r2c2)*(-w1r1c2*w1r2c1+w1r1c1*w1r2c2)^(-1)');
    expect(t).toBe('-\\frac{\\left(b_{1} + w_{11} x_{1}\\right) w_{22}}{-w_{12} w_{21} + w_{11} w_{22}}');
    parses(t);
  });
});

describe('rational functions of δ', () => {
  it('integer form is the same function; long ones wrap into aligned rows', () => {
    const f = RationalFunction.of(Poly.of(['1/3', 0, '5/7']), Poly.of(['2/9', 1, '11/13']));
    const { num, den } = integerForm(f);
    for (const x of [q(1), q('2/5'), q(-3)]) expect(num.evaluate(x).div(den.evaluate(x)).eq(f.evaluate(x))).toBe(true);
    expect(num.coeffs.every((c) => isInteger(c))).toBe(true);
    const short = rationalFunctionRows('f(\\delta)', f);
    expect(short.rows).toHaveLength(1);
    const long = RationalFunction.of(Poly.of(Array.from({ length: 9 }, (_, k) => `${'9'.repeat(18)}/${k + 2}`)), Poly.of([1, 1]));
    const rows = rationalFunctionRows('g(\\delta)', long).rows;
    expect(rows.length).toBeGreaterThan(3);
    parses(`\\begin{aligned}${rows.join(' \\\\ ')}\\end{aligned}`, true);
  });
});

describe('writer', () => {
  it('records fragments, registers values and lists abbreviated ones in the appendix', () => {
    const w = new LatexWriter();
    const big = Rational.of(10n ** 60n + 1n, 3n);
    w.paragraph(`x is ${w.m(w.num('x', big))}`);
    const body = w.body();
    expect(w.fragments).toHaveLength(1);
    expect(w.values.get('x')).toBe(big.toString());
    expect(body).toContain('Appendix: full values');
    expect(body).toContain('item A1');
    expect(body.replace(/\\allowbreak /g, '')).toContain(big.toString());
  });
});
