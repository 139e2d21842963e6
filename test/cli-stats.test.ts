import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { classStats } from '../src/data/stats.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-cli-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dlgeom(...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/dlgeom.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Exactly one line on stderr, a non-zero exit, no stack trace, nothing on stdout. */
function expectOneLineError(res: ReturnType<typeof dlgeom>, ...parts: string[]) {
  expect(res.status).not.toBe(0);
  expect(res.status).not.toBeNull();
  expect(res.stdout).toBe('');
  expect(res.stderr.endsWith('\n')).toBe(true);
  expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(res.stderr).not.toMatch(/^ {4}at /m);
  for (const p of parts) expect(res.stderr).toContain(p);
}

describe('dlgeom stats', () => {
  it('--example --json prints exactly the data summary and the exact quantities', () => {
    const res = dlgeom('stats', '--example', 'clusters-q3-m5', '--json');
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    const s = classStats(loadExample('clusters-q3-m5'));
    const ds = loadExample('clusters-q3-m5');
    expect(JSON.parse(res.stdout)).toEqual({
      format: 'dlgeom/stats@1',
      data: { name: 'clusters-q3-m5', Q: 3, M: 5, N: 12, classSizes: [4, 4, 4], classLabels: ds.classes.map((c) => c.label), source: ds.source },
      quantities: { rankXbar: 3, delta2: s.delta2.toString(), delta2Float: toNumber(s.delta2), deltaP2: s.deltaP2!.toString(), deltaP2Float: toNumber(s.deltaP2!) },
    });
    expect(res.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a data file --json: hand-worked values; rank X̄ < Q gives deltaP2 null', () => {
    const p = file('tiny.csv', 'x,y,label\n1,0,a\n3,0,a\n0,1,b\n0,2,b\n0,6,b\n');
    expect(JSON.parse(dlgeom('stats', p, '--json').stdout)).toMatchObject({
      format: 'dlgeom/stats@1',
      data: { name: 'tiny', Q: 2, M: 2, N: 5, classSizes: [2, 3], classLabels: ['a', 'b'], source: { kind: 'file', path: p } },
      quantities: { rankXbar: 2, delta2: '9', delta2Float: 9, deltaP2: '9', deltaP2Float: 9 },
    });
    const rd = file('rd.json', '{"format":"dlgeom/data@1","classes":[{"label":"a","points":[[1,1]]},{"label":"b","points":[["1/2","1/2"],["3/2","3/2"]]}]}');
    expect(JSON.parse(dlgeom('stats', rd, '--json').stdout)).toMatchObject({
      format: 'dlgeom/stats@1',
      data: { name: 'rd', Q: 2, M: 2, N: 3, classSizes: [1, 2], classLabels: ['a', 'b'] },
      quantities: { rankXbar: 1, delta2: '1/2', delta2Float: 0.5, deltaP2: null, deltaP2Float: null, deltaP2Reason: 'rank X̄ = 1 < Q = 2: the projection P is not defined' },
    });
  });

  it('human output: a table with exact fractions and labelled float approximations', () => {
    const res = dlgeom('stats', '--example', 'clusters-q2');
    expect(res.status).toBe(0);
    const s = classStats(loadExample('clusters-q2'));
    for (const text of ['clusters-q2', 'a: 3, b: 3', s.delta2.toString(), s.deltaP2!.toString(), 'float approximation', '≈ 0.000944444'])
      expect(res.stdout).toContain(text);
    const rd = file('rd2.csv', '1,1,a\n2,2,b\n');
    expect(dlgeom('stats', rd).stdout).toContain('n/a (rank X̄ < Q)');
  });

  it('bad input: one line on stderr, exit 2, no stack trace', () => {
    expectOneLineError(dlgeom('stats', join(dir, 'missing.json')), 'missing.json: cannot read file');
    expectOneLineError(dlgeom('stats', file('bad.json', '{"format": "dlgeom/data@1",\n "classes": x}')), 'bad.json: line 2, column 13: invalid JSON');
    expectOneLineError(dlgeom('stats', file('nan.json', '{"format":"dlgeom/data@1","classes":[{"label":"a","points":[[1]]},{"label":"b","points":[["NaN"]]}]}')), 'class 2 ("b"), point 1, coordinate 1: not a finite number');
    expectOneLineError(dlgeom('stats', file('wide.csv', '1,2,a\n1,2,3,b\n')), 'wide.csv: line 2: expected 2 coordinates, found 3');
    expectOneLineError(dlgeom('stats', file('data.txt', '1,2,a\n')), 'unknown file type ".txt"');
    expectOneLineError(dlgeom('stats', file('empty.csv', '')), 'empty.csv: empty file');
    expect(dlgeom('stats', join(dir, 'missing.json')).status).toBe(2);
  });

  it('exactly one of a file or --example', () => {
    expectOneLineError(dlgeom('stats'), 'no input');
    expectOneLineError(dlgeom('stats', 'examples/clusters-q2.json', '--example', 'iris'), 'not both');
    expectOneLineError(dlgeom('stats', '--example', 'nope'), 'unknown example "nope"', 'clusters-q2');
    expect(dlgeom('stats', '--example', 'nope').status).toBe(2);
  });

  it('a committed example file gives the same numbers as the built-in example', () => {
    const a = JSON.parse(dlgeom('stats', 'examples/iris.csv', '--json').stdout);
    const b = JSON.parse(dlgeom('stats', '--example', 'iris', '--json').stdout);
    expect(a.data.source).toMatchObject({ kind: 'file', path: 'examples/iris.csv' });
    expect(b.data.source).toMatchObject({ kind: 'example', name: 'iris' });
    expect({ ...a, data: { ...a.data, source: null } }).toEqual({ ...b, data: { ...b.data, source: null } });
  });
});
