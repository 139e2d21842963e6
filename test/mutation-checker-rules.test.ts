/**
 * The trusted checker says no for the right reason: each check of check.ts and each binding
 * rule of claim-rules.ts is hit on its own by a certificate that must be rejected there (the
 * reason names that check), and certificates that must be accepted are accepted with the
 * statement generated from the checked fields. Certificates come from verify on clusters-q2;
 * where an altered certificate needs a new number (a descent coefficient), the independent
 * oracle (test/oracles/certificate-oracle.ts) computes it.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { Matrix } from '../src/exact/matrix.ts';
import type { Network } from '../src/network/network.ts';
import { makeCertificate } from '../src/certificates/build.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { CERTIFICATE_FORMAT, type Certificate, type Evidence } from '../src/certificates/format.ts';
import { checkCertificate, type CheckResult } from '../src/certificates/check.ts';
import { CLAIM_RULES } from '../src/certificates/claim-rules.ts';
import { bump, clone, costSeries, parseNet, r, samplesOf, unflatten } from './oracles/certificate-oracle.ts';
import { certificateOf } from './support/certificates.ts';

const ds = loadExample('clusters-q2');
const rep = verify(ds);
const certOf = (claim: string, context?: Record<string, unknown>): Certificate => certificateOf(rep, claim, context);
const S3free = () => certOf('S3', { bias: 'free' });
const S3tied = () => certOf('S3', { bias: 'tied' });
const D1 = () => certOf('D1');
const D1deg = () => certOf('D1-degeneracy');
const D2empty = () => certOf('D2', { subset: [], sense: 'all-parameters' });
const D2one = () => certOf('D2', { subset: [1], sense: 'all-parameters' });
const D2oneOut = () => certOf('D2', { subset: [1], sense: 'output-layer' });
const D2emptyOut = () => certOf('D2', { subset: [], sense: 'output-layer' });

type Loose = Record<string, unknown>;
const loose = (c: Certificate): Loose => c as unknown as Loose;
const check = (c: Certificate | Loose, on: DataSet = ds): CheckResult => checkCertificate(c as Certificate, on);
const reasonOf = (c: Certificate | Loose, on: DataSet = ds): string => {
  const res = check(c, on);
  return res.ok ? `ACCEPTED: ${res.statement}` : res.reason;
};
const relabel = (c: Certificate, claim: unknown, context?: unknown): Loose => {
  const out = loose(clone(c));
  if (claim === undefined) delete out.claim;
  else out.claim = claim;
  if (context === undefined) delete out.context;
  else out.context = context;
  return out;
};
const withEvidence = (c: Certificate, patch: Loose): Certificate => ({ ...c, evidence: { ...c.evidence, ...patch } as Evidence });

describe('claim and context (claim-rules.ts ruleFor)', () => {
  it('a certificate without a claim, or with an empty or non-string one, names no claim', () => {
    for (const claim of [undefined, '', 42, null]) expect(reasonOf(relabel(D1(), claim))).toBe('the certificate names no claim');
  });
  it('an unknown claim is refused, inherited object keys included, and the known ones are listed', () => {
    const known = 'S1, S2, S3, D1, D1-degeneracy, D2, D3, R1, network';
    expect(Object.keys(CLAIM_RULES).join(', ')).toBe(known);
    for (const claim of ['T1', 'toString', '__proto__', 'd1'])
      expect(reasonOf(relabel(D1(), claim))).toBe(`unknown claim ${JSON.stringify(claim)}: the checker re-derives only ${known}`);
  });
  it('the context must be an object with exactly the claim\'s keys, each valid', () => {
    for (const context of [[], 'free', 3, true]) expect(reasonOf(relabel(D1(), 'D1', context))).toBe('context must be an object');
    // null reads as no context.
    expect(check(relabel(D1(), 'D1', null)).ok).toBe(true);
    expect(check(relabel(D1(), 'D1', {})).ok).toBe(true);
    expect(reasonOf(relabel(D1(), 'D1', { note: 'x' }))).toBe('claim D1 carries no context "note"');
    expect(reasonOf(relabel(D2empty(), 'D2', { subset: [], sense: 'all-parameters', bias: 'free' }))).toBe('claim D2 carries no context "bias"');
    expect(reasonOf(relabel(D2empty(), 'D2', { sense: 'all-parameters' }))).toBe('claim D2 needs a valid context "subset" (got undefined)');
    expect(reasonOf(relabel(D2empty(), 'D2', { subset: [] }))).toBe('claim D2 needs a valid context "sense" (got undefined)');
    expect(reasonOf(relabel(S3free(), 'S3', { bias: 'both' }))).toBe('claim S3 needs a valid context "bias" (got "both")');
    expect(reasonOf(relabel(S3free(), 'S3', { bias: 1 }))).toBe('claim S3 needs a valid context "bias" (got 1)');
    expect(reasonOf(relabel(S3free(), 'S3', {}))).toBe('claim S3 needs a valid context "bias" (got undefined)');
  });
  it('D2\'s subset must be a proper subset of 1..Q, strictly increasing', () => {
    const bad = (subset: unknown) => reasonOf(relabel(D2empty(), 'D2', { subset, sense: 'all-parameters' }));
    for (const subset of [[1, 2], [0], [3], [1.5], ['1'], 'x', null, { length: 0 }, [-1]])
      expect(bad(subset)).toBe(`claim D2 needs a valid context "subset" (got ${JSON.stringify(subset)})`);
    const m5 = loadExample('clusters-q3-m5');
    const m5cert = clone(verify(m5, { skipD2: false }).claims.find((c) => c.certificate?.claim === 'D2' && JSON.stringify(c.certificate.context) === '{"subset":[1,2],"sense":"output-layer"}')!.certificate!);
    expect(check(m5cert, m5).ok).toBe(true);
    for (const subset of [[2, 1], [1, 1], [1, 4], [0, 1], [1, 2, 3]])
      expect(reasonOf(relabel(m5cert, 'D2', { subset, sense: 'output-layer' }), m5)).toBe(`claim D2 needs a valid context "subset" (got ${JSON.stringify(subset)})`);
    // Admissible labels the network does not bear out are refused by the binding, naming both sets.
    expect(reasonOf(relabel(m5cert, 'D2', { subset: [1, 3], sense: 'output-layer' }), m5)).toBe('the network collapses the classes {1, 2}, not J = {1, 3}');
    expect(reasonOf(relabel(m5cert, 'D2', { subset: [1], sense: 'output-layer' }), m5)).toBe('the network collapses the classes {1, 2}, not J = {1}');
    expect(reasonOf(relabel(m5cert, 'D2', { subset: [3], sense: 'output-layer' }), m5)).toBe('the network collapses the classes {1, 2}, not J = {3}');
  });
  it('D2\'s sense and the network claim\'s sense are from their lists', () => {
    for (const sense of ['global', 'critical-point', 5, undefined])
      expect(reasonOf(relabel(D2empty(), 'D2', { subset: [], sense }))).toBe(`claim D2 needs a valid context "sense" (got ${JSON.stringify(sense)})`);
    for (const sense of ['other', 'output', null]) expect(reasonOf(relabel(D1(), 'network', { sense }))).toBe(`claim network needs a valid context "sense" (got ${JSON.stringify(sense)})`);
  });
});

describe('the head of the checker (check.ts): format, evidence kind, data, evidence for the claim, verdict, shape, ms', () => {
  it('an unreadable certificate is unusable, with the reason', () => {
    const res = check({ ...D1(), format: 'other' });
    expect(res).toEqual({ ok: false, reason: `not a ${CERTIFICATE_FORMAT} certificate`, unusable: true });
    expect(check(null as unknown as Loose)).toMatchObject({ ok: false, unusable: true, reason: `not a ${CERTIFICATE_FORMAT} certificate` });
    const noEv = loose(D1());
    delete noEv.evidence;
    expect(check(noEv)).toEqual({ ok: false, reason: 'unknown evidence kind undefined', unusable: true });
    expect(check({ ...D1(), evidence: { kind: 'magic' } as unknown as Evidence })).toEqual({ ok: false, reason: 'unknown evidence kind "magic"', unusable: true });
    // An inherited object key is no evidence kind either.
    for (const kind of ['toString', 'constructor', '__proto__'])
      expect(check({ ...D1(), evidence: { kind } as unknown as Evidence })).toEqual({ ok: false, reason: `unknown evidence kind "${kind}"`, unusable: true });
  });
  it('other data are named by both hashes', () => {
    const c = D1();
    const wrong = { ...c, data: { ...c.data, sha256: 'ab'.repeat(32) } };
    expect(reasonOf(wrong)).toBe(`the certificate is about other data (sha256 abababababab…, these data ${ds.source.sha256.slice(0, 12)}…)`);
    const none = loose(D1());
    delete none.data;
    expect(reasonOf(none)).toBe(`the certificate is about other data (sha256 undefined…, these data ${ds.source.sha256.slice(0, 12)}…)`);
  });
  it('evidence that cannot back the claim is refused before anything is computed, naming the context when there is one', () => {
    expect(reasonOf(relabel(D1(), 'D2', { subset: [], sense: 'all-parameters' }))).toBe('evidence "cost-zero" cannot back claim D2 {"subset":[],"sense":"all-parameters"}');
    expect(reasonOf(relabel(D1deg(), 'D1'))).toBe('evidence "families" cannot back claim D1');
    expect(reasonOf(relabel(D2empty(), 'D2', { subset: [], sense: 'output-layer' }))).toBe('evidence "pattern-bound" cannot back claim D2 {"subset":[],"sense":"output-layer"}');
    expect(reasonOf(relabel(D2emptyOut(), 'D2', { subset: [], sense: 'all-parameters' }))).toBe('evidence "output-normal-equations" cannot back claim D2 {"subset":[],"sense":"all-parameters"}');
    expect(reasonOf(relabel(D1(), 'network', { sense: 'all-parameters' }))).toBe('evidence "cost-zero" cannot back claim network {"sense":"all-parameters"}');
    expect(reasonOf(relabel(D2emptyOut(), 'network', { sense: 'critical-point' }))).toBe('evidence "output-normal-equations" cannot back claim network {"sense":"critical-point"}');
    expect(reasonOf(relabel(D2empty(), 'network', { sense: 'global' }))).toBe('evidence "pattern-bound" cannot back claim network {"sense":"global"}');
    for (const claim of ['S1', 'S2', 'D1-degeneracy', 'D3', 'R1']) expect(reasonOf(relabel(D1(), claim))).toBe(`evidence "cost-zero" cannot back claim ${claim}`);
  });
  it('the verdict must be the one the evidence establishes', () => {
    for (const verdict of ['refuted', 'not-applicable', 'holds']) expect(reasonOf({ ...D1(), verdict } as Certificate)).toBe(`evidence "cost-zero" cannot establish the verdict "${verdict}"`);
    expect(reasonOf({ ...D2one(), verdict: 'verified' })).toBe('evidence "descent" cannot establish the verdict "verified"');
  });
  it('the shape must be the data\'s', () => {
    const c = D1();
    expect(reasonOf({ ...c, shape: { ...c.shape, M: 3 } })).toBe('shape M=3, Q=2 does not match the data (M=2, Q=2)');
    expect(reasonOf({ ...c, shape: { ...c.shape, Q: 1 } })).toBe('shape M=2, Q=1 does not match the data (M=2, Q=2)');
    const none = loose(D1());
    delete none.shape;
    expect(reasonOf(none)).toBe('shape M=undefined, Q=undefined does not match the data (M=2, Q=2)');
  });
  it('a stated ms must equal the recomputed one; cost-zero needs ms = 0', () => {
    expect(check({ ...D1(), ms: '0' }).ok).toBe(true);
    expect(reasonOf({ ...D1(), ms: '1/3' })).toBe('ms is 0, the certificate says 1/3');
    // The S3 network (cost > 0) offered as a global minimum by cost 0.
    const s3 = S3free();
    const asZero = { ...relabel(s3, 'network', { sense: 'global' }), evidence: { kind: 'cost-zero' }, ms: undefined };
    const reason = reasonOf(asZero);
    expect(reason).toMatch(/^ms is \d+\/\d+, not 0$/);
    // With ms stated, it is checked first and its own value is named.
    const ms = reason.slice('ms is '.length, -', not 0'.length);
    expect(reasonOf({ ...asZero, ms })).toBe(`ms is ${ms}, not 0`);
    expect(reasonOf({ ...asZero, ms: '0' })).toBe(`ms is ${ms}, the certificate says 0`);
  });
});

describe('D1 binds its shape: width M in every hidden layer and L ≥ Q', () => {
  // Two one-point classes, fitted exactly (cost 0) by one hidden layer: a global minimizer, but not D1's (L = 1 < Q = 2).
  const pair: DataSet = {
    name: 'pair',
    M: 2,
    Q: 2,
    N: 2,
    classes: [{ label: 'a', points: [[r(0), r(0)]] }, { label: 'b', points: [[r(1), r(0)]] }],
    targets: [[r(1), r(0)], [r(0), r(1)]],
    source: { kind: 'example', name: 'pair', sha256: 'pair' },
  };
  const m = (rows: number[][]) => Matrix.fromRows(rows.map((row) => row.map((x) => r(x))));
  const costZero = (hidden: Network['hidden']): Certificate =>
    makeCertificate({ claim: 'D1', verdict: 'verified', statement: 'x', ds: pair, net: { hidden, output: { W: m([[-1, 0, 0].slice(0, hidden.at(-1)!.W.rows), [1, 0, 0].slice(0, hidden.at(-1)!.W.rows)]), b: [r(1), r(0)] } }, evidence: { kind: 'cost-zero' } as Evidence });
  it('rejects a cost-0 network with fewer hidden layers than classes, or a hidden layer of another width', () => {
    const one = costZero([{ W: m([[1, 0], [0, 0]]), b: [r(0), r(0)] }]);
    expect(reasonOf(one, pair)).toBe('D1 concerns networks with L ≥ Q hidden layers (L = 1, Q = 2)');
    expect(reasonOf(relabel(one, 'network', { sense: 'global' }), pair)).toBe('ACCEPTED: This network has cost exactly 0 on the data: a global minimum.');
    const identity = { W: m([[1, 0], [0, 1]]), b: [r(0), r(0)] };
    expect(reasonOf(costZero([{ W: m([[1, 0], [0, 0]]), b: [r(0), r(0)] }, identity]), pair)).toMatch(/^ACCEPTED: This network with L = 2 ≥ Q = 2/);
    // A third, dead unit in the first layer (pre-activation −1 everywhere): still cost 0, width 3 ≠ M.
    const wide = { W: m([[1, 0], [0, 0], [0, 0]]), b: [r(0), r(0), r(-1)] };
    expect(reasonOf(costZero([wide, { W: m([[1, 0, 0], [0, 1, 0]]), b: [r(0), r(0)] }]), pair)).toBe('D1 concerns networks whose hidden layers have width M = 2');
  });
});

describe('statements are generated from the checked fields', () => {
  it('the certificates as emitted, and relabellings to the network claim that hold', () => {
    const statement = (c: Certificate | Loose) => {
      const res = check(c);
      if (!res.ok) throw new Error(res.reason);
      return res.statement;
    };
    expect(statement(D1())).toBe('This network with L = 2 ≥ Q = 2 hidden layers has cost exactly 0 on the data: a global minimizer.');
    expect(statement(D2one())).toBe(
      'The D2 candidate for J = {1} (class 1 collapsed at hidden layer 1, every other class strictly in the identity region of every layer, the output layer the least-squares fit on the curated data) is not a local minimum of the cost over all parameters.',
    );
    expect(statement(D2emptyOut())).toBe(
      'The D2 candidate for J = {} (no class collapsed, every other class strictly in the identity region of every layer, the output layer the least-squares fit on the curated data) is a minimum of the cost over the output layer.',
    );
    expect(statement(S3free())).toBe(
      'The S3 network for the free output bias (one hidden layer, strictly in its affine region on the data, computing the affine least-squares fit x ↦ Ax + c) is a local minimum of the cost over all parameters.',
    );
    expect(statement(S3tied())).toBe(
      'The S3 network for the tied output bias (one hidden layer, strictly in its affine region on the data, computing the linear least-squares fit x ↦ Ax, b₂ = −W₂b₁) is not a local minimum of the cost over all parameters.',
    );
    expect(statement(D1deg())).toMatch(/^The cost-0 network \(a global minimizer\) is not an isolated minimizer: \d+ one-parameter families of minimizers pass through it\.$/);
    expect(statement(relabel(D1(), 'network', { sense: 'global' }))).toBe('This network has cost exactly 0 on the data: a global minimum.');
    expect(statement(relabel(D2one(), 'network', { sense: 'global' }))).toBe('This network is not a global minimum: an exact direction lowers its cost.');
    expect(statement(relabel(D2one(), 'network', { sense: 'all-parameters' }))).toBe('This network is not a local minimum of the cost over all parameters.');
    expect(statement(relabel(D2empty(), 'network', { sense: 'all-parameters' }))).toBe('This network is a local minimum of the cost over all parameters.');
    expect(statement(relabel(D2one(), 'network', { sense: 'critical-point' }))).toBe('This network is not a critical point of the cost: an exact directional derivative is negative.');
    expect(statement(relabel(D2oneOut(), 'network', { sense: 'output-layer' }))).toBe('With its hidden layers fixed, this network is a minimum of the cost over the output layer.');
  });
  it('S1, S2, D3 and R1 statements, and D2 with two collapsed classes (clusters-q3)', () => {
    const statement = (c: Certificate, on: DataSet = ds) => {
      const res = check(c, on);
      if (!res.ok) throw new Error(res.reason);
      return res.statement;
    };
    expect(statement(certOf('S1'))).toMatch(/^The S1 network \(one hidden layer W₁ = RP, b₁ = β·1; output W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁\) is the identity on the data and has ms = U² = \d+(\/\d+)?, with U ≤ ‖YX̄⁺‖_op·δ_P\.$/);
    const s2 = certOf('S2');
    const inputs = (s2.evidence as Extract<Evidence, { kind: 'metric-identity' }>).inputs.length;
    expect(statement(s2)).toBe(`For the S1 network, at each of the ${inputs} listed inputs of its identity region the class cost equals |YX̄⁺P(x − x̄_j)|, and Y is invertible.`);
    expect(statement(certOf('D3'))).toBe('Along this cost-0 network the within-class spreads of the τ-images never increase, and each truncated class has spread 0 from its truncation layer on.');
    expect(statement(certOf('R1'))).toBe('On every data point this network equals its truncation representation W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1).');
    const q3 = loadExample('clusters-q3');
    const two = certificateOf(verify(q3), 'D2', { subset: [1, 2], sense: 'output-layer' });
    expect(statement(two, q3)).toMatch(/^The D2 candidate for J = \{1, 2\} \(classes 1, 2 collapsed at hidden layers \d, \d, every other class strictly in the identity region of every layer, the output layer the least-squares fit on the curated data\) is a minimum of the cost over the output layer\.$/);
  });
});

/** The first- and second-order cost coefficients along the certificate's direction, by the oracle. */
function oracleSeries(c: Certificate, oneSided = false) {
  const net = parseNet(c.network, c.shape.L, ds.M, ds.Q);
  const dir = unflatten((c.evidence as Extract<Evidence, { kind: 'descent' }>).direction.map(r), net);
  return costSeries(net, dir, samplesOf(ds), oneSided);
}

