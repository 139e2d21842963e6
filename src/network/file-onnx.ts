/**
 * ONNX networks (SPEC §6): a chain of Gemm (or MatMul + Add) and Relu nodes ending in an
 * affine node, as torch.onnx.export writes for nn.Sequential(Linear, ReLU, …, Linear).
 * Weights are read as the exact binary values they hold (float32 or float64 → dyadic
 * rationals), from raw_data or the typed fields, so the decision is about the very network
 * that was trained. Anything else is refused with one line naming the node or field.
 */
import onnxProto from 'onnx-proto';
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { exactBinary } from '../exact/binary.ts';
import { InputError } from '../data/errors.ts';
import type { Layer, Network } from './network.ts';

const { onnx } = onnxProto;
type ITensor = onnxProto.onnx.ITensorProto;
type INode = onnxProto.onnx.INodeProto;

const FLOAT = 1;
const DOUBLE = 11;
const TYPE_NAMES: Record<number, string> = { 0: 'UNDEFINED', 2: 'UINT8', 3: 'INT8', 4: 'UINT16', 5: 'INT16', 6: 'INT32', 7: 'INT64', 8: 'STRING', 9: 'BOOL', 10: 'FLOAT16', 12: 'UINT32', 13: 'UINT64', 14: 'COMPLEX64', 15: 'COMPLEX128', 16: 'BFLOAT16' };

/** An exact tensor: dims and values in row-major order. */
interface Tensor {
  readonly dims: number[];
  readonly values: Rational[];
}

/**
 * Reads an ONNX model; `nameForErrors` starts every message.
 * @example parseNetworkOnnx(readFileSync('net.onnx'), 'net.onnx').hidden.length
 */
