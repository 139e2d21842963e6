import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import { decideAllParameters } from '../src/claims/local-minimality.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { makeCertificate } from '../src/certificates/build.ts';

/**
 * A saddle worked out by hand: W_1 = 0, b_1 = 1 (every hidden unit constant 1 > 0),
 * W_2 = 0, b_2 = ȳ (mean target). The gradient vanishes (W_2 = 0 kills the hidden
 * gradient; Σ r = 0 kills the output gradient), but moving W_1 = tA, W_2 = tB with
 * B·1 = 0 adds t²·BAx to the output, which lowers the cost when an affine fit beats
 * the constant one. So: refuted, by a second-order certificate.
 */
describe('second-order refutation at a critical point', () => {
  const ds = loadExample('clusters-q2');
  const ybar = ds.targets[0]!.map((_, k) =>
    ds.classes.reduce((s, c, j) => s.add(ds.targets[j]![k]!.mul(Rational.int(c.points.length))), Rational.ZERO).div(Rational.int(ds.N)),
  );
  const net: Network = {
    hidden: [{ W: Matrix.zeros(ds.M, ds.M), b: new Array<Rational>(ds.M).fill(Rational.ONE) }],
    output: { W: Matrix.zeros(ds.Q, ds.M), b: ybar },
  };
  const ms = msExact(net, ds);

  it('is refuted with an order-2 descent certificate the checker accepts', () => {
    const d = decideAllParameters(net, ds, ms);
    expect(d.status).toBe('refuted');
    if (d.status === 'inconclusive') return;
    expect(d.evidence.kind).toBe('descent');
    expect(d.evidence.kind === 'descent' && d.evidence.order).toBe(2);
    const cert = makeCertificate({ claim: 'network', verdict: 'refuted', statement: 'saddle', ds, net, ms, evidence: d.evidence, context: { sense: 'all-parameters' } });
    expect(checkCertificate(cert, ds).ok).toBe(true);
  });

  it('the certificate is rejected when it names other data', () => {
    const d = decideAllParameters(net, ds, ms);
    if (d.status === 'inconclusive' || d.evidence.kind !== 'descent') throw new Error('expected a descent certificate');
    const other = loadExample('clusters-q3');
    const cert = makeCertificate({ claim: 'network', verdict: 'refuted', statement: 'saddle', ds: other, net, ms, evidence: d.evidence, context: { sense: 'all-parameters' } });
    expect(checkCertificate(cert, ds).ok).toBe(false); // wrong data hash
  });
});
