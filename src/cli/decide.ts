/**
 * `dlgeom decide --network NET (--data FILE | --example NAME)`: exact, certified answers about
 * a given network (JSON dlgeom/network@1 or ONNX) on given data. Bad input: one line, exit 2.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { decideNetwork, type NetworkVerdict } from '../claims/decide-network.ts';
import { loadNetworkFile } from '../network/file.ts';
import { Deadline } from '../util/deadline.ts';
import { loadInput } from './common.ts';
import { decisionCertificateName, decisionJson, decisionText } from './decide-output.ts';
import { parseConvention, parsePositiveInt } from './options.ts';
import { stepProgress } from './progress.ts';

interface DecideOpts {
  network?: string;
  data?: string;
  example?: string;
  cost?: string;
  json?: boolean;
  certificates?: string;
  force?: boolean;
  timeLimit?: string;
}

export function registerDecide(program: Command): void {
  program
    .command('decide')
    .description('decide exactly, with certificates, whether a given network is a global or local minimum, a critical point, and how it truncates the classes')
    .option('--network <file>', 'the network: .json (dlgeom/network@1) or .onnx (Gemm/MatMul+Add and Relu)')
    .option('--data <file>', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', 'or a built-in example')
    .option('--cost <convention>', 'cost convention: norm | mse | half-mse', 'norm')
    .option('--json', 'print machine-readable JSON (format dlgeom/decision@1)')
    .option('--certificates <dir>', 'write one certificate file per verified/refuted verdict into <dir>')
    .option('--force', 'with --certificates: replace certificate files already in <dir>')
    .option('--time-limit <seconds>', 'stop deciding after this long; what is left is "inconclusive" (time limit)')
    .action((opts: DecideOpts) => {
      if (opts.network === undefined) throw new InputError('--network <file> is required (a .json dlgeom/network@1 or .onnx file)');
      const convention = parseConvention(opts.cost);
      const deadline = opts.timeLimit === undefined ? Deadline.none() : Deadline.in(parsePositiveInt(opts.timeLimit, '--time-limit', 10_000_000));
      const ds = loadInput({ file: opts.data, example: opts.example });
      const { net, sha256, kind } = loadNetworkFile(opts.network);
      if (opts.certificates) prepareCertificateDir(opts.certificates, !!opts.force);
      const progress = stepProgress(!opts.json, 10);
      const report = decideNetwork(net, ds, { convention, deadline, onStep: progress.step, networkName: opts.network });
      progress.stop();
      const files = opts.certificates ? writeCertificates(opts.certificates, report.verdicts) : undefined;
      const source = { path: opts.network, kind, sha256 };
      process.stdout.write((opts.json ? JSON.stringify(decisionJson(report, source, files), null, 2) : decisionText(report, opts.certificates)) + '\n');
    });
}

function prepareCertificateDir(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    const existing = readdirSync(dir).filter((f) => /^network_.*\.json$/.test(f));
    if (existing.length && !force) throw new InputError(`${dir}: already holds ${existing.length} network certificate file(s); use --force to replace them, or choose another folder`);
  } else {
    mkdirSync(dir, { recursive: true });
  }
}

function writeCertificates(dir: string, verdicts: NetworkVerdict[]): Map<NetworkVerdict, string> {
  const files = new Map<NetworkVerdict, string>();
  for (const v of verdicts) {
    if (!v.certificate) continue;
    const name = decisionCertificateName(v);
    writeFileSync(path.join(dir, name), JSON.stringify(v.certificate, null, 1) + '\n');
    files.set(v, name);
  }
  return files;
}