/** The certificate with its descent coefficient re-derived by the oracle (direction negated if needed so that it descends). */
function rederived(c: Certificate): Certificate {
  let series = oracleSeries(c)!;
  let out = c;
  if (series[1].sign() > 0) {
    out = withEvidence(c, { direction: (c.evidence as Extract<Evidence, { kind: 'descent' }>).direction.map((v) => r(v).neg().toString()) });
    series = oracleSeries(out)!;
  }
  expect(series[1].sign()).toBeLessThan(0);
  return { ...withEvidence(out, { coefficient: series[1].toString() }), ms: undefined } as Certificate;
}

describe('binding rules (claim-rules.ts)', () => {
  it('S3: one hidden layer; the tied reading needs b₂ = −W₂b₁; the map must be the fit of its reading', () => {
    expect(reasonOf(relabel(D2one(), 'S3', { bias: 'free' }))).toBe('the S3 network has one hidden layer, this one has 2');
    expect(reasonOf(relabel(S3free(), 'S3', { bias: 'tied' }))).toBe('the tied reading needs b₂ = −W₂b₁');
    expect(reasonOf(relabel(S3tied(), 'S3', { bias: 'free' }))).toBe("the network's map is not the affine least-squares fit of the targets (the normal equations fail)");
    // A tied network (b₂ = −W₂b₁ kept) that is not the linear fit: move W₂, keep b₂ = −W₂b₁, re-derive the coefficient.
    const c = S3tied();
    const net = c.network! as { hidden: { W: string[][]; b: string[] }[]; output: { W: string[][]; b: string[] } };
    net.output.W[0]![0] = bump(net.output.W[0]![0]!, Rational.of(1n, 50n));
    const W2 = net.output.W.map((row) => row.map(r));
    const b1 = net.hidden[0]!.b.map(r);
    net.output.b = W2.map((row) => row.reduce((s, w, k) => s.add(w.mul(b1[k]!)), Rational.ZERO).neg().toString());
    const moved = rederived(c);
    expect(reasonOf(moved)).toBe("the network's map is not the linear least-squares fit of the targets (the normal equations fail)");
  });
  it('D2: the classes collapsed are J; the output layer is the least-squares fit on the curated data', () => {
    expect(reasonOf(relabel(D2oneOut(), 'D2', { subset: [2], sense: 'output-layer' }))).toBe('the network collapses the classes {1}, not J = {2}');
    expect(reasonOf(relabel(D2oneOut(), 'D2', { subset: [], sense: 'output-layer' }))).toBe('the network collapses the classes {1}, not J = {}');
    expect(reasonOf(relabel(D2emptyOut(), 'D2', { subset: [1], sense: 'output-layer' }))).toBe('the network collapses the classes {}, not J = {1}');
    // The descent certificate with its output bias moved: still a valid descent (coefficient re-derived), no longer the fit.
    const c = D2one();
    c.network!.output.b[0] = bump(c.network!.output.b[0]!, Rational.of(1n, 1000n));
    const moved = rederived(c);
    expect(reasonOf(moved)).toBe('the output layer is not the least-squares fit on the curated data');
    // The same network read as a plain network is not bound to the fit, and the descent holds.
    expect(check(relabel(moved, 'network', { sense: 'all-parameters' })).ok).toBe(true);
  });
  it('network, output-layer sense: a descent must move only the output layer', () => {
    expect(reasonOf(relabel(D2one(), 'network', { sense: 'output-layer' }))).toBe('an output-layer refutation must move only the output layer');
  });
  it('D1 and S3 on networks of other widths, D1 with L < Q', () => {
    // The S3 network has L = 1 < Q = 2: as D1 with cost-zero evidence it fails on ms first; as D1 it is bound by L ≥ Q.
    const asD1 = { ...relabel(S3free(), 'D1'), evidence: { kind: 'cost-zero' }, verdict: 'verified', ms: undefined };
    expect(reasonOf(asD1)).toMatch(/^ms is \d+\/\d+, not 0$/);
  });
});