export function parseNetworkOnnx(bytes: Uint8Array, nameForErrors: string): Network {
  const fail = (where: string, what: string): never => {
    throw new InputError(`${nameForErrors}: ${where ? where + ': ' : ''}${what}`);
  };
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    return fail('', `not an ONNX model (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  const graph = model.graph;
  if (!graph || !graph.node || graph.node.length === 0) return fail('graph', 'no nodes (not an ONNX model?)');
  if (graph.sparseInitializer && graph.sparseInitializer.length) fail('graph.sparse_initializer', 'sparse initializers are not supported');

  const initializers = new Map<string, ITensor>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? '', t);
  const tensor = (name: string, where: string): Tensor => {
    const t = initializers.get(name);
    return t ? readTensor(t, `initializer ${JSON.stringify(name)}`, fail) : fail(where, `input ${JSON.stringify(name)} is not an initializer (weights must be constant)`);
  };

  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) fail('graph.input', `expected one data input, found ${inputs.length}`);
  let current = inputs[0]!.name ?? '';
  const outputs = graph.output ?? [];
  if (outputs.length !== 1) fail('graph.output', `expected one output, found ${outputs.length}`);

  const hidden: Layer[] = [];
  let pending: { W: Matrix; b: Rational[]; node: string } | undefined;
  graph.node.forEach((node: INode, k) => {
    const op = node.opType ?? '';
    const where = `node ${k + 1} (${JSON.stringify(node.name || op)}, ${op})`;
    if (node.domain && node.domain !== 'ai.onnx') fail(where, `operator domain ${JSON.stringify(node.domain)} is not supported (only the default ONNX domain)`);
    const ins = node.input ?? [];
    const outs = node.output ?? [];
    if (outs.length !== 1) fail(where, `expected one output, found ${outs.length}`);
    const attrs = new Map((node.attribute ?? []).map((a) => [a.name ?? '', a]));
    const onlyAttrs = (allowed: string[]): void => {
      for (const name of attrs.keys()) if (!allowed.includes(name)) fail(where, `attribute ${JSON.stringify(name)} is not supported`);
    };
    const chained = (name: string | undefined): void => {
      if (name !== current) fail(where, `its input ${JSON.stringify(name)} is not the output of the previous node (${JSON.stringify(current)}): not a sequential chain`);
    };
    switch (op) {
      case 'Gemm': {
        onlyAttrs(['alpha', 'beta', 'transA', 'transB']);
        if (pending) fail(where, `follows the affine node ${pending.node} without a Relu between them`);
        if (ins.length < 2 || ins.length > 3) fail(where, `expected 2 or 3 inputs, found ${ins.length}`);
        chained(ins[0]);
        const int = (name: string, dflt: number): number => {
          const a = attrs.get(name);
          return a ? Number(a.i ?? 0) : dflt;
        };
        const real = (name: string): Rational => {
          const a = attrs.get(name);
          return a ? exactBinary(Math.fround(a.f ?? 0)) : Rational.ONE;
        };
        if (int('transA', 0) !== 0) fail(where, 'transA = 1 is not supported (the data input must be batch × features)');
        const B = tensor(ins[1]!, where);
        if (B.dims.length !== 2) fail(where, `weight ${JSON.stringify(ins[1])} has ${B.dims.length} dimensions, expected 2`);
        // Y = α·A·B' + β·C with B' = Bᵀ when transB = 1: the layer's W (out × in) is B (transB = 1) or Bᵀ.
        const Bm = new Matrix(B.dims[0]!, B.dims[1]!, B.values);
        const alpha = real('alpha');
        const W = (int('transB', 0) === 1 ? Bm : Bm.transpose()).scale(alpha);
        let b = new Array<Rational>(W.rows).fill(Rational.ZERO);
        if (ins.length === 3 && ins[2] !== '') b = biasOf(tensor(ins[2]!, where), W.rows, `${where}, bias ${JSON.stringify(ins[2])}`, fail).map((v) => v.mul(real('beta')));
        pending = { W, b, node: where };
        break;
      }
      case 'MatMul': {
        onlyAttrs([]);
        if (pending) fail(where, `follows the affine node ${pending.node} without a Relu between them`);
        if (ins.length !== 2) fail(where, `expected 2 inputs, found ${ins.length}`);
        chained(ins[0]);
        const B = tensor(ins[1]!, where);
        if (B.dims.length !== 2) fail(where, `weight ${JSON.stringify(ins[1])} has ${B.dims.length} dimensions, expected 2`);
        const W = new Matrix(B.dims[0]!, B.dims[1]!, B.values).transpose();
        pending = { W, b: new Array<Rational>(W.rows).fill(Rational.ZERO), node: where };
        break;
      }
      case 'Add': {
        onlyAttrs([]);
        if (!pending) fail(where, 'an Add must follow a MatMul or Gemm (it adds the bias)');
        if (ins.length !== 2) fail(where, `expected 2 inputs, found ${ins.length}`);
        const other = ins[0] === current ? ins[1] : ins[1] === current ? ins[0] : undefined;
        if (other === undefined) fail(where, `neither input is the output of the previous node (${JSON.stringify(current)})`);
        const add = biasOf(tensor(other!, where), pending!.W.rows, `${where}, bias ${JSON.stringify(other)}`, fail);
        pending = { ...pending!, b: pending!.b.map((v, i) => v.add(add[i]!)) };
        break;
      }
      case 'Relu': {
        onlyAttrs([]);
        if (ins.length !== 1) fail(where, `expected 1 input, found ${ins.length}`);
        chained(ins[0]);
        if (!pending) fail(where, 'a Relu must follow an affine node (Gemm, or MatMul + Add)');
        hidden.push({ W: pending!.W, b: pending!.b });
        pending = undefined;
        break;
      }
      default:
        fail(where, `operator ${op} is not supported (only Gemm, MatMul, Add and Relu, as exported from a Linear/ReLU stack)`);
    }
    current = outs[0]!;
  });
  if (!pending) return fail(`node ${graph.node.length}`, 'the network must end in an affine node (Gemm, or MatMul + Add), not in Relu');
  if (outputs[0]!.name !== current) fail('graph.output', `${JSON.stringify(outputs[0]!.name)} is not the output of the last node (${JSON.stringify(current)})`);
  const output: Layer = { W: pending.W, b: pending.b };
  // Consecutive layers must fit (W_ℓ is d_ℓ × d_{ℓ−1}).
  [...hidden, output].forEach((l, k, all) => {
    if (k > 0 && l.W.cols !== all[k - 1]!.W.rows)
      fail(`layer ${k + 1}`, `takes ${l.W.cols} inputs, but layer ${k} has ${all[k - 1]!.W.rows} outputs`);
  });
  return { hidden, output };
}

/** A bias of the given length: shape [n] or [1, n]. */
function biasOf(t: Tensor, n: number, where: string, fail: (where: string, what: string) => never): Rational[] {
  const ok = (t.dims.length === 1 && t.dims[0] === n) || (t.dims.length === 2 && t.dims[0] === 1 && t.dims[1] === n);
  if (!ok) fail(where, `shape [${t.dims.join(', ')}], expected [${n}]`);
  return t.values;
}

/** A float32 or float64 tensor, exactly; from raw_data (little-endian) or float_data / double_data. */
function readTensor(t: ITensor, where: string, fail: (where: string, what: string) => never): Tensor {
  if (t.dataLocation === 1 || (t.externalData && t.externalData.length)) fail(where, 'external data is not supported (save the model with the weights inside)');
  if (t.segment) fail(where, 'segmented tensors are not supported');
  const dims = (t.dims ?? []).map((d) => Number(d));
  if (dims.some((d) => !Number.isInteger(d) || d < 1)) fail(where, `bad dimensions [${dims.join(', ')}]`);
  const count = dims.reduce((a, b) => a * b, 1);
  const type = t.dataType ?? 0;
  if (type !== FLOAT && type !== DOUBLE) fail(where, `data type ${TYPE_NAMES[type] ?? type} is not supported (only FLOAT and DOUBLE)`);
  let numbers: ArrayLike<number>;
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const size = type === FLOAT ? 4 : 8;
    if (raw.length !== count * size) fail(where, `raw_data has ${raw.length} bytes, expected ${count * size} for [${dims.join(', ')}]`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    numbers = Array.from({ length: count }, (_, i) => (type === FLOAT ? view.getFloat32(i * size, true) : view.getFloat64(i * size, true)));
  } else {
    numbers = (type === FLOAT ? t.floatData : t.doubleData) ?? [];
    if (numbers.length !== count) fail(where, `${numbers.length} values, expected ${count} for [${dims.join(', ')}]`);
  }
  const values: Rational[] = [];
  for (let i = 0; i < count; i++) {
    const v = numbers[i]!;
    if (!Number.isFinite(v)) fail(where, `entry ${i + 1} is ${v}, not a finite number`);
    // float_data holds float32 values widened to double; Math.fround is the identity on them.
    values.push(exactBinary(type === FLOAT ? Math.fround(v) : v));
  }
  return { dims, values };
}
