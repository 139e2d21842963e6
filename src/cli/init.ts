/**
 * `dlgeom init [dir]`: scaffolds a proofs project outside this package — package.json (depending
 * on dlgeom: this package's folder as a `file:` path by default, or --dlgeom <spec>), tsconfig.json,
 * one example proof (templates/init/proofs/example.proof.ts), an empty baseline and a .gitignore.
 * A folder that already holds files is refused (exit 2) unless --force; nothing else is touched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { serializeBaseline } from '../prove/baseline.ts';
import { packageRoot } from '../util/package-root.ts';

interface InitOpts {
  dlgeom?: string;
  force?: boolean;
}

/** A package name from a folder name (npm: lower case, no spaces). */
function projectName(dir: string): string {
  const base = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return base || 'dlgeom-proofs';
}

/**
 * The files of a new proofs project, by path relative to its folder.
 * @example scaffoldFiles('my-proofs', 'file:/opt/dlgeom')['package.json'] // '{ "name": "my-proofs", … }'
 */
export function scaffoldFiles(dir: string, dlgeomSpec: string): Record<string, string> {
  const pkg = {
    name: projectName(dir),
    private: true,
    type: 'module',
    scripts: { prove: 'dlgeom prove', 'prove:ci': 'dlgeom prove --ci' },
    dependencies: { dlgeom: dlgeomSpec },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['proofs'],
  };
  return {
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'proofs/example.proof.ts': readFileSync(path.join(packageRoot(), 'templates', 'init', 'proofs', 'example.proof.ts'), 'utf8'),
    'proofs/baseline.json': serializeBaseline([]),
    '.gitignore': 'node_modules/\n',
  };
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('scaffold a proofs project (package.json, tsconfig.json, an example proof, an empty baseline)')
    .argument('[dir]', 'the project folder (created if missing; default: the current folder)', '.')
    .option('--dlgeom <spec>', 'the dlgeom dependency to write into package.json (default: file:<this package>), e.g. ^0.1.0 or a git URL')
    .option('--force', 'write into a folder that already holds files (replacing the scaffold files if present)')
    .action((dir: string, opts: InitOpts) => {
      if (existsSync(dir)) {
        if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: exists and is not a folder`);
        const present = readdirSync(dir);
        if (present.length && !opts.force) throw new InputError(`${dir}: not empty (${present.length} entr${present.length === 1 ? 'y' : 'ies'}, e.g. ${present[0]}); use --force to scaffold into it anyway`);
      }
      const spec = opts.dlgeom ?? `file:${packageRoot()}`;
      if (spec.trim() === '') throw new InputError('--dlgeom: expected a version, path or URL, got an empty string');
      const files = scaffoldFiles(dir, spec);
      try {
        for (const [rel, text] of Object.entries(files)) {
          const file = path.join(dir, rel);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
      } catch (e) {
        throw new InputError(`${dir}: cannot write the project (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
      }
      const cd = path.resolve(dir) === process.cwd() ? '' : `cd ${dir} && `;
      process.stdout.write(
        `dlgeom init: wrote ${Object.keys(files).join(', ')} in ${path.resolve(dir)} (dlgeom: ${spec})\n` +
          `next: ${cd}npm install && npx dlgeom prove\n`,
      );
    });
}
