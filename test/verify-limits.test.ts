/**
 * verify never hangs and says why: a claim out of time is "inconclusive" with the reason
 * "time limit", and verify goes on; D2 on large Q needs an explicit --d2-subsets; and
 * verify decides every claim on a small data set of realistic shape (8×8 images with a
 * constant border, integer pixels), each certificate re-checked by the checker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { properSubsetCount, properSubsets } from '../src/claims/d2-local-minima.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { parseD2Subsets, parseSeconds } from '../src/cli/options.ts';
import { prng } from '../src/util/prng.ts';
import { dlgeom, expectOneLineError, root, type Run } from './support/cli.ts';
import { makeData } from './support/data.ts';




/**
 * side×side "digits": integer pixels 0..16, the top row and left column constant 0, Q
 * classes around seeded templates. (M = 64 works too, but D1-degeneracy's exact tangent
 * rank there takes minutes: too slow for the suite; the bench runs that shape.)
 */
function digits(Q: number, perClass: number, seed: number, side = 4): DataSet {
  const rand = prng(seed);
  const inside = (k: number) => k % side > 0 && k >= side;
  const templates = Array.from({ length: Q }, () => Array.from({ length: side * side }, (_, k) => (inside(k) && rand() < 0.5 ? 8 + Math.floor(rand() * 8) : 0)));
  return makeData(
    `digits-q${Q}`,
    templates.map((t) =>
      Array.from({ length: perClass }, () => t.map((v, k) => Rational.int(inside(k) ? Math.min(16, Math.max(0, v + Math.round((rand() * 2 - 1) * 3))) : 0))),
    ),
  );
}

/** Q tiny classes in M = Q dimensions (class j around 4·e_j). */
function manyClasses(Q: number): DataSet {
  const rand = prng(5);
  return makeData(
    `q${Q}`,
    Array.from({ length: Q }, (_, j) => Array.from({ length: 2 }, () => Array.from({ length: Q }, (_, k) => Rational.of(BigInt((k === j ? 40 : 0) + Math.floor(rand() * 5)), 10n)))),
  );
}

describe('time limits', () => {
  it('a tiny limit makes the limited claims inconclusive ("time limit"), and verify goes on to the next', () => {
    const ds = loadExample('clusters-q3');
    const r = verify(ds, { timeLimit: 1e-9 });
    const d1 = r.claims.find((c) => c.id === 'D1')!;
    expect(d1.status).toBe('inconclusive');
    expect(d1.reason).toMatch(/^time limit: time limit of 1e-9 s reached during /);
    // The later claims are still reported (no D1 network: not applicable, R1 on the S3 network —
    // decided, but its certificate's re-check runs under the same limit, so it is not reported verified).
    expect(r.claims.find((c) => c.id === 'D1-degeneracy')!.status).toBe('not-applicable');
    const r1 = r.claims.find((c) => c.id === 'R1')!;
    expect([r1.status, r1.reason]).toEqual(['inconclusive', 'time limit: the certificate re-check did not finish within 1e-9 s; reporting inconclusive']);
    // Re-checked on this thread (no worker, no limit on the checker), R1 is verified.
    expect(verify(ds, { timeLimit: 1e-9, backgroundChecks: false }).claims.find((c) => c.id === 'R1')!.status).toBe('verified');
    const d2 = r.claims.filter((c) => c.id === 'D2');
    expect(d2).toHaveLength(2 * 7);
    for (const c of d2) expect(c.status === 'inconclusive' && /time limit/.test(c.reason), c.reason).toBe(true);
    expect(r.d2!.timedOut).toBe(7);
  });

  it('without a limit the same claims are decided', () => {
    const r = verify(loadExample('clusters-q3'), { timeLimit: Infinity });
    expect(r.claims.find((c) => c.id === 'D1')!.status).toBe('verified');
    expect(r.d2!.timedOut).toBe(0);
  });

  it('a D2 family budget already spent leaves every candidate inconclusive', () => {
    const r = verify(loadExample('clusters-q3'), { d2TimeLimit: 1e-9 });
    const d2 = r.claims.filter((c) => c.id === 'D2');
    expect(d2.every((c) => c.status === 'inconclusive' && /D2 budget/.test(c.reason))).toBe(true);
  });

  it('option values', () => {
    expect(parseSeconds('2.5', '--time-limit')).toBe(2.5);
    expect(parseSeconds('none', '--time-limit')).toBe(Infinity);
    for (const bad of ['0', '-1', 'abc', '', '1e3', 'Infinity']) expect(() => parseSeconds(bad, '--time-limit')).toThrow(/--time-limit: expected a number of seconds/);
  });
});

