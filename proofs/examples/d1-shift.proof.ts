// My claim: moving every input by v and the first bias by −W₁v keeps the D1 network a global minimizer.
import { buildD1, defineProof, exact, loadExample, msExact, property, Rational, syntheticDataSet, vec, vectorArb, type DataSet } from 'dlgeom';

const moved = (ds: DataSet, v: Rational[]) =>
  syntheticDataSet(`${ds.name}+v`, ds.classes.map((c) => ({ label: c.label, points: c.points.map((x) => vec.add(x, v)) })));
const vFor = (M: number) => Array.from({ length: M }, (_, k) => Rational.of(k % 2 ? -(k + 1) : k + 1, 2));

/** The D1 network of the data moved back by −v, with b₁ replaced by b₁ − W₁v. */
function construct(ds: DataSet, v = vFor(ds.M)) {
  const d1 = buildD1(moved(ds, v.map((x) => x.neg())), ds.Q);
  if (d1.kind !== 'built') throw new Error(d1.reason);
  const [first, ...rest] = d1.construction.net.hidden;
  const b1 = vec.sub(first!.b, first!.W.mulVec(v));
  return { ...d1, construction: { ...d1.construction, net: { hidden: [{ W: first!.W, b: b1 }, ...rest], output: d1.construction.net.output } } };
}

export default defineProof({
  claim: ['D1', 'D1-shift'],
  title: 'Translating the data and the first bias keeps a D1 global minimizer',
  hypotheses: ['the data moved back by −v satisfy the D1 hypothesis'],
  data: [{ generate: () => moved(loadExample('clusters-q3'), vFor(3)) }, { generate: () => moved(loadExample('clusters-q4'), vFor(4)) }],
  construct,
  assert: ({ ds, built, engine }) => [
    engine.D1(built),
    exact.isZero('D1-shift', 'the moved network has cost exactly 0 on the moved data', () => msExact(built.construction.net, ds)),
  ],
  properties: [
    property('D1-shift', 'cost 0 for random shifts of clusters-q2', [vectorArb(2)], (v) => {
      const ds = moved(loadExample('clusters-q2'), v);
      return msExact(construct(ds, v).construction.net, ds).isZero();
    }),
  ],
});
