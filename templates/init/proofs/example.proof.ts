// An example proof script (dlgeom init). It states WHAT is checked, never the verdict it expects:
// `npx dlgeom prove` records each verdict in proofs/baseline.json on the first run and fails
// whenever a later run differs from it (under --ci or CI=true, a verdict not yet recorded fails too).
import { buildD1, defineProof, exact, fc, msExact, property, Rational, rationalArb } from 'dlgeom';

export default defineProof({
  claim: ['D1', 'my-claim'],
  title: 'D1: the deep construction has cost exactly 0 on separable data',
  hypotheses: ['the classes can be separated one by one (D1 hypothesis)'],
  data: [{ example: 'clusters-q2' }, { example: 'clusters-q3' }],
  construct: (ds) => buildD1(ds, ds.Q),
  assert: ({ ds, built, engine }) => [
    // The engine's verdict; the runner re-checks its certificate with the trusted checker.
    engine.D1(built),
    // An exact check of your own: the cost of the constructed network, in rationals.
    exact.isZero('D1', 'the constructed network has cost exactly 0', () =>
      built.kind === 'built' ? msExact(built.construction.net, ds) : Rational.ONE,
    ),
  ],
  properties: [
    // A property over random exact inputs (fast-check, seeded by --seed).
    property('my-claim', 'a rational squared is never negative', [rationalArb()], (r: Rational) => !r.mul(r).lt(Rational.ZERO)),
    property('my-claim', 'integers add exactly', [fc.integer(), fc.integer()], (a: number, b: number) => Rational.of(a).add(Rational.of(b)).eq(Rational.of(a + b))),
  ],
});
