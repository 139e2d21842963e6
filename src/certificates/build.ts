/**
 * Building certificates on the engine side (the checker never imports this).
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { CERTIFICATE_FORMAT, type Certificate, type Evidence, type NetworkJson } from './format.ts';

// A network's decimal text, made once per network (D2 writes two certificates about each candidate); each call returns fresh arrays.
const written = new WeakMap<Network, NetworkJson>();

export function networkToJson(net: Network): NetworkJson {
  const layer = (l: Network['output']) => ({ W: l.W.toStrings(), b: l.b.map((v) => v.toString()) });
  let json = written.get(net);
  if (!json) written.set(net, (json = { hidden: net.hidden.map(layer), output: layer(net.output) }));
  const copy = (l: NetworkJson['output']) => ({ W: l.W.map((row) => [...row]), b: [...l.b] });
  return { hidden: json.hidden.map(copy), output: copy(json.output) };
}

export function makeCertificate(args: {
  claim: string;
  verdict: Certificate['verdict'];
  statement: string;
  ds: DataSet;
  net?: Network;
  L?: number;
  ms?: Rational;
  evidence: Evidence;
  context?: Record<string, unknown>;
}): Certificate {
  return {
    format: CERTIFICATE_FORMAT,
    claim: args.claim,
    verdict: args.verdict,
    statement: args.statement,
    data: { name: args.ds.name, sha256: args.ds.source.sha256 },
    shape: { L: args.net ? args.net.hidden.length : (args.L ?? 0), M: args.ds.M, Q: args.ds.Q },
    ...(args.ms !== undefined ? { ms: args.ms.toString() } : {}),
    ...(args.net ? { network: networkToJson(args.net) } : {}),
    evidence: args.evidence,
    ...(args.context ? { context: args.context } : {}),
  };
}