describe('descent evidence (check.ts checkDescent)', () => {
  const ev = (c: Certificate) => c.evidence as Extract<Evidence, { kind: 'descent' }>;
  it('order, coefficient and sign are each checked, with the recomputed value named', () => {
    const c = D2one();
    const coef = ev(c).coefficient;
    expect(reasonOf(withEvidence(c, { order: 3 }))).toBe('order must be 1 or 2');
    expect(reasonOf(withEvidence(c, { order: 0 }))).toBe('order must be 1 or 2');
    expect(reasonOf(withEvidence(c, { coefficient: '-1' }))).toBe(`the first-order coefficient is ${coef}, the certificate says -1`);
    const neg = ev(c).direction.map((v) => r(v).neg().toString());
    const flipped = r(coef).neg().toString();
    expect(reasonOf(withEvidence(c, { direction: neg, coefficient: flipped }))).toBe(`the first-order coefficient ${flipped} is not negative`);
    expect(reasonOf(withEvidence(c, { order: 2 }))).toBe(`the first-order coefficient is ${coef}, not 0`);
    const zero = ev(c).direction.map(() => '0');
    expect(reasonOf(withEvidence(c, { direction: zero, coefficient: '0' }))).toBe('the first-order coefficient 0 is not negative');
    expect(reasonOf(withEvidence(c, { direction: zero, coefficient: '0', order: 2 }))).toBe('the second-order coefficient 0 is not negative');
    expect(reasonOf(withEvidence(c, { direction: zero, coefficient: '-1', order: 2 }))).toBe('the second-order coefficient is 0, the certificate says -1');
    expect(check(withEvidence(c, { direction: ev(c).direction.slice(1) }))).toMatchObject({ ok: false, unusable: true });
  });
  it('the coefficient is the oracle\'s, and the summary says how it was obtained', () => {
    const c = D2one();
    const series = oracleSeries(c)!;
    expect(ev(c).coefficient).toBe(series[1].toString());
    const res = check(c);
    expect(res.ok && res.summary).toBe(`directional derivative ${series[1]}/N < 0 along the given direction: not a local minimum`);
  });
});
