/**
 * The tamper harness: certificates as verify emits them, altered in their labels (claim
 * id, context, verdict, shape) exhaustively and in any field at random (fast-check, fixed
 * seed). The checker must accept an altered certificate exactly when an independent oracle
 * (test/oracles/certificate-oracle.ts: own forward pass, own label semantics) finds its
 * statement true; it never throws; and the statement it reports is its own, never the
 * certificate's text. A failure prints the seed, the path and the alteration.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { properSubsets } from '../src/claims/d2-local-minima.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import type { Certificate } from '../src/certificates/format.ts';
import { clone, oracle } from '../test/oracles/certificate-oracle.ts';
import { fuzzRuns } from '../test/support/fuzz.ts';

interface Source {
  readonly name: string;
  readonly cert: Certificate;
  readonly ds: DataSet;
}

const SEED = 20261128;
let sources: Source[] = [];

beforeAll(() => {
  const out: Source[] = [];
  for (const [name, skipD2] of [['clusters-q2', false], ['clusters-q3-m5', false], ['overlap-q2', true]] as const) {
    const ds = loadExample(name);
    for (const c of verify(ds, { skipD2 }).claims) if (c.certificate) out.push({ name: `${name} ${c.id}${c.bias ? ` ${c.bias}` : ''}${c.subset ? ` {${c.subset}} ${c.sense}` : ''}`, cert: c.certificate, ds });
  }
  sources = out;
}, 300_000);

/** Every relabelling of a certificate: claim id with each admissible context, verdict, shape.L, extra or missing context. */
function relabellings(cert: Certificate, ds: DataSet): [string, Certificate][] {
  const out: [string, Certificate][] = [];
  const withLabels = (what: string, claim: unknown, context: unknown) => {
    const c = clone(cert) as unknown as Record<string, unknown>;
    if (claim === undefined) delete c.claim;
    else c.claim = claim;
    if (context === undefined) delete c.context;
    else c.context = context;
    out.push([what, c as unknown as Certificate]);
  };
  const subsets = [...properSubsets(ds.Q).map((J) => J.map((j) => j + 1)), Array.from({ length: ds.Q }, (_, j) => j + 1), [2, 1], [0], [ds.Q + 1]];
  for (const J of subsets) for (const sense of ['all-parameters', 'output-layer', 'global']) withLabels(`D2 {${J}} ${sense}`, 'D2', { subset: J, sense });
  for (const bias of ['free', 'tied', 'both']) withLabels(`S3 ${bias}`, 'S3', { bias });
  for (const sense of ['global', 'all-parameters', 'output-layer', 'other']) withLabels(`network ${sense}`, 'network', { sense });
  for (const claim of ['S1', 'S2', 'D1', 'D1-degeneracy', 'D3', 'R1', 'T', 'T1', '', 'toString', '__proto__', undefined, 42]) withLabels(`claim ${String(claim)}`, claim, undefined);
  withLabels('no context', cert.claim, undefined);
  withLabels('an extra context key', cert.claim, { ...(cert.context ?? {}), note: 'x' });
  for (const verdict of ['verified', 'refuted', 'not-applicable', 'holds']) {
    const c = clone(cert) as unknown as Record<string, unknown>;
    c.verdict = verdict;
    out.push([`verdict ${verdict}`, c as unknown as Certificate]);
  }
  for (const dL of [-1, 1]) {
    const c = clone(cert);
    (c.shape as { L: number }).L += dL;
    out.push([`shape.L ${dL > 0 ? '+' : ''}${dL}`, c]);
  }
  return out;
}

function describeCase(src: Source, what: string): string {
  return `seed ${SEED}: ${src.name} relabelled as ${what}`;
}

