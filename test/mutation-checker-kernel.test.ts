/**
 * The checker kernel's mod-p path (src/certificates/kernel.ts), entry by entry against
 * independent oracles written here: primality by trial division, residues by BigInt
 * arithmetic, rank mod p by a BigInt elimination of our own, and the Jacobian of the
 * network's outputs from the oracle's own forward series (test/oracles/certificate-oracle.ts),
 * reduced mod p. Property runs use fixed seeds; a failure prints the seed and the path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { isPrime, jacobianRowsModP, MAX_PRIME, modP, parseNetwork, rankModP, UnusableCertificate, unflatten as kUnflatten } from '../src/certificates/kernel.ts';
import type { NetworkJson } from '../src/certificates/format.ts';
import { jetForward, parseNet, r, unflatten, flatten } from './oracles/certificate-oracle.ts';

const SEED = 1128;

/** Trial division, written independently of the kernel. */
function primeOracle(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d < n; d++) if (n % d === 0) return false;
  return true;
}

/** a⁻¹ mod p by Fermat (p prime), BigInt. */
function invOracle(a: bigint, p: bigint): bigint {
  let result = 1n;
  let base = ((a % p) + p) % p;
  for (let e = p - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % p;
    base = (base * base) % p;
  }
  return result;
}
function residueOracle(x: Rational, p: number): number | undefined {
  const P = BigInt(p);
  if (x.den % P === 0n) return undefined;
  return Number((((x.num % P) + P) % P) * invOracle(x.den, P) % P);
}

/** Rank over Z/p by our own elimination on BigInt rows. */
function rankOracle(rows: number[][], p: number): number {
  const P = BigInt(p);
  const m = rows.map((row) => row.map((v) => ((BigInt(v) % P) + P) % P));
  let rank = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    const piv = m.findIndex((row, i) => i >= rank && row[c] !== 0n);
    if (piv < 0) continue;
    [m[rank], m[piv]] = [m[piv]!, m[rank]!];
    const ip = invOracle(m[rank]![c]!, P);
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i]![c] === 0n) continue;
      const f = (m[i]![c]! * ip) % P;
      m[i] = m[i]!.map((v, j) => (((v - f * m[rank]![j]!) % P) + P) % P);
    }
    rank++;
  }
  return rank;
}

describe('isPrime and the prime bound', () => {
  it('agrees with trial division on −5 … 400 and rejects non-integers', () => {
    for (let n = -5; n <= 400; n++) expect(isPrime(n), `isPrime(${n})`).toBe(primeOracle(n));
    for (const x of [2.5, 7.000001, Number.NaN, Number.POSITIVE_INFINITY]) expect(isPrime(x), `isPrime(${x})`).toBe(false);
  });
  it('decides the large primes the certificates use (squares of primes included)', () => {
    expect(isPrime(67108859)).toBe(true); // the largest prime below 2^26
    expect(isPrime(67108860)).toBe(false);
    expect(isPrime(8191 * 8191)).toBe(false); // a square: the trial bound must include √p
    expect(isPrime(8191)).toBe(true);
    expect(isPrime(49)).toBe(false);
    expect(isPrime(4)).toBe(false);
    expect(MAX_PRIME).toBe(2 ** 26);
  });
});

describe('modP', () => {
  it('is the residue n·d⁻¹ mod p, undefined exactly when p divides the denominator', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.bigInt(1n, 10n ** 20n), fc.constantFrom(2, 3, 5, 7, 101, 65521, 67108859), (n, d, p) => {
        const x = Rational.of(n, d);
        expect(modP(x, p)).toBe(residueOracle(x, p));
      }),
      { seed: SEED, numRuns: 300, path: undefined },
    );
    expect(modP(Rational.of(1n, 7n), 7)).toBeUndefined();
    expect(modP(Rational.of(3n, 14n), 7)).toBeUndefined();
    expect(modP(Rational.of(-1n, 1n), 7)).toBe(6);
    expect(modP(Rational.of(1n, 3n), 7)).toBe(5); // 3·5 = 15 ≡ 1
    expect(modP(Rational.of(-2n, 3n), 11)).toBe(3); // 3·3 = 9 ≡ −2
  });
});