describe('--d2-subsets', () => {
  it('all by default up to Q = 10, an explicit choice above', () => {
    expect(parseD2Subsets(undefined, 10)).toBeUndefined();
    expect(() => parseD2Subsets(undefined, 11)).toThrow(/2\^11 − 1 candidates at Q = 11: choose --d2-subsets K/);
    expect(parseD2Subsets('all', 11)).toBeUndefined();
    expect(parseD2Subsets('2', 30)).toBe(2);
    expect(() => parseD2Subsets('all', 30)).toThrow(/more than 65536/);
    expect(() => parseD2Subsets('29', 30)).toThrow(/more than 65536/);
    for (const bad of ['0', '-2', 'x', '1.5', 'ALL']) expect(() => parseD2Subsets(bad, 12)).toThrow(/--d2-subsets/);
  });

  it('subsets of at most K classes, enumerated without 2^Q work', () => {
    expect(properSubsets(3)).toEqual([[], [0], [1], [2], [0, 1], [0, 2], [1, 2]]);
    expect(properSubsets(4, 1)).toEqual([[], [0], [1], [2], [3]]);
    expect(properSubsets(30, 2)).toHaveLength(1 + 30 + 435);
    expect(properSubsetCount(30, 2)).toBe(466);
    expect(properSubsetCount(10)).toBe(1023);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-limits-'));
  const file11 = path.join(dir, 'q11.json');
  const runs: Record<string, Run> = {};
  beforeAll(async () => {
    writeFileSync(file11, serializeDataSet(manyClasses(11)));
    const [missing, bad, k1, tl] = await Promise.all([
      dlgeom('verify', file11, '--json'),
      dlgeom('verify', file11, '--d2-subsets', 'many'),
      dlgeom('verify', file11, '--json', '--d2-subsets', '1'),
      dlgeom('verify', file11, '--time-limit', 'soon'),
    ]);
    Object.assign(runs, { missing, bad, k1, tl });
  }, 600_000);

  it('CLI: Q = 11 without --d2-subsets is one line and exit 2; bad values too', () => {
    expectOneLineError(runs.missing!, /choose --d2-subsets K .* or use --skip-d2/);
    expectOneLineError(runs.bad!, /--d2-subsets: expected a whole number/);
    expectOneLineError(runs.tl!, /--time-limit: expected a number of seconds/);
  });

  it('CLI: --d2-subsets 1 decides the 1 + Q candidates', () => {
    expect(runs.k1!.code, runs.k1!.stderr).toBe(0);
    const out = JSON.parse(runs.k1!.stdout) as { d2: { candidates: number; subsets: number } };
    expect(out.d2.candidates).toBe(12);
    expect(out.d2.subsets).toBe(1);
  });
});

describe('verify on realistic shape', () => {
  it('4×4 integer images, constant pixels, Q = 3: every claim decided, every certificate re-checked', () => {
    const ds = digits(3, 40, 11);
    const r = verify(ds);
    const undecided = r.claims.filter((c) => c.status === 'inconclusive');
    expect(undecided.map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(r.claims.find((c) => c.id === 'D1')!.status).toMatch(/verified|not-applicable/);
    expect(r.d2!.candidates).toBe(7);
    for (const c of r.claims) if (c.certificate) expect(checkCertificate(c.certificate, ds).ok, `${c.id} ${c.subset ?? ''}`).toBe(true);
  }, 300_000);
});