describe('tamper harness: relabelled certificates', () => {
  it('covers every certificate kind verify emits, and the issue\'s relabellings are rejected', () => {
    const kinds = new Set(sources.map((s) => s.cert.evidence.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const find = (pred: (s: Source) => boolean) => {
      const s = sources.find(pred);
      if (!s) throw new Error('missing source certificate');
      return s;
    };
    const d2Empty = find((s) => s.cert.claim === 'D2' && (s.cert.context?.subset as number[]).length === 0 && s.cert.context?.sense === 'all-parameters');
    const d1 = find((s) => s.cert.claim === 'D1' && s.cert.evidence.kind === 'cost-zero');
    const s3Free = find((s) => s.cert.claim === 'S3' && s.cert.context?.bias === 'free');
    const d2Descent = find((s) => s.cert.claim === 'D2' && s.cert.evidence.kind === 'descent');
    const rejected = (src: Source, edit: (c: Record<string, unknown>) => void): boolean => {
      const c = clone(src.cert) as unknown as Record<string, unknown>;
      edit(c);
      return !checkCertificate(c as unknown as Certificate, src.ds).ok;
    };
    expect(rejected(d2Empty, (c) => (c.context = { subset: [1], sense: 'all-parameters' }))).toBe(true);
    expect(rejected(d1, (c) => ((c.claim = 'D2'), (c.context = { subset: [1], sense: 'all-parameters' })))).toBe(true);
    expect(rejected(d1, (c) => (c.claim = 'T'))).toBe(true);
    expect(rejected(d1, (c) => delete c.claim)).toBe(true);
    expect(rejected(s3Free, (c) => (c.context = { bias: 'tied' }))).toBe(true);
    expect(rejected(d2Descent, (c) => ((c.claim = 'S3'), (c.context = { bias: 'free' })))).toBe(true);
  });

  it('the checker accepts a relabelled certificate exactly when the oracle finds its statement true', () => {
    let checked = 0;
    let accepted = 0;
    for (const src of sources)
      for (const [what, cert] of relabellings(src.cert, src.ds)) {
        const res = checkCertificate(cert, src.ds);
        const truth = oracle(cert, src.ds);
        expect(res.ok, `${describeCase(src, what)}: checker ${res.ok ? 'accepted' : `rejected (${res.ok ? '' : res.reason})`}, oracle says ${truth}`).toBe(truth);
        if (res.ok) {
          accepted++;
          if (cert.claim === 'D2') expect(res.statement, describeCase(src, what)).toContain(`J = {${(cert.context?.subset as number[]).join(', ')}}`);
        }
        checked++;
      }
    // Some relabellings are true statements (e.g. the S3 free network is also the D2 candidate for J = ∅ with L = 1): both outcomes occur.
    expect(checked).toBeGreaterThan(500);
    expect(accepted).toBeGreaterThan(sources.length);
  });

  it('the statement reported is the checker\'s own, never the certificate\'s text', () => {
    for (const src of sources) {
      const cert = { ...clone(src.cert), statement: 'The Riemann hypothesis holds.' };
      const res = checkCertificate(cert, src.ds);
      expect(res.ok, src.name).toBe(true);
      if (res.ok) expect(res.statement).not.toContain('Riemann');
    }
  });
});

/** Every path to a leaf or container in a JSON value. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const ALTERATIONS: [string, (v: unknown) => unknown][] = [
  ['removed', () => undefined],
  ['null', () => null],
  ['a string', () => 'x'],
  ['a number', () => 7],
  ['an empty array', () => []],
  ['an object', () => ({ kind: 'cost-zero' })],
  ['negated', (v) => (typeof v === 'string' && /^-?\d+(\/\d+)?$/.test(v) ? (v.startsWith('-') ? v.slice(1) : `-${v}`) : typeof v === 'number' ? -v - 1 : v)],
  ['plus one', (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? String(BigInt(v) + 1n) : typeof v === 'number' ? v + 1 : v)],
  ['last element dropped', (v) => (Array.isArray(v) ? v.slice(0, -1) : v)],
  ['first element duplicated', (v) => (Array.isArray(v) && v.length ? [v[0], ...v] : v)],
];

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

describe('tamper harness: any field altered (fast-check)', () => {
  it('never throws, and accepts only alterations the oracle finds true', () => {
    const runs = fuzzRuns(150, 5000);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(ALTERATIONS.length - 1), (si, pi, ai) => {
        const src = sources[si % sources.length]!;
        const all = paths(src.cert).filter((p) => p[0] !== 'statement' && !(p[0] === 'data' && p[1] === 'name'));
        const path = all[pi % all.length]!;
        const [name, alter] = ALTERATIONS[ai]!;
        let old: unknown = src.cert;
        for (const k of path) old = (old as Record<string | number, unknown>)[k];
        const cert = setAt(src.cert, path, alter(old)) as Certificate;
        const res = checkCertificate(cert, src.ds);
        if (res.ok && !oracle(cert, src.ds)) throw new Error(`${src.name}: ${path.join('.')} ${name} was accepted, but the oracle finds it false`);
      }),
      { seed: SEED, numRuns: runs, verbose: true },
    );
  });
});
