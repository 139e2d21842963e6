/**
 * Fuzz harness for the certificate reader (`dlgeom check`, in-process): certificate
 * files malformed as JSON or in their structure — fields deleted, replaced by values of
 * the wrong type, hostile numbers, deep nesting, truncated or damaged text. (Certificates
 * whose labels or numbers are altered to false statements are the tamper harness's
 * subject, not this one's.) Each outcome is a verdict (exit 0/1) or exit 2 with one line
 * on stderr — never exit 3, a stack trace or a hang. Seeds are fixed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verify } from '../src/claims/verify.ts';
import type { Certificate } from '../src/certificates/format.ts';
import { loadExample } from '../src/data/examples.ts';
import { fuzzRuns } from '../test/support/fuzz.ts';
import { mutateText, numberText } from './support/hostile.ts';
import { expectCleanOutcome, runInProcess } from './support/run-cli.ts';

const SEED = 17_003;
const EXAMPLES = ['clusters-q2', 'overlap-q2'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-fuzz-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every certificate `verify` writes on the examples, with the example it speaks about. */
const certificates: { example: string; cert: Certificate }[] = EXAMPLES.flatMap((example) =>
  verify(loadExample(example)).claims.flatMap((c) => (c.certificate ? [{ example, cert: c.certificate as Certificate }] : [])),
);

const DEEP = '\u0001deep:';
const spliceDeep = (text: string): string => text.replace(/"\\u0001deep:(\d+)"/g, (_, d: string) => '['.repeat(Number(d)) + ']'.repeat(Number(d)));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (at.length) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** `root` with the value at `p` replaced (or deleted when `value` is undefined). */
function alter(root: Json, p: Path, value: Json | undefined): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = p[p.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

/** Values of the wrong shape or hostile size. */
const hostileValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<Json>(null, true, 0, -1, 1.5, 1e308, 2 ** 53 + 1, '', 'x', [], {}, [[]], ['1'], { kind: 'descent' }, 'D2', 'verified', 'refuted'),
  numberText(),
  fc.constantFrom(300, 100_001, 400_001).map((n) => '7'.repeat(n)),
  fc.constantFrom('1e99999', '1/1e5', '-0/1', '1/0', '00001/00002'),
  fc.constantFrom(10, 200).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as Json),
  // Deeper nesting is spliced in as text (the generator itself must not recurse that deep).
  fc.constantFrom(1000, 100_000).map((d) => `${DEEP}${d}`),
  fc.constantFrom(1000, 100_000).map((n) => Array.from({ length: n }, () => '1') as Json),
);

const alteredText: fc.Arbitrary<[string, string]> = fc
  .tuple(fc.nat(certificates.length - 1), fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([i, edits, asText]) => {
    const { example, cert } = certificates[i]!;
    let v = cert as unknown as Json;
    for (const [k, value] of edits) {
      const ps = paths(v);
      if (ps.length === 0) break;
      v = alter(v, ps[k % ps.length]!, value);
    }
    return [example, spliceDeep(asText ? JSON.stringify(v) : JSON.stringify(v, null, 1))];
  });

describe('the certificate reader under malformed certificates (fuzz, dlgeom check in-process)', () => {
  it('has certificates of several kinds to alter', () => {
    expect(new Set(certificates.map((c) => c.cert.evidence.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('every certificate as written is read and holds (exit 0)', async () => {
    for (const [i, { example, cert }] of certificates.entries()) {
      const file = path.join(dir, `as-written-${i}.json`);
      writeFileSync(file, JSON.stringify(cert, null, 1));
      const o = await runInProcess(['check', file, '--example', example]);
      expect(o.status, `${cert.claim} ${cert.evidence.kind}: ${o.stderr}${o.stdout}`).toBe(0);
    }
  });

  let k = 0;
  it('structure altered: a verdict or exit 2 with one line', async () => {
    await fc.assert(
      fc.asyncProperty(alteredText, async ([example, text]) => {
        const file = path.join(dir, `cert-${k++}.json`);
        writeFileSync(file, text);
        expectCleanOutcome(await runInProcess(['check', file, '--example', example]), `check ${file} --example ${example}: ${text.slice(0, 400)}`);
      }),
      { seed: SEED, numRuns: fuzzRuns(40, 1500) },
    );
  });

  it('text damaged (truncated, junk, nesting, byte-order mark): a verdict or exit 2 with one line', async () => {
    const original = fc.nat(certificates.length - 1).map((i) => JSON.stringify(certificates[i]!.cert, null, 1));
    await fc.assert(
      fc.asyncProperty(mutateText(original), async (text) => {
        const file = path.join(dir, `text-${k++}.json`);
        writeFileSync(file, text);
        expectCleanOutcome(await runInProcess(['check', file, '--example', 'clusters-q2']), `check ${file}: ${text.slice(0, 400)}`);
      }),
      { seed: SEED + 1, numRuns: fuzzRuns(30, 1000) },
    );
  });

  it('bytes that are not UTF-8, an empty file, a folder without certificates: exit 2 with one line', async () => {
    const folder = path.join(dir, 'no-certificates');
    mkdirSync(folder);
    const bad = path.join(dir, 'bytes.json');
    writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
    const empty = path.join(dir, 'empty.json');
    writeFileSync(empty, '');
    for (const file of [bad, empty, folder]) {
      const o = await runInProcess(['check', file, '--example', 'clusters-q2']);
      expectCleanOutcome(o, file);
      expect(o.status).toBe(2);
    }
  });
});
