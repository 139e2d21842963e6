/**
 * Certificates re-checked on a worker thread (src/claims/background-checks.ts): the report is
 * the single-threaded run's — same verdicts, reasons, certificates, float checks — and every
 * answer is checkCertificate's own, including a rejection; a checker that cannot run on the
 * worker falls back to this thread.
 */
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { BackgroundChecks } from '../src/claims/background-checks.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import type { Certificate } from '../src/certificates/format.ts';

const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));

describe('verify with background certificate checks', () => {
  it('gives exactly the single-threaded report (claims, certificates, D2 summary) on two data sets', () => {
    for (const name of ['clusters-q3', 'overlap-q2']) {
      const ds = loadExample(name);
      const one = verify(ds, { backgroundChecks: false });
      const two = verify(ds, { backgroundChecks: true });
      expect(two.claims.length).toBeGreaterThan(8);
      expect(plain(two.claims)).toEqual(plain(one.claims));
      expect(plain(two.d2)).toEqual(plain(one.d2));
      expect(plain(two.quantities)).toEqual(plain(one.quantities));
    }
  }, 300_000);

  it('answers are checkCertificate\'s own, in any order, a tampered certificate rejected', () => {
    const ds = loadExample('clusters-q3');
    const certs = verify(ds, { skipD2: true, backgroundChecks: false }).claims.flatMap((c) => (c.certificate ? [c.certificate] : []));
    const tampered: Certificate = { ...certs[0]!, verdict: certs[0]!.verdict === 'verified' ? 'refuted' : 'verified' };
    const all = [...certs, tampered];
    const checks = new BackgroundChecks(ds);
    try {
      const tickets = all.map((c) => checks.submit(c));
      const answers = [...tickets].reverse().map((t) => checks.result(t)).reverse();
      expect(answers).toEqual(all.map((c) => checkCertificate(c, ds)));
      expect(answers.at(-1)!.ok).toBe(false);
      expect(answers.slice(0, -1).every((a) => a.ok)).toBe(true);
      expect(checks.workerAnswers).toBe(all.length);
      // Submitted just before close: answered by the worker if it was quick enough, else on this thread — the same answer.
      const late = checks.submit(certs[1]!);
      checks.close();
      expect(checks.result(late)).toEqual(checkCertificate(certs[1]!, ds));
      expect([all.length, all.length + 1]).toContain(checks.workerAnswers);
      // After close, every new certificate is checked on this thread.
      const after = checks.submit(certs[2]!);
      expect(checks.result(after)).toEqual(checkCertificate(certs[2]!, ds));
      expect([all.length, all.length + 1]).toContain(checks.workerAnswers);
    } finally {
      checks.close();
    }
  }, 120_000);

  it('a worker that cannot start (data it cannot be sent) leaves every check to this thread, same answers', () => {
    const ds = loadExample('clusters-q3');
    const certs = verify(ds, { skipD2: true, backgroundChecks: false }).claims.flatMap((c) => (c.certificate ? [c.certificate] : []));
    const unsendable = { ...ds, source: { ...ds.source, note: () => 'not cloneable' } } as unknown as typeof ds;
    const checks = new BackgroundChecks(unsendable);
    const answers = certs.map((c) => checks.submit(c)).map((t) => checks.result(t));
    expect(answers).toEqual(certs.map((c) => checkCertificate(c, ds)));
    expect(checks.workerAnswers).toBe(0);
    checks.close();
  }, 120_000);

  it('a re-check past the time limit is stopped and answered timedOut (never accepted); a fresh worker answers the rest', () => {
    const ds = loadExample('clusters-q3');
    const certs = verify(ds, { skipD2: true, backgroundChecks: false }).claims.flatMap((c) => (c.certificate ? [c.certificate] : []));
    const checks = new BackgroundChecks(ds, 0); // every re-check that has started is past a limit of 0 s
    try {
      const first = checks.result(checks.submit(certs[0]!));
      expect(first).toMatchObject({ ok: false, timedOut: true });
      expect(checks.timedOut).toBe(1);
      expect(checks.workerAnswers).toBe(0);
    } finally {
      checks.close();
    }
    // A re-check that finished past the limit before its answer was asked for is not taken either.
    const late = new BackgroundChecks(ds, 0);
    try {
      const ticket = late.submit(certs[0]!);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000); // the worker answers meanwhile
      expect(late.result(ticket)).toMatchObject({ ok: false, timedOut: true });
      expect([late.timedOut, late.workerAnswers]).toEqual([1, 0]);
    } finally {
      late.close();
    }
    const roomy = new BackgroundChecks(ds, 60);
    try {
      const answers = certs.map((c) => roomy.submit(c)).map((t) => roomy.result(t));
      expect(answers).toEqual(certs.map((c) => checkCertificate(c, ds)));
      expect(roomy.timedOut).toBe(0);
    } finally {
      roomy.close();
    }
  }, 120_000);

  it('verify reports a claim whose re-check ran out of time as inconclusive (time limit), without its certificate', () => {
    const ds = loadExample('clusters-q3');
    // A time limit of 0 s: every claim that takes a deadline times out too, so look at those that finished.
    const report = verify(ds, { skipD2: true, timeLimit: 0 });
    const timed = report.claims.filter((c) => c.status === 'inconclusive' && c.reason?.startsWith('time limit: the certificate re-check'));
    expect(timed.length).toBeGreaterThan(0);
    expect(timed.every((c) => c.certificate === undefined)).toBe(true);
    expect(report.claims.some((c) => c.status === 'verified' || c.status === 'refuted')).toBe(false);
  }, 120_000);
});
