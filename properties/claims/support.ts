/**
 * Pieces the claim properties share: exact values as evidence strings, the
 * JSON codec, the engine-certificate check (a certificate the independent
 * checker rejects is a counterexample to the engine), and the minimality
 * attack turned into a counterexample.
 */
import type { Matrix } from '../../src/exact/matrix.ts';
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSetContent } from '../../src/data/build.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import type { ClaimResult } from '../../src/claims/claim-result.ts';
import { networkToJson } from '../../src/certificates/build.ts';
import { checkCertificate } from '../../src/certificates/check.ts';
import type { Certificate } from '../../src/certificates/format.ts';
import { cumulative, forward as kernelForward, type KNet } from '../../src/certificates/kernel.ts';
import { Matrix as KMatrix, vec as kvec, type Mat, type Vec as KVec } from '../../src/certificates/linalg.ts';
import type { Counterexample, SearchProperty } from '../../src/search/property.ts';
import { decode, encode } from '../codec.ts';
import type { Perturbation } from '../arbitraries/perturbation.ts';
import { attackLocalMinimum } from '../adversary/attack.ts';
import { confirmDescent, type DescentEvidence } from '../adversary/descent.ts';
import { abs } from '../../src/exact/rational-shorthands.ts';

export const str = (v: readonly Rational[]): string[] => v.map(String);
export const mstr = (m: Matrix): string[][] => m.toStrings();
export const netJson = networkToJson;

/** The data part of a DataSet (what a data file holds). */
export function dataOf(ds: DataSet): DataSetContent {
  const { source: _source, ...content } = ds;
  return content;
}

/** A property with the generic exact-value codec for its inputs. */
export function withCodec<I>(p: Omit<SearchProperty<I>, 'encode' | 'decode'>): SearchProperty<I> {
  return { ...p, encode: (input) => encode(input), decode: (json) => decode(json) as I };
}

/** N·ms with the certificate kernel's forward pass (independent of src/network/forward.ts). */
export function kernelSumSq(net: Network, ds: DataSet): Rational {
  let s = Rational.ZERO;
  ds.classes.forEach((c, j) => {
    for (const x of c.points) s = s.add(vec.norm2(vec.sub(kernelForward(net as KNet, x).output, ds.targets[j]!)));
  });
  return s;
}

/**
 * A counterexample when the engine's certificate for `result` is rejected by the
 * independent checker (a verdict the engine cannot back: an engine bug).
 */
export function rejectedCertificate(result: ClaimResult, ds: DataSet): Counterexample | undefined {
  if (!result.certificate) return undefined;
  const check = checkCertificate(result.certificate, ds);
  if (check.ok) return undefined;
  return {
    summary: `ENGINE BUG: the engine's ${result.id} "${result.status}" certificate is rejected by the independent checker: ${check.reason}`,
    evidence: { kind: 'certificate-rejected', claim: result.id, status: result.status, reason: check.reason, certificate: result.certificate },
    data: dataOf(ds),
    engineBug: true,
  };
}

/** Confirms a `certificate-rejected` counterexample: the checker still rejects it. */
export function confirmRejected(cx: Counterexample, ds: DataSet): boolean {
  const cert = cx.evidence.certificate as Certificate | undefined;
  return cert !== undefined && !checkCertificate(cert, ds).ok;
}

/**
 * Attacks the claim "`net` is a local minimum (over `restrict` parameters)"
 * and returns a counterexample with exact descent evidence when it falls.
 * `engineVerified`: the engine certified this very claim — then a
 * refutation is a serious engine bug and says so.
 */
export function minimalityCounterexample(args: {
  claim: string;
  what: string;
  net: Network;
  ds: DataSet;
  seed: number;
  perturbations: readonly Perturbation[];
  restrict?: 'all' | 'output';
  engineVerified: boolean;
  extra?: Record<string, unknown>;
}): Counterexample | undefined {
  const report = attackLocalMinimum(args.net, args.ds, { seed: args.seed, perturbations: args.perturbations, ...(args.restrict ? { restrict: args.restrict } : {}) });
  const w = report.witness;
  if (!w) {
    if (report.floatHintsNotConfirmed === 0) return undefined;
    // A float hint alone is never a counterexample: returned for the runner's diagnostics, rejected by confirm.
    return {
      summary: `float hint only: the float adversary lowered the cost of ${args.what} but no exact descent ray confirmed it`,
      evidence: { kind: 'unconfirmed-hint', floatHints: report.floatHintsNotConfirmed },
    };
  }
  const N = Rational.int(args.ds.N);
  const lead = Rational.parse(w.coefficient).div(N);
  const prefix = args.engineVerified ? `ENGINE BUG: the engine VERIFIED that ${args.what} is a local minimum, but ` : `${args.what} is not a local minimum${args.restrict === 'output' ? ' over the output layer' : ''}: `;
  return {
    summary: `${prefix}ms(p + t·d) = ms(p) ${lead.sign() < 0 ? '−' : '+'} ${abs(lead)}·t^${w.order} + … for small t > 0 along an exact direction d (found by ${w.method}); e.g. ms = ${Rational.parse(w.points[0]!.sumSq).div(N)} < ${Rational.parse(w.baseSumSq).div(N)} at t = ${w.points[0]!.t}`,
    evidence: { kind: 'descent', restrict: args.restrict ?? 'all', network: netJson(args.net), ...(args.extra ?? {}), descent: w },
    data: dataOf(args.ds),
    ...(args.engineVerified ? { engineBug: true } : {}),
  };
}

/** Confirms a `descent` counterexample against the network it is about. */
export function confirmMinimality(cx: Counterexample, net: Network, ds: DataSet): boolean {
  if (cx.evidence.kind !== 'descent') return false;
  const ev = cx.evidence.descent as DescentEvidence | undefined;
  if (!ev) return false;
  if (cx.evidence.restrict === 'output') {
    const K = ev.direction.length;
    const outputStart = K - net.output.W.rows * (net.output.W.cols + 1);
    if (ev.direction.slice(0, outputStart).some((s) => !Rational.parse(s).isZero())) return false;
  }
  return confirmDescent(net, ds, ev);
}

/** τ_{W,b}(x) = W⁻¹(σ(Wx + b) − b) for invertible W, given W⁻¹: the formula point by point (a reference for the checker's pattern-group path). */
export function truncation(W: Mat, Winv: Mat, b: KVec, x: KVec): Rational[] {
  return KMatrix.of(Winv).mulVec(kvec.sub(kvec.relu(kvec.add(KMatrix.of(W).mulVec(x), b)), b));
}

/** Maps x to its τ-images after each hidden layer (needs every W^(ℓ) invertible), point by point with `truncation`. */
export function curatedImages(net: KNet): (x: KVec) => Rational[][] {
  const cum = cumulative(net);
  const L = net.hidden.length;
  const inverses = cum.W.slice(0, L).map((W) => W.inverse());
  return (x) => {
    const images: Rational[][] = [];
    let z: Rational[] = [...x];
    for (let l = 0; l < L; l++) images.push((z = truncation(cum.W[l]!, inverses[l]!, cum.b[l]!, z)));
    return images;
  };
}