describe('rankModP', () => {
  it('equals an independent elimination mod p on random matrices (rank-deficient ones included)', () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((rows) =>
      fc.integer({ min: 1, max: 6 }).chain((cols) =>
        fc.tuple(fc.constantFrom(2, 3, 5, 13, 67108859), fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
      ),
    );
    fc.assert(
      fc.property(matrix, ([p, rows]) => {
        const reduced = rows.map((row) => row.map((v) => v % p));
        expect(rankModP(reduced.map((row) => row.slice()), p)).toBe(rankOracle(reduced, p));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('hand cases: empty, zero, a pivot found below the first row, dependence only mod p', () => {
    expect(rankModP([], 7)).toBe(0);
    expect(rankModP([[0, 0], [0, 0]], 7)).toBe(0);
    expect(rankModP([[0, 1], [1, 0]], 7)).toBe(2);
    expect(rankModP([[0, 0, 1], [0, 2, 0], [3, 0, 0]], 7)).toBe(3);
    expect(rankModP([[1, 2], [2, 4]], 7)).toBe(1);
    // (1, 3) and (2, 6 − 7 = −1 ≡ 6): dependent mod 7 only: rows (1,3), (2,6).
    expect(rankModP([[1, 3], [2, 6]], 7)).toBe(1);
    expect(rankModP([[1, 3], [2, 5]], 7)).toBe(2);
    // More rows than columns: rank is capped by the columns.
    expect(rankModP([[1], [2], [3]], 5)).toBe(1);
    // A pivot row with zeros after the pivot column, and later rows needing elimination of several columns.
    expect(rankModP([[1, 0, 0], [1, 1, 0], [2, 1, 0], [0, 0, 4]], 5)).toBe(3);
    expect(rankModP([[2, 4, 1], [1, 2, 3], [0, 0, 0]], 5)).toBe(1); // 2·(1, 2, 3) ≡ (2, 4, 1)
    expect(rankModP([[2, 4, 1], [1, 2, 4], [0, 0, 0]], 5)).toBe(2);
  });
});

/** A network of width M throughout, as certificate JSON, from small rationals. */
const entry = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1, 1, 1, 2, 3)).map(([n, d]) => `${n}/${d}`);
function netArb(M: number, Q: number, L: number) {
  const layer = (rows: number) => fc.record({ W: fc.array(fc.array(entry, { minLength: M, maxLength: M }), { minLength: rows, maxLength: rows }), b: fc.array(entry, { minLength: rows, maxLength: rows }) });
  return fc.record({ hidden: fc.array(layer(M), { minLength: L, maxLength: L }), output: layer(Q) });
}

/** The Jacobian of the outputs at x, d out_q / d θ_k, from the oracle's series, reduced mod p. */
function jacobianOracle(json: NetworkJson, L: number, M: number, Q: number, xs: Rational[][], p: number): number[][] | undefined {
  const net = parseNet(json, L, M, Q);
  const K = flatten(net).length;
  const rows: number[][] = [];
  for (const x of xs) {
    const block = Array.from({ length: Q }, () => new Array<number>(K).fill(0));
    for (let k = 0; k < K; k++) {
      const e = new Array(K).fill(Rational.ZERO);
      e[k] = Rational.ONE;
      const jets = jetForward(net, unflatten(e, net), x);
      if (jets === null) return undefined;
      for (let q = 0; q < Q; q++) {
        const v = residueOracle(jets[q]![1], p);
        if (v === undefined) return undefined;
        block[q]![k] = v;
      }
    }
    rows.push(...block);
  }
  return rows;
}

describe('jacobianRowsModP', () => {
  for (const [M, Q, L] of [[2, 2, 1], [2, 3, 2], [3, 2, 2], [2, 2, 3]] as const)
    it(`equals the oracle's Jacobian mod p entry by entry (M = ${M}, Q = ${Q}, L = ${L})`, () => {
      const points = fc.array(fc.array(entry.map(r), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 3 });
      let compared = 0;
      fc.assert(
        fc.property(netArb(M, Q, L), points, fc.constantFrom(67108859, 101, 7), (json, xs, p) => {
          const knet = parseNetwork(json as NetworkJson, L, M, Q);
          const got = jacobianRowsModP(knet, xs, p);
          const want = jacobianOracle(json as NetworkJson, L, M, Q, xs, p);
          // The kernel refuses a kink (a pre-activation exactly 0) or a prime dividing a denominator;
          // the oracle refuses a kink or a non-reducible derivative: where the oracle has a value, so must the kernel unless p divides a parameter or a coordinate.
          if (got !== undefined) {
            expect(want).toBeDefined();
            expect(got).toEqual(want);
            compared++;
          } else {
            const dividesDen = [...flatten(parseNet(json, L, M, Q)), ...xs.flat()].some((v) => v.den % BigInt(p) === 0n);
            const kink = xs.some((x) => jetForward(parseNet(json, L, M, Q), parseNet(json, L, M, Q), x) === null);
            expect(dividesDen || kink).toBe(true);
          }
        }),
        { seed: SEED + M + 10 * Q + 100 * L, numRuns: 60 },
      );
      expect(compared).toBeGreaterThan(20);
    });

  it('refuses a prime dividing a denominator and a kink; takes any hidden widths', () => {
    const json = (hidden: NetworkJson['hidden']): NetworkJson => ({ hidden, output: { W: [['1', '1'], ['1', '-1']], b: ['0', '0'] } });
    const good = json([{ W: [['1', '0'], ['0', '1']], b: ['1', '1'] }]);
    const x = [[r(1), r(2)]];
    expect(jacobianRowsModP(parseNetwork(good, 1, 2, 2), x, 7)).toBeDefined();
    const third = json([{ W: [['1', '0'], ['0', '1']], b: ['1/7', '1'] }]);
    expect(jacobianRowsModP(parseNetwork(third, 1, 2, 2), x, 7)).toBeUndefined();
    expect(jacobianRowsModP(parseNetwork(third, 1, 2, 2), x, 11)).toBeDefined();
    expect(jacobianRowsModP(parseNetwork(good, 1, 2, 2), [[r('1/7'), r(2)]], 7)).toBeUndefined();
    // A kink: the first unit's pre-activation is 1·(−1) + 1 = 0.
    expect(jacobianRowsModP(parseNetwork(good, 1, 2, 2), [[r(-1), r(2)]], 7)).toBeUndefined();
    const wide: NetworkJson = { hidden: [{ W: [['1', '0'], ['0', '1'], ['1', '1']], b: ['1', '1', '1'] }], output: { W: [['1', '1', '1'], ['1', '-1', '0']], b: ['0', '0'] } };
    expect(jacobianRowsModP(parseNetwork(wide, 1, 2, 2), x, 7)).toEqual(jacobianOracle(wide, 1, 2, 2, x, 7));
    expect(jacobianOracle(wide, 1, 2, 2, x, 7)).toBeDefined();
  });
});

describe('parseNetwork: a network that cannot be read is unusable, with one line naming where', () => {
  const good = (): NetworkJson => ({ hidden: [{ W: [['1', '0'], ['0', '1']], b: ['1', '2'] }], output: { W: [['1', '1'], ['1', '-1']], b: ['0', '1/2'] } });
  const refusal = (json: unknown, L = 1, M = 2, Q = 2): string => {
    try {
      parseNetwork(json as NetworkJson, L, M, Q);
    } catch (e) {
      expect(e).toBeInstanceOf(UnusableCertificate);
      return (e as Error).message;
    }
    return 'READ';
  };
  const tamper = (f: (n: any) => void): unknown => {
    const n = good();
    f(n);
    return n;
  };
  it('each malformed part gets its own message', () => {
    expect(refusal(good())).toBe('READ');
    expect(parseNetwork(good(), 1, 2, 2).output.b.map(String)).toEqual(['0', '1/2']);
    expect(refusal(undefined)).toBe('network: missing');
    expect(refusal({ hidden: 'x', output: good().output })).toBe('network: missing');
    expect(refusal(good(), 2)).toBe('network: 1 hidden layers, shape says 2');
    expect(refusal(tamper((n) => (n.hidden[0].W = [])))).toBe('network.hidden[0].W: expected a non-empty matrix');
    expect(refusal(tamper((n) => (n.hidden[0].W = '1')))).toBe('network.hidden[0].W: expected a non-empty matrix');
    expect(refusal(tamper((n) => (n.hidden[0] = null)))).toBe('network.hidden[0].W: expected a non-empty matrix');
    expect(refusal(tamper((n) => (n.hidden[0].W[1] = '0 1')))).toBe('network.hidden[0].W[1]: expected an array');
    expect(refusal(tamper((n) => (n.hidden[0].W[0][1] = 0)))).toBe('network.hidden[0].W[0][1]: expected an exact number string');
    expect(refusal(tamper((n) => (n.hidden[0].W[0][1] = 'abc')))).toBe('network.hidden[0].W[0][1]: not an exact number: "abc"');
    expect(refusal(tamper((n) => (n.hidden[0].W[1] = ['0'])))).toBe('network.hidden[0].W: ragged matrix');
    expect(refusal(tamper((n) => (n.hidden[0].b = '1')))).toBe('network.hidden[0].b: expected an array');
    expect(refusal(tamper((n) => (n.output.b[1] = '1/0')))).toBe('network.output.b[1]: not an exact number: "1/0"');
    // Shapes: b as long as W has rows, W's columns the previous width (M first), the output Q rows.
    expect(refusal(tamper((n) => (n.hidden[0].b = ['1'])))).toBe('network.hidden[0]: wrong dimensions');
    expect(refusal(tamper((n) => (n.hidden[0].W = [['1', '0', '0'], ['0', '1', '0']])))).toBe('network.hidden[0]: wrong dimensions');
    expect(refusal(tamper((n) => (n.output.W = [['1', '1']])))).toBe('network.output: wrong dimensions');
    expect(refusal(tamper((n) => (n.output.W = [['1', '1', '1'], ['1', '1', '1']])))).toBe('network.output: wrong dimensions');
    expect(refusal(good(), 1, 2, 3)).toBe('network.output: wrong dimensions');
    // Any hidden width: 3 units, then the output reads 3 columns.
    const wide = { hidden: [{ W: [['1', '0'], ['0', '1'], ['1', '1']], b: ['1', '1', '1'] }], output: { W: [['1', '1', '1']], b: ['0'] } };
    expect(refusal(wide, 1, 2, 1)).toBe('READ');
  });
  it('unflatten refuses a parameter vector of the wrong length', () => {
    const net = parseNetwork(good(), 1, 2, 2);
    expect(() => kUnflatten([r(1), r(2), r(3)], net)).toThrow(new UnusableCertificate('parameter vector of length 3, expected 12'));
    expect(kUnflatten(Array.from({ length: 12 }, (_, i) => r(i)), net).output.b.map(String)).toEqual(['10', '11']);
  });
});
