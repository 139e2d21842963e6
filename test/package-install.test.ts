/**
 * The package as a user installs it: `npm pack` of a fresh build (in a copy of this package, so
 * the working tree's dist/ is never touched while other suites run its CLI), unpacked into an
 * empty project's node_modules/dlgeom (its dependencies linked, no network). Then, with no
 * TypeScript loader: plain Node imports 'dlgeom'; the types resolve for tsc; the binary runs the
 * compiled JavaScript; and `dlgeom prove` runs a TypeScript proof script that imports 'dlgeom'.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldFiles } from '../src/cli/init.ts';
import { VERSION } from '../src/version.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; files: string[] };

let tmp: string;
let project: string;
let installed: string;
let packed: string[];

function run(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dlgeom-package-'));
  // A copy of the package (sources, build script, package files) that builds its own dist/.
  const copy = path.join(tmp, 'copy');
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'bin', 'scripts', 'src', 'properties', 'templates', 'schemas', 'examples', 'docs'])
    if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(copy, f), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: copy, stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: copy, encoding: 'utf8' });
  const info = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = info[0]!.files.map((f) => f.path);
  // An empty project with the tarball unpacked as node_modules/dlgeom (what npm install does).
  project = path.join(tmp, 'project');
  installed = path.join(project, 'node_modules', 'dlgeom');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(tmp, info[0]!.filename), '-C', installed, '--strip-components=1']);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module', dependencies: { dlgeom: pkg.version } }));
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the installed package', () => {
  it('ships the build, the binary, schemas, templates and examples — no sources, no tests', () => {
    expect(packed).toContain('dist/src/index.js');
    expect(packed).toContain('dist/src/index.d.ts');
    expect(packed).toContain('dist/src/cli/main.js');
    expect(packed).toContain('bin/dlgeom.js');
    expect(packed).toContain('schemas/verify.schema.json');
    expect(packed).toContain('templates/init/proofs/example.proof.ts');
    expect(packed.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.test.js'))).toEqual([]);
    expect(VERSION).toBe(pkg.version);
  });

  it("plain Node (no loader) imports 'dlgeom': exact arithmetic, data, verify and the checker work", () => {
    const script = `
      import { Rational, loadExample, verify, checkCertificate, defineProof, fc, VERSION } from 'dlgeom';
      const ds = loadExample('clusters-q2');
      const report = verify(ds, { skipD2: true });
      const checked = report.claims.filter((c) => c.certificate).map((c) => checkCertificate(c.certificate, ds).ok);
      console.log(JSON.stringify({ third: Rational.of(1, 3).add(Rational.of(1, 6)).toString(), claims: report.claims.length, checked, proof: typeof defineProof, fc: typeof fc.integer, VERSION }));
    `;
    const r = run(['--input-type=module', '-e', script], project);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { third: string; claims: number; checked: boolean[]; proof: string; fc: string; VERSION: string };
    expect(out.third).toBe('1/2');
    expect(out.claims).toBeGreaterThan(5);
    expect(out.checked.length).toBeGreaterThan(3);
    expect(out.checked.every(Boolean)).toBe(true);
    expect(out).toMatchObject({ proof: 'function', fc: 'function', VERSION: pkg.version });
  });

  it("the types resolve: tsc type-checks a script importing 'dlgeom' and rejects a wrong use", () => {
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['*.ts'] }));
    writeFileSync(path.join(project, 'typed.ts'), "import { Rational, loadExample, toNumber, type DataSet } from 'dlgeom';\nconst ds: DataSet = loadExample('iris');\nexport const n: number = ds.N + toNumber(Rational.of(1, 2));\n");
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(run([tsc, '-p', '.'], project).stdout).toBe('');
    writeFileSync(path.join(project, 'typed.ts'), "import { Rational } from 'dlgeom';\nexport const s: number = Rational.of(1, 2);\n");
    expect(run([tsc, '-p', '.'], project).stdout).toMatch(/Type 'Rational' is not assignable to type 'number'/);
    rmSync(path.join(project, 'typed.ts'));
  });

  it('the binary runs the compiled JavaScript (no sources shipped) and --help lists every command', () => {
    const r = run([path.join(installed, 'bin', 'dlgeom.js'), '--help'], project, { DLGEOM_SHOW_ENTRY: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^dlgeom: dist \(installed package/);
    for (const c of ['stats', 'verify', 'check', 'latex', 'search', 'prove', 'init']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it("prove runs a TypeScript proof script that imports 'dlgeom' (tsx loaded only for it), writing its baseline", () => {
    mkdirSync(path.join(project, 'proofs'));
    cpSync(path.join(installed, 'templates', 'init', 'proofs', 'example.proof.ts'), path.join(project, 'proofs', 'example.proof.ts'));
    const r = run([path.join(installed, 'bin', 'dlgeom.js'), 'prove'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/D1 · engine .*clusters-q2 .*verified \[written\]/);
    expect(r.stdout).toMatch(/new verdict\(s\) written/);
    const baseline = JSON.parse(readFileSync(path.join(project, 'proofs', 'baseline.json'), 'utf8')) as { verdicts: unknown[] };
    expect(baseline.verdicts.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(path.join(project, 'proofs')).sort()).toEqual(['baseline.json', 'example.proof.ts']);
  });

  it("the example proof type-checks with the tsconfig.json dlgeom init writes, against the package's .d.ts", () => {
    writeFileSync(path.join(project, 'tsconfig.json'), scaffoldFiles(project, 'x')['tsconfig.json']!);
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = run([tsc, '-p', '.'], project);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });
});
