/**
 * Data beyond the float64 range, or far from the other points, is handled exactly: verify,
 * stats and check give verdicts (never an internal error), the exact quantities equal an
 * independent computation, and a float cross-check that cannot be bounded says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { parseDataJson } from '../src/data/load.ts';
import { verify } from '../src/claims/verify.ts';
import { floatQuantities } from '../src/claims/float-quantities.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const root = path.resolve(import.meta.dirname, '..');
const base = JSON.parse(readFileSync(path.join(root, 'examples', 'clusters-q2.json'), 'utf8')) as {
  targets: string[][];
  classes: { label: string; points: string[][] }[];
};

/** clusters-q2 with point 1 of class b's second coordinate (or target 0's first entry) replaced. */
function variant(coordinate: string | undefined, target?: string): string {
  const d = structuredClone(base);
  if (coordinate !== undefined) d.classes[1]!.points[1]![1] = coordinate;
  if (target !== undefined) d.targets[0]![0] = target;
  return JSON.stringify(d);
}

/** U² = (1/N) Σ |Y X̄⁻¹ (x − x̄_j)|² for Q = M = 2, straight from the definition (Rationals, 2×2 inverse by hand). */
function u2ByDefinition(ds: DataSet): Rational {
  const means = ds.classes.map((c) => [0, 1].map((k) => c.points.reduce((s, p) => s.add(p[k]!), Rational.ZERO).div(Rational.int(c.points.length))));
  const [a, c] = means[0]!;
  const [b, d] = means[1]!;
  const det = a!.mul(d!).sub(b!.mul(c!));
  const inv = [
    [d!.div(det), b!.neg().div(det)],
    [c!.neg().div(det), a!.div(det)],
  ];
  let s = Rational.ZERO;
  ds.classes.forEach((cls, j) =>
    cls.points.forEach((p) => {
      const dx = [p[0]!.sub(means[j]![0]!), p[1]!.sub(means[j]![1]!)];
      const w = inv.map((row) => row[0]!.mul(dx[0]!).add(row[1]!.mul(dx[1]!)));
      for (let k = 0; k < 2; k++) s = s.add(ds.targets[0]![k]!.mul(w[0]!).add(ds.targets[1]![k]!.mul(w[1]!)).square());
    }),
  );
  return s.div(Rational.int(ds.N));
}

const cases: [string, string | undefined, string | undefined][] = [
  ['a coordinate of 10^12 (the reproducer)', '1e12', undefined],
  ['a coordinate of 10^15', '1e15', undefined],
  ['a 40-digit integer', '1234567890123456789012345678901234567890', undefined],
  ['the largest float64', '1.7976931348623157e308', undefined],
  ['10^400', '1e400', undefined],
  ['10^-400', '1e-400', undefined],
  ['a 500-digit integer', '1' + '7'.repeat(499), undefined],
  ['a target of 10^400', undefined, '1e400'],
];

describe('out-of-range magnitudes (Q = 2, N = 6)', () => {
  it.each(cases)('%s: verify gives verdicts, the exact U² is right, every float check agrees or is not applicable', (_name, coord, target) => {
    const ds = parseDataJson(variant(coord, target), 'variant.json');
    const r = verify(ds, { skipD2: true }); // throws on a float disagreement or an internal error
    expect(r.quantities.U2!.eq(u2ByDefinition(ds))).toBe(true);
    expect(r.claims.length).toBeGreaterThanOrEqual(8);
    for (const c of r.claims) {
      const fc = (c.details as { floatCheck?: { msFloat?: number; notApplicable?: string } } | undefined)?.floatCheck;
      if (fc) expect(fc.notApplicable !== undefined || Number.isFinite(fc.msFloat)).toBe(true);
    }
  });

  it('the reproducer (10^12) is cross-checked in float, not waved through', () => {
    const ds = parseDataJson(variant('1e12'), 'variant.json');
    const f = floatQuantities(ds).U2!;
    expect(f.applicable).toBe(true);
    if (f.applicable) expect(Math.abs(f.value - toNumber(u2ByDefinition(ds)))).toBeLessThanOrEqual(1e-9 * f.value);
  });

  it('beyond float range the cost cross-check says why it is not applicable', () => {
    const r = verify(parseDataJson(variant('1e400'), 'variant.json'), { skipD2: true });
    const s1 = r.claims.find((c) => c.id === 'S1')!;
    expect((s1.details as { floatCheck: { notApplicable: string } }).floatCheck.notApplicable).toMatch(/float64 range/);
  });

  it('the CLI: verify --json, stats and check exit 0 on such data', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-range-'));
    const file = path.join(dir, 'big.json');
    writeFileSync(file, variant('1e400'));
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'dlgeom.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DLGEOM_DEBUG: '' } });
    const v = run('verify', file, '--skip-d2', '--json', '--certificates', path.join(dir, 'certs'));
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    const out = JSON.parse(v.stdout) as { floatChecks: Record<string, { notApplicable?: string; float?: number }> };
    expect(Object.keys(out.floatChecks).sort()).toEqual(['U2', 'Vfull2', 'Vnb2']);
    const s = run('stats', file);
    expect(s.status).toBe(0);
    const certs = readdirSync(path.join(dir, 'certs'));
    expect(certs.length).toBeGreaterThan(0);
    const c = run('check', path.join(dir, 'certs', certs[0]!), '--data', file);
    expect(c.status, c.stderr).toBe(0);
  });
});
