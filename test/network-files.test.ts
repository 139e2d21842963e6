/**
 * Network files (SPEC §6): dlgeom/network@1 JSON read exactly (strings and JSON numbers as the
 * decimals they spell), ONNX read as the exact binary values of its weights, in every layout
 * the reader accepts, and anything else refused with one line naming the node or field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { exactBinary } from '../src/exact/binary.ts';
import { InputError } from '../src/data/errors.ts';
import { parseNetworkJson, parseNetworkOnnx } from '../src/network/file.ts';
import type { Network } from '../src/network/network.ts';
import { flattenParams } from '../src/network/params.ts';
import { buildOnnx, type OnnxLayerSpec } from './support/onnx-builder.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'onnx');

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected an InputError');
}

describe('exact binary values of doubles', () => {
  it('gives m·2^e exactly (not the shortest decimal)', () => {
    expect(exactBinary(0.5).toString()).toBe('1/2');
    expect(exactBinary(-3).toString()).toBe('-3');
    expect(exactBinary(Math.fround(0.1)).toString()).toBe('13421773/134217728');
    expect(exactBinary(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(exactBinary(2 ** 60).toString()).toBe((2n ** 60n).toString());
    expect(exactBinary(Number.MIN_VALUE).toString()).toBe(`1/${2n ** 1074n}`);
    expect(exactBinary(-0).isZero()).toBe(true);
    // Round trip: the exact value converts back to the same double.
    for (const x of [Math.PI, -1e-300, 123456.789, Math.fround(-2.71828)]) expect(toNumber(exactBinary(x))).toBe(x);
  });
});

describe('dlgeom/network@1 JSON', () => {
  const text = JSON.stringify({
    format: 'dlgeom/network@1',
    hidden: [
      { W: [['1', '-1/3'], [0.1, 2], ['3e-2', -4]], b: ['0', '1/2', 0.25] },
      { W: [[1, 1, 1]], b: [-1] },
    ],
    output: { W: [['2'], ['-7/5']], b: ['0', '1'] },
  });

  it('reads any widths, strings and JSON numbers as the exact decimals they spell', () => {
    const net = parseNetworkJson(text, 'n.json');
    expect(net.hidden.map((l) => [l.W.rows, l.W.cols])).toEqual([[3, 2], [1, 3]]);
    expect([net.output.W.rows, net.output.W.cols]).toEqual([2, 1]);
    expect(flattenParams(net).map(String)).toEqual(['1', '-1/3', '1/10', '2', '3/100', '-4', '0', '1/2', '1/4', '1', '1', '1', '-1', '2', '-7/5', '0', '1']);
  });

  it('refuses malformed files with one line naming the place', () => {
    const obj = JSON.parse(text);
    const bad = (patch: (o: any) => void): string => {
      const o = JSON.parse(JSON.stringify(obj));
      patch(o);
      return errorOf(() => parseNetworkJson(JSON.stringify(o), 'n.json'));
    };
    expect(bad((o) => (o.format = 'dlgeom/data@1'))).toMatch(/^n\.json: format: expected "dlgeom\/network@1"/);
    expect(bad((o) => (o.hidden[0].W[1] = [1]))).toMatch(/^n\.json: hidden layer 1\.W, row 2: 1 columns, row 1 has 2/);
    expect(bad((o) => (o.hidden[1].W = [[1, 1]]))).toMatch(/^n\.json: hidden layer 2\.W, row 1: 2 columns, but the previous layer has 3 outputs/);
    expect(bad((o) => (o.output.b = ['0']))).toMatch(/^n\.json: output layer\.b: length 1, but W has 2 rows/);
    expect(bad((o) => (o.output.W[0][0] = 'x'))).toMatch(/^n\.json: output layer\.W, row 1, column 1: not a number: "x"/);
    expect(bad((o) => (o.output.W[0][0] = '1/0'))).toMatch(/zero denominator/);
    expect(bad((o) => (o.hidden[0].bias = []))).toMatch(/hidden layer 1: unknown key "bias"/);
    expect(bad((o) => delete o.output)).toMatch(/missing "output"/);
    expect(bad((o) => (o.hidden = {}))).toMatch(/^n\.json: hidden: expected an array of layers/);
    expect(errorOf(() => parseNetworkJson('{"format": ', 'n.json'))).toMatch(/^n\.json: line 1, column 12: invalid JSON/);
    expect(errorOf(() => parseNetworkJson('', 'n.json'))).toBe('n.json: empty file');
    expect(errorOf(() => parseNetworkJson('{"format":"dlgeom/network@1","hidden":[],"output":{"W":[[0.10000000000000000001]],"b":[0]}}', 'n.json'))).toMatch(/more digits than a double holds/);
  });
});

/** A small stack in nn.Linear's layout (float32 values). */
const spec: OnnxLayerSpec[] = [
  { W: [[0.5, -0.25, 0.1], [1.5, 2, -3], [0.3, 0.7, -0.9], [1e-3, -2e-3, 4]], b: [0.1, -0.2, 0.3, 0] },
  { W: [[1, -1, 0.5, 0.25], [0.2, 0.4, 0.6, 0.8]], b: [0.5, -0.5] },
];
function expected(layers: OnnxLayerSpec[], round: (v: number) => number = Math.fround): Network {
  const layer = (l: OnnxLayerSpec) => ({
    W: { rows: l.W.length, cols: l.W[0]!.length, data: l.W.flat().map((v) => exactBinary(round(v))) },
    b: l.b.map((v) => exactBinary(round(v))),
  });
  return { hidden: layers.slice(0, -1).map(layer), output: layer(layers.at(-1)!) } as unknown as Network;
}
const flat = (n: Network): string[] => [...n.hidden, n.output].flatMap((l) => [...l.W.data, ...l.b].map(String));

