/**
 * Builds ONNX models the way torch.onnx.export writes nn.Sequential(Linear, ReLU, …, Linear)
 * (no Python onnx here): weights as initializers "0.weight", "0.bias", … with raw_data
 * (little-endian float32), Gemm nodes "/0/Gemm" with transB = 1 (alpha = beta = 1), Relu
 * nodes "/1/Relu", a data input with a symbolic batch dimension and an output, each with
 * its value_info type. Options give the other layouts a reader must accept (MatMul + Add,
 * float_data, double weights) and hooks to break a model for the refusal tests.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface OnnxLayerSpec {
  /** out × in, as nn.Linear stores `weight`. */
  readonly W: readonly (readonly number[])[];
  readonly b: readonly number[];
}

export interface OnnxBuildOptions {
  /** 'gemm' (torch's default) or 'matmul-add' (MatMul with the transposed weight, then Add). */
  readonly style?: 'gemm' | 'matmul-add';
  /** 'raw' (torch's default), 'float_data', or 'double' (float64 raw_data). */
  readonly storage?: 'raw' | 'float_data' | 'double';
  /** Omit the final Gemm's transB attribute and store its weight transposed (in × out). */
  readonly lastWithoutTransB?: boolean;
  /** Replace a node's operator (by index in the node list), e.g. to test refusals. */
  readonly replaceOp?: { readonly index: number; readonly opType: string };
  /** Add a trailing Relu after the output layer. */
  readonly trailingRelu?: boolean;
}

function tensor(name: string, dims: number[], values: readonly number[], storage: OnnxBuildOptions['storage']): onnxProto.onnx.ITensorProto {
  if (storage === 'float_data') return { name, dims, dataType: 1, floatData: values.map((v) => Math.fround(v)) };
  const size = storage === 'double' ? 8 : 4;
  const raw = new Uint8Array(values.length * size);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => (size === 8 ? view.setFloat64(i * 8, v, true) : view.setFloat32(i * 4, v, true)));
  return { name, dims, dataType: size === 8 ? 11 : 1, rawData: raw };
}

function valueInfo(name: string, features: number, elemType: number): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'batch' }, { dimValue: features }] } } } };
}

/** The serialized model (bytes of a .onnx file). */
export function buildOnnx(layers: readonly OnnxLayerSpec[], options: OnnxBuildOptions = {}): Uint8Array {
  const style = options.style ?? 'gemm';
  const storage = options.storage ?? 'raw';
  const elemType = storage === 'double' ? 11 : 1;
  const initializer: onnxProto.onnx.ITensorProto[] = [];
  const node: onnxProto.onnx.INodeProto[] = [];
  let current = 'input';
  layers.forEach((layer, k) => {
    const idx = 2 * k; // torch's Sequential index: Linear at 0, 2, 4, …; ReLU at 1, 3, …
    const out = layer.W.length;
    const inp = layer.W[0]!.length;
    const last = k === layers.length - 1;
    const outName = last && !options.trailingRelu ? 'output' : style === 'gemm' ? `/${idx}/Gemm_output_0` : `/${idx}/Add_output_0`;
    if (style === 'gemm') {
      const transposed = last && options.lastWithoutTransB;
      const values = transposed ? Array.from({ length: inp * out }, (_, t) => layer.W[t % out]![Math.floor(t / out)]!) : layer.W.flat();
      initializer.push(tensor(`${idx}.weight`, transposed ? [inp, out] : [out, inp], values, storage), tensor(`${idx}.bias`, [out], layer.b, storage));
      const attribute: onnxProto.onnx.IAttributeProto[] = [
        { name: 'alpha', type: 1, f: 1 },
        { name: 'beta', type: 1, f: 1 },
      ];
      if (!transposed) attribute.push({ name: 'transB', type: 2, i: 1 });
      node.push({ name: `/${idx}/Gemm`, opType: 'Gemm', input: [current, `${idx}.weight`, `${idx}.bias`], output: [outName], attribute });
    } else {
      // torch writes MatMul against the transposed weight (in × out) and Add of the bias.
      const wt = Array.from({ length: inp * out }, (_, t) => layer.W[t % out]![Math.floor(t / out)]!);
      initializer.push(tensor(`onnx::MatMul_${100 + k}`, [inp, out], wt, storage), tensor(`${idx}.bias`, [out], layer.b, storage));
      node.push({ name: `/${idx}/MatMul`, opType: 'MatMul', input: [current, `onnx::MatMul_${100 + k}`], output: [`/${idx}/MatMul_output_0`] });
      node.push({ name: `/${idx}/Add`, opType: 'Add', input: [`${idx}.bias`, `/${idx}/MatMul_output_0`], output: [outName] });
    }
    current = outName;
    if (!last || options.trailingRelu) {
      const reluOut = last ? 'output' : `/${idx + 1}/Relu_output_0`;
      node.push({ name: `/${idx + 1}/Relu`, opType: 'Relu', input: [current], output: [reluOut] });
      current = reluOut;
    }
  });
  if (options.replaceOp) node[options.replaceOp.index] = { ...node[options.replaceOp.index], opType: options.replaceOp.opType };
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    producerName: 'pytorch',
    producerVersion: '2.1.0',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'main_graph',
      node,
      initializer,
      input: [valueInfo('input', layers[0]!.W[0]!.length, elemType)],
      output: [valueInfo('output', layers[layers.length - 1]!.W.length, elemType)],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}
