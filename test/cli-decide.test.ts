/**
 * `dlgeom decide` as a user runs it (the CLI is spawned): JSON valid against
 * schemas/decision.schema.json, network files against schemas/network.schema.json,
 * certificates that `dlgeom check` accepts, refusal to overwrite, and one-line errors
 * with exit 2 for malformed network files. Spawns are few and concurrent (each pays start-up).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { parseNetwork } from '../src/certificates/kernel.ts';
import { networkToJson } from '../src/certificates/build.ts';
import { NETWORK_FORMAT, parseNetworkJson } from '../src/network/file.ts';
import { engineNetwork, type Network } from '../src/network/network.ts';
import { msExact } from '../src/network/cost.ts';
import { Rational } from '../src/exact/rational.ts';
import { buildOnnx } from './support/onnx-builder.ts';
import { dlgeom, expectOneLineError, root, type Run } from './support/cli.ts';



const ajv = new Ajv2020({ allErrors: true });
const schema = (name: string) => JSON.parse(readFileSync(path.join(root, 'schemas', name), 'utf8'));
ajv.addSchema(schema('common.schema.json'));
const validateDecision = ajv.compile(schema('decision.schema.json'));
const validateNetwork = ajv.compile(schema('network.schema.json'));

const dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-decide-'));
const certDir = path.join(dir, 'certs');
const ds = loadExample('clusters-q2');
// A D2 candidate from verify's certificates, written as a dlgeom/network@1 file, then perturbed.
const d2 = verify(ds, {}).claims.find((c) => c.id === 'D2' && c.sense === 'all-parameters' && c.subset!.length === 1)!;
const d2Net = engineNetwork(parseNetwork(d2.certificate!.network, ds.Q, ds.M, ds.Q));
const netFile = path.join(dir, 'd2.json');
const netJson = { format: NETWORK_FORMAT, ...networkToJson(d2Net) };
const perturbed = JSON.parse(JSON.stringify(netJson));
perturbed.hidden[0].b[0] = Rational.parse(perturbed.hidden[0].b[0]).add(Rational.of(1n, 64n)).toString();
perturbed.output.W[0][0] = 0.125; // a plain JSON number: the decimal it spells
const perturbedFile = path.join(dir, 'perturbed.json');
const onnxFile = path.join(dir, 'net.onnx');

let runs: Record<string, Run>;
beforeAll(async () => {
  writeFileSync(netFile, JSON.stringify(netJson, null, 1));
  writeFileSync(perturbedFile, JSON.stringify(perturbed));
  writeFileSync(onnxFile, buildOnnx([
    { W: [[0.5, -0.25], [1.5, 2], [0.3, -0.9]], b: [0.1, -0.2, 0.3] },
    { W: [[1, -1, 0.5], [0.2, 0.4, 0.6]], b: [0.5, -0.5] },
  ]));
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...netJson, hidden: [{ W: [['1', '2', '3']], b: ['0'] }] }));
  writeFileSync(path.join(dir, 'bad.onnx'), buildOnnx([{ W: [[1, 2]], b: [0] }, { W: [[1], [2]], b: [0, 0] }], { replaceOp: { index: 1, opType: 'Sigmoid' } }));
  writeFileSync(path.join(dir, 'net.txt'), 'x');
  const first = await dlgeom('decide', '--network', perturbedFile, '--example', 'clusters-q2', '--json', '--certificates', certDir, '--cost', 'mse');
  const named = {
    first,
    again: dlgeom('decide', '--network', perturbedFile, '--example', 'clusters-q2', '--certificates', certDir),
    d2: dlgeom('decide', '--network', netFile, '--example', 'clusters-q2', '--json'),
    onnx: dlgeom('decide', '--network', onnxFile, '--example', 'clusters-q2'),
    checks: Promise.all(readdirSync(certDir).map((f) => dlgeom('check', path.join(certDir, f), '--example', 'clusters-q2'))),
    badJson: dlgeom('decide', '--network', path.join(dir, 'bad.json'), '--example', 'clusters-q2'),
    badOnnx: dlgeom('decide', '--network', path.join(dir, 'bad.onnx'), '--example', 'clusters-q2'),
    badExt: dlgeom('decide', '--network', path.join(dir, 'net.txt'), '--example', 'clusters-q2'),
    mismatch: dlgeom('decide', '--network', onnxFile, '--example', 'clusters-q3'),
    noNetwork: dlgeom('decide', '--example', 'clusters-q2'),
  };
  const entries = await Promise.all(Object.entries(named).map(async ([k, p]) => [k, await p] as const));
  runs = Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? { code: v.every((r) => r.code === 0) ? 0 : 1, stdout: v.map((r) => r.stdout).join(''), stderr: v.map((r) => r.stderr).join('') } : v]));
}, 240_000);

describe('dlgeom decide', () => {
  it('--json is valid dlgeom/decision@1 (ajv) with the exact ms of an independent computation', () => {
    const { first } = runs;
    expect(first!.code, first!.stderr).toBe(0);
    const out = JSON.parse(first!.stdout);
    expect(validateDecision(out), JSON.stringify(validateDecision.errors)).toBe(true);
    expect(out.format).toBe('dlgeom/decision@1');
    const net = parseNetworkJson(readFileSync(perturbedFile, 'utf8'), 'p.json');
    expect(out.ms).toBe(msExact(net, ds).toString());
    expect(out.C).toBe(out.ms); // --cost mse
    const d2Out = JSON.parse(runs.d2!.stdout);
    expect(validateDecision(d2Out), JSON.stringify(validateDecision.errors)).toBe(true);
    expect(d2Out.truncation.d2).toMatchObject({ subset: d2.subset, onStratum: true, candidate: { built: true, sameParameters: true, sameCost: true } });
    expect(d2Out.verdicts.find((v: { claim: string }) => v.claim === 'network/all-parameters').status).toBe(d2.status);
  });

  it('the schema rejects what is not a decision', () => {
    const out = JSON.parse(runs.first!.stdout);
    expect(validateDecision({ ...out, format: 'dlgeom/verify@1' })).toBe(false);
    expect(validateDecision({ ...out, ms: 0.5 })).toBe(false);
    const v = out.verdicts[0];
    expect(validateDecision({ ...out, verdicts: [{ ...v, status: 'verified', certificate: null }, ...out.verdicts.slice(1)] })).toBe(false);
  });

  it('network files validate against schemas/network.schema.json; malformed ones do not', () => {
    expect(validateNetwork(netJson), JSON.stringify(validateNetwork.errors)).toBe(true);
    expect(validateNetwork(perturbed), JSON.stringify(validateNetwork.errors)).toBe(true);
    expect(validateNetwork({ ...netJson, format: 'x' })).toBe(false);
    expect(validateNetwork({ ...netJson, output: { W: [['a']], b: ['0'] } })).toBe(false);
    expect(validateNetwork({ ...netJson, extra: 1 })).toBe(false);
  });

  it('writes certificates that dlgeom check accepts, and refuses to overwrite them without --force', () => {
    expect(readdirSync(certDir).length).toBeGreaterThan(0);
    const validateCertificate = ajv.compile(schema('certificate.schema.json'));
    for (const f of readdirSync(certDir)) {
      const cert = JSON.parse(readFileSync(path.join(certDir, f), 'utf8'));
      expect(validateCertificate(cert), `${f}: ${JSON.stringify(validateCertificate.errors)}`).toBe(true);
    }
    expect(runs.checks!.code, runs.checks!.stdout + runs.checks!.stderr).toBe(0);
    expect(runs.checks!.stdout).toMatch(/^certificate valid: network /m);
    expectOneLineError(runs.again!, /already holds \d+ network certificate file\(s\); use --force/);
  });

  it('decides an ONNX network (text output)', () => {
    expect(runs.onnx!.code, runs.onnx!.stderr).toBe(0);
    expect(runs.onnx!.stdout).toMatch(/L = 1 hidden layer\(s\) of widths 3, M = 2 inputs, Q = 2 outputs, K = 17 parameters/);
    expect(runs.onnx!.stdout).toMatch(/network\/all-parameters/);
  });

  it('bad network files and mismatches: one line, exit 2', () => {
    expectOneLineError(runs.badJson!, /bad\.json: output layer\.W, row 1: 2 columns, but the previous layer has 1 outputs/);
    expectOneLineError(runs.badOnnx!, /bad\.onnx: node 2 \("\/1\/Relu", Sigmoid\): operator Sigmoid is not supported/);
    expectOneLineError(runs.badExt!, /net\.txt: unknown network file type "\.txt"/);
    expectOneLineError(runs.mismatch!, /net\.onnx: takes 2 inputs, but the data "clusters-q3" have M = 3/);
    expectOneLineError(runs.noNetwork!, /--network <file> is required/);
  });
});