describe('ONNX networks', () => {
  it('reads torch’s layout (Gemm, transB = 1, raw float32 initializers) as the exact float32 values', () => {
    const net = parseNetworkOnnx(buildOnnx(spec), 'm.onnx');
    expect(net.hidden.map((l) => [l.W.rows, l.W.cols])).toEqual([[4, 3]]);
    expect(flat(net)).toEqual(flat(expected(spec)));
    // 0.1 as float32 is not 1/10: the network is the one that was trained.
    expect(net.hidden[0]!.W.get(0, 2).eq(Rational.of(1n, 10n))).toBe(false);
  });

  it('reads the other layouts as the same network: float_data, MatMul + Add, Gemm without transB; float64 weights exactly', () => {
    const ref = flat(parseNetworkOnnx(buildOnnx(spec), 'm.onnx'));
    expect(flat(parseNetworkOnnx(buildOnnx(spec, { storage: 'float_data' }), 'm.onnx'))).toEqual(ref);
    expect(flat(parseNetworkOnnx(buildOnnx(spec, { style: 'matmul-add' }), 'm.onnx'))).toEqual(ref);
    expect(flat(parseNetworkOnnx(buildOnnx(spec, { lastWithoutTransB: true }), 'm.onnx'))).toEqual(ref);
    expect(flat(parseNetworkOnnx(buildOnnx(spec, { storage: 'double' }), 'm.onnx'))).toEqual(flat(expected(spec, (v) => v)));
  });

  it('reads the committed fixtures (made by test/fixtures/make-onnx-fixtures.ts)', () => {
    const a = parseNetworkOnnx(readFileSync(path.join(fixtures, 'mlp-3-5-4-3.onnx')), 'a.onnx');
    expect([...a.hidden, a.output].map((l) => [l.W.rows, l.W.cols])).toEqual([[5, 3], [4, 5], [3, 4]]);
    // float32 weights: denominators are powers of two, and each converts back to a float32 exactly.
    for (const v of flattenParams(a)) {
      expect(v.den & (v.den - 1n)).toBe(0n);
      expect(Math.fround(toNumber(v))).toBe(toNumber(v));
    }
    const b = parseNetworkOnnx(readFileSync(path.join(fixtures, 'mlp-2-3-2-matmul-double.onnx')), 'b.onnx');
    expect([...b.hidden, b.output].map((l) => [l.W.rows, l.W.cols])).toEqual([[3, 2], [2, 3]]);
  });

  it('refuses anything else with one line naming the node or field', () => {
    expect(errorOf(() => parseNetworkOnnx(buildOnnx(spec, { replaceOp: { index: 1, opType: 'Sigmoid' } }), 'm.onnx'))).toMatch(
      /^m\.onnx: node 2 \("\/1\/Relu", Sigmoid\): operator Sigmoid is not supported/,
    );
    expect(errorOf(() => parseNetworkOnnx(buildOnnx(spec, { replaceOp: { index: 0, opType: 'Conv' } }), 'm.onnx'))).toMatch(/node 1 \("\/0\/Gemm", Conv\): operator Conv is not supported/);
    expect(errorOf(() => parseNetworkOnnx(buildOnnx(spec, { trailingRelu: true }), 'm.onnx'))).toMatch(/must end in an affine node/);
    expect(errorOf(() => parseNetworkOnnx(buildOnnx(spec, { replaceOp: { index: 1, opType: 'Identity' } }), 'm.onnx'))).toMatch(/operator Identity is not supported/);
    expect(errorOf(() => parseNetworkOnnx(Uint8Array.of(1, 2, 3, 4, 5), 'm.onnx'))).toMatch(/^m\.onnx: (not an ONNX model|graph: no nodes)/);
    expect(errorOf(() => parseNetworkOnnx(new Uint8Array(0), 'm.onnx'))).toMatch(/^m\.onnx: graph: no nodes/);
    // Two affine nodes without a Relu: Relu replaced by a second Gemm-less chain is refused.
    const noRelu = buildOnnx(spec, { replaceOp: { index: 1, opType: 'Gemm' } });
    expect(errorOf(() => parseNetworkOnnx(noRelu, 'm.onnx'))).toMatch(/node 2 \("\/1\/Relu", Gemm\): (follows the affine node|expected 2 or 3 inputs)/);
  });
});
