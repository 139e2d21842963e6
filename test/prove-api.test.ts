/**
 * The proof-script API and the runner, in process: exact checks are exact,
 * engine verdicts survive only with a certificate the checker accepts (a
 * monkey-patched engine that forges one is caught), properties are
 * reproducible from the seed, the baseline compares and updates as
 * documented, and the JUnit writer escapes everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { loadExample } from '../src/data/examples.ts';
import type { ClaimResult } from '../src/claims/claim-result.ts';
import { compareWithBaseline, readBaseline, serializeBaseline, updatedBaseline, type BaselineEntry } from '../src/prove/baseline.ts';
import { defineProof, exact, fromFastCheck, property, shrinkDeviations, syntheticDataSet } from '../src/prove/index.ts';
import { engineFor } from '../src/prove/engine.ts';
import { existingTargets, latexFileName, latexTargets } from '../src/prove/latex.ts';
import { scriptKey } from '../src/prove/load.ts';
import { runProperty } from '../src/prove/property.ts';
import { junitXml } from '../src/prove/report-junit.ts';
import { abbreviateFractions } from '../src/prove/report-text.ts';
import { judgeEngineResult, runScripts } from '../src/prove/run.ts';
import type { VerdictRow } from '../src/prove/verdict.ts';

const run = (c: { evaluate: () => { holds: boolean; evidence: string } }) => c.evaluate();

describe('exact checks', () => {
  it('equal compares rationals, vectors and matrices exactly; JS numbers are their decimals', () => {
    expect(run(exact.equal('X', 'a', 0.1, '1/10')).holds).toBe(true);
    expect(run(exact.equal('X', 'a', () => q('1/3').add(q('1/6')), '0.5')).holds).toBe(true);
    expect(run(exact.equal('X', 'a', [q(1), q('1/2')], [q(1), q('2/4')])).holds).toBe(true);
    expect(run(exact.equal('X', 'a', Matrix.identity(2), Matrix.fromRows([[1, 0], [0, 1]]))).holds).toBe(true);
    const off = run(exact.equal('X', 'a', '1/3', 0.333333));
    expect(off.holds).toBe(false);
    expect(off.evidence).toBe('1/3 ≠ 333333/1000000');
    expect(() => run(exact.equal('X', 'a', q(1), [q(1)]))).toThrow(/cannot compare a scalar with a vector/);
  });

  it('atMost, lessThan and isZero', () => {
    expect(run(exact.atMost('X', 'a', '1/2', '1/2'))).toEqual({ holds: true, evidence: '1/2 = 1/2' });
    expect(run(exact.lessThan('X', 'a', '1/2', '1/2')).holds).toBe(false);
    expect(run(exact.lessThan('X', 'a', '-1', '1/2')).holds).toBe(true);
    expect(run(exact.isZero('X', 'a', [Rational.ZERO, Rational.ZERO])).holds).toBe(true);
    expect(run(exact.isZero('X', 'a', Matrix.fromRows([[0, '1/7']]))).holds).toBe(false);
  });

  it('forAll names the first failing item; exists names a witness', () => {
    const xs = [1, 2, 3, 4];
    expect(run(exact.forAll('X', 'a', xs, (x) => x < 3, (x) => `x = ${x}`))).toEqual({ holds: false, evidence: 'fails at x = 3 (of 4)' });
    expect(run(exact.forAll('X', 'a', () => xs, (x) => x > 0))).toEqual({ holds: true, evidence: 'holds for all 4' });
    expect(run(exact.exists('X', 'a', xs, (x) => x % 2 === 0))).toEqual({ holds: true, evidence: 'witness: item #2 (of 4)' });
    expect(run(exact.holds('X', 'a', () => ({ holds: false, evidence: 'because' })))).toEqual({ holds: false, evidence: 'because' });
  });

  it('long fractions are kept exact in the evidence, and abbreviated only in the terminal table', () => {
    const big = Rational.of(10n ** 40n + 1n, 3n * 10n ** 41n);
    expect(run(exact.equal('X', 'a', big, big)).evidence).toBe(`both sides = ${big.toString()}`);
    expect(abbreviateFractions(run(exact.equal('X', 'a', big, big)).evidence)).toMatch(/^both sides = ≈0\.033333$/);
    expect(abbreviateFractions('ms = 12345678901234567890/3 and 1/2')).toBe('ms = ≈4.1152e+18 and 1/2');
  });
});

describe('defineProof', () => {
  const base = { claim: 'X', title: 't', hypotheses: [], data: [{ example: 'clusters-q2' }], assert: () => [] };
  it('validates the shape at load time', () => {
    expect(defineProof(base).claims).toEqual(['X']);
    expect(() => defineProof({ ...base, data: [] })).toThrow(/at least one data source/);
    expect(() => defineProof({ ...base, data: [{ example: 'a', file: 'b' } as never] })).toThrow(/exactly one of example, file, generate/);
    expect(() => defineProof({ ...base, properties: [property('Y', 'p', [fc.integer()], () => true)] })).toThrow(/claim Y, which the script does not declare/);
  });
});

describe('data helpers', () => {
  it('shrinkDeviations scales deviations exactly and keeps the means', () => {
    const ds = loadExample('clusters-q2');
    const half = shrinkDeviations(ds, '1/2');
    const mean = (d: typeof ds, j: number) => d.classes[j]!.points.reduce((s, p) => s.add(p[0]!), Rational.ZERO);
    expect(mean(half, 0).eq(mean(ds, 0))).toBe(true);
    expect(half.source.sha256).not.toBe(ds.source.sha256);
    expect(syntheticDataSet('s', [{ label: 'a', points: [['1/2', 0]] }, { label: 'b', points: [[1, '0.25']] }]).classes[1]!.points[0]!.map(String)).toEqual(['1', '1/4']);
  });
});

describe('engine verdicts are re-checked by the independent checker', () => {
  const ds = loadExample('clusters-q2');
  const d1 = engineFor(ds).D1().evaluate() as ClaimResult;

  it('a genuine certificate is accepted', () => {
    expect(judgeEngineResult(d1, ds).verdict).toBe('verified');
  });

  it('a certificate about other data, or for another claim, or none at all, makes the verdict inconclusive', () => {
    const other = loadExample('clusters-q3');
    expect(judgeEngineResult(d1, other)).toMatchObject({ verdict: 'inconclusive', evidence: expect.stringMatching(/the checker rejected the verified certificate/) });
    expect(judgeEngineResult({ ...d1, id: 'S1' } as ClaimResult, ds)).toMatchObject({ verdict: 'inconclusive', evidence: expect.stringMatching(/certificate is for D1 verified/) });
    expect(judgeEngineResult({ ...d1, certificate: undefined }, ds)).toMatchObject({ verdict: 'inconclusive', evidence: 'the engine said verified without a certificate' });
  });

  it('a monkey-patched engine that forges a certificate is reported inconclusive, a regression against the baseline', async () => {
    const forged = defineProof({
      claim: 'D1',
      title: 'forged certificate (test only)',
      hypotheses: [],
      data: [{ example: 'clusters-q2' }],
      assert: ({ engine }) => [
        engine.custom('D1', () => {
          const r = engine.D1().evaluate() as ClaimResult;
          const cert = r.certificate!;
          // Claim cost 0 for a network whose output bias was moved.
          const output = { ...cert.network!.output, b: cert.network!.output.b.map((v, i) => (i === 0 ? Rational.parse(v).add(q('1/1000')).toString() : v)) };
          return { ...r, certificate: { ...cert, network: { ...cert.network!, output } } };
        }),
      ],
    });
    const out = await runScripts([{ key: 'forged', file: path.join(tmpdir(), 'forged.proof.ts'), proof: forged }], { seed: 1 });
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({ claim: 'D1', check: 'engine', verdict: 'inconclusive', certificate: { accepted: false } });
    const diffs = compareWithBaseline(out.rows, [{ script: 'forged', claim: 'D1', check: 'engine', data: 'clusters-q2', verdict: 'verified' }], ['forged']);
    expect(diffs).toMatchObject([{ kind: 'regression', old: 'verified', new: 'inconclusive' }]);
  });

  it('a check that throws, or is about an undeclared claim, is an error row; the others still run', async () => {
    const p = defineProof({
      claim: 'X',
      title: 't',
      hypotheses: [],
      data: [{ example: 'clusters-q2' }, { example: 'no-such-example' }],
      assert: () => [exact.holds('X', 'throws', () => { throw new RangeError('boom'); }), exact.equal('Y', 'undeclared', 1, 1), exact.equal('X', 'fine', 1, 1)],
    });
    const out = await runScripts([{ key: 'p', file: path.join(tmpdir(), 'p.proof.ts'), proof: p }]);
    expect(out.rows.map((r) => [r.check, r.data, r.verdict])).toEqual([
      ['throws', 'clusters-q2', 'error'],
      ['undeclared', 'clusters-q2', 'error'],
      ['fine', 'clusters-q2', 'holds'],
      ['data', 'no-such-example', 'error'],
    ]);
    expect(out.rows[0]!.evidence).toBe('RangeError: boom');
  });
});

describe('properties', () => {
  it('are reproducible from the seed, and report a shrunk counterexample', () => {
    const p = property('X', 'n² ≠ 2n unless n ∈ {0, 2}', [fc.integer({ min: -50, max: 50 })], (n) => n * n !== 2 * n || n === 0 || n === 2);
    expect(runProperty(p, 7, 50)).toEqual(runProperty(p, 7, 50));
    const bad = runProperty(property('X', 'all small', [fc.integer({ min: 0, max: 1000 })], (n) => n < 10), 7, 100);
    expect(bad.verdict).toBe('failed');
    expect(bad.counterexample).toBe('[10]');
  });

  it('an over-filtered property is an error, not a pass', () => {
    const p = fromFastCheck('X', 'never', () => fc.property(fc.integer(), (n) => { fc.pre(n !== n); return true; }));
    expect(runProperty(p, 1, 20).verdict).toBe('error');
  });
});

describe('baseline', () => {
  const row = (check: string, verdict: VerdictRow['verdict'], script = 's'): VerdictRow => ({ script, claim: 'C', check, data: 'd', kind: 'exact', verdict, evidence: '', timeMs: 0 });
  const entry = (check: string, verdict: BaselineEntry['verdict'], script = 's'): BaselineEntry => ({ script, claim: 'C', check, data: 'd', verdict });

  it('classifies differences', () => {
    const diffs = compareWithBaseline(
      [row('same', 'holds'), row('worse', 'inconclusive'), row('flip', 'refuted'), row('better', 'verified'), row('fresh', 'holds')],
      [entry('same', 'holds'), entry('worse', 'verified'), entry('flip', 'verified'), entry('better', 'inconclusive'), entry('gone', 'holds'), entry('other', 'holds', 'other-script')],
      ['s'],
    );
    expect(diffs.map((d) => [d.check, d.kind])).toEqual([['worse', 'regression'], ['flip', 'flipped'], ['better', 'improved'], ['fresh', 'new'], ['gone', 'missing']]);
  });

  it('an update replaces only the scripts that ran, and reads back', () => {
    const updated = updatedBaseline([entry('a', 'holds', 'z'), entry('b', 'holds', 's')], [row('c', 'fails', 's')], ['s']);
    expect(updated).toEqual([entry('c', 'fails', 's'), entry('a', 'holds', 'z')]);
    const dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-baseline-'));
    try {
      const f = path.join(dir, 'baseline.json');
      writeFileSync(f, serializeBaseline(updated));
      expect(readBaseline(f)).toEqual(updated);
      expect(readBaseline(path.join(dir, 'none.json'))).toBeUndefined();
      writeFileSync(f, '{"format":"dlgeom/proof-baseline@1","verdicts":[{"script":"s"}]}');
      expect(() => readBaseline(f)).toThrow(/verdicts\[0\] needs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('script keys are paths relative to the baseline folder, without .proof.ts', () => {
    expect(scriptKey('/a/proofs/deep-d1.proof.ts', '/a/proofs')).toBe('deep-d1');
    expect(scriptKey('/a/proofs/examples/x.proof.mts', '/a/proofs')).toBe('examples/x');
  });
});

describe('JUnit XML', () => {
  it('is well-formed whatever the evidence says, and counts failures and errors', () => {
    const nasty = 'a <b> & "c" \'d\' \u0001 \u{1F600} ]]>';
    const rows: VerdictRow[] = [
      { script: 's&t', claim: 'C<1>', check: nasty, data: 'd"', kind: 'exact', verdict: 'fails', evidence: nasty, timeMs: 3 },
      { script: 's&t', claim: 'C', check: 'ok', data: 'd', kind: 'exact', verdict: 'holds', evidence: 'fine', timeMs: 1 },
      { script: 's&t', claim: 'C', check: 'boom', data: 'd', kind: 'exact', verdict: 'error', evidence: 'threw', timeMs: 1 },
    ];
    const run = { seed: 1, runs: undefined, timeMs: 5, rows, scripts: [{ script: 's&t', file: '/x/s.proof.ts', title: 'T <&>', claims: ['C'], hypotheses: [], data: [], rows, timeMs: 5, datasets: new Map() }] };
    const diffs = compareWithBaseline(rows, [{ script: 's&t', claim: 'C<1>', check: nasty, data: 'd"', verdict: 'holds' }, { script: 's&t', claim: 'C', check: 'ok', data: 'd', verdict: 'holds' }, { script: 's&t', claim: 'C', check: 'boom', data: 'd', verdict: 'holds' }, { script: 's&t', claim: 'C', check: 'gone', data: 'd', verdict: 'holds' }], ['s&t']);
    const xml = junitXml(run, diffs, new Date('2020-01-02T03:04:05Z'));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '2', errors: '1', timestamp: '2020-01-02T03:04:05' });
    const cases = doc.testsuites.testsuite.testcase as { name: string; failure?: { type: string }; error?: { type: string } }[];
    expect(cases[0]!.name).toBe(`C<1> · ${nasty.replace('\u0001', '')} › d"`);
    expect(cases.map((c) => c.failure?.type ?? c.error?.type ?? 'pass')).toEqual(['regression', 'pass', 'regression', 'missing']);
    expect(cases[2]!.error).toBeDefined();
  });
});

describe('LaTeX targets', () => {
  it('one file per (script, claim, data), restricted by `data`; existing files are detected', () => {
    const t = latexTargets([{ script: 'examples/a b', requests: [{ claim: 'D1' }, { claim: 'S1', data: ['y'] }], data: ['x', 'y'] }], '/tmp/out');
    expect(t.map((x) => path.basename(x.file))).toEqual(['examples-a-b.D1.x.tex', 'examples-a-b.D1.y.tex', 'examples-a-b.S1.y.tex']);
    expect(latexFileName('deep-d1', 'D1', 'clusters-q3 (t = 1/2)')).toBe('deep-d1.D1.clusters-q3-t-1-2.tex');
    expect(existingTargets(t)).toEqual([]);
  });
});
