/**
 * The checker on a second thread: verify submits each certificate as soon as it exists and
 * goes on building the next claims; a worker runs checkCertificate (src/certificates/check.ts,
 * imported as is) on its own copy of the same exact data; verify takes each answer when it
 * reports the claim. An answer is the checker's own — the same function on the same
 * certificate (a structured clone of plain data) and the same points — so the report equals a
 * single-threaded run's.
 *
 * Never hangs: a re-check that runs longer than the time limit is stopped (the worker is
 * terminated and a fresh one takes the remaining certificates) and answered `timedOut` — never
 * "accepted"; so is one that finished past the limit before its answer was asked for (the worker
 * reports each check's duration). If the worker cannot start, fails, or starts nothing for STALL_MS while answers
 * are awaited, the calling thread checks every certificate still open itself (a late answer
 * from the worker is ignored). Workers are unref'd and terminated by close(); the waiting is
 * synchronous (Atomics.wait and receiveMessageOnPort), so verify stays a synchronous function.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Certificate, NetworkJson } from '../certificates/format.ts';
import { parseNetwork, type KNet } from '../certificates/kernel.ts';
import { engineNetwork } from '../network/network.ts';
import { checkMsInFloat, type FloatAgreement } from '../network/float-check.ts';
import { checkCertificate, type CheckResult } from '../certificates/check.ts';
import { checkerData, sameJson, type CheckerData } from '../certificates/structure.ts';
import type { DataSet } from '../data/dataset.ts';
import { attachCompact, compactOf, type CompactData } from '../data/compact.ts';
import { lazyClassData } from '../data/compact-builder.ts';
import { Rational } from '../exact/rational.ts';

const STALL_MS = 120_000;

/** What the worker needs to rebuild the data set: its metadata and compact points (plain, cloneable). */
interface DataTransfer extends Pick<DataSet, 'name' | 'M' | 'Q' | 'N' | 'source'> {
  readonly labels: readonly string[];
  /** The targets as exact number strings. */
  readonly targets: readonly (readonly string[])[];
  readonly compact: CompactData;
}

function toTransfer(ds: DataSet): DataTransfer {
  const { name, M, Q, N, source } = ds;
  return { name, M, Q, N, source, labels: ds.classes.map((c) => c.label), targets: ds.targets.map((t) => t.map(String)), compact: compactOf(ds) };
}

/** The same data set: the same exact points (its compact form), labels, targets and source. */
export function fromTransfer(t: DataTransfer): DataSet {
  const classes = t.compact.classes.map((c, j) => lazyClassData(t.labels[j]!, c, t.M));
  attachCompact(classes, t.compact);
  return { name: t.name, M: t.M, Q: t.Q, N: t.N, classes, targets: t.targets.map((y) => y.map((v) => Rational.parse(v))), source: t.source };
}

/** A re-check stopped at the time limit: neither accepted nor rejected. */
export interface TimedOutCheck {
  readonly ok: false;
  readonly timedOut: true;
  readonly reason: string;
}
export type CheckAnswer = CheckResult | TimedOutCheck;

/** A job for the worker: a certificate to re-check, or a network whose exact ms is cross-checked in float. */
type Job = { readonly certificate: Certificate } | { readonly float: { readonly network: NetworkJson; readonly ms: string } };

/** The float cross-check of a network's exact ms (network/float-check.ts) on a certificate's network (`parsed`: it, already read). */
export function floatCheckOf(network: NetworkJson, ds: DataSet, ms: Rational, parsed?: KNet): FloatAgreement {
  return checkMsInFloat(engineNetwork(parsed ?? parseNetwork(network, network.hidden.length, ds.M, ds.Q)), ds, ms);
}

/** A job's answer, on the worker or on this thread (a float job after the re-checks of its network reads it as they did). */
function run(job: Job, ds: DataSet, shared: CheckerData): CheckResult | FloatAgreement {
  if ('certificate' in job) return checkCertificate(job.certificate, ds, shared);
  const { network, ms } = job.float;
  const last = shared.last.net && sameJson(shared.last.json, network) ? shared.last.net : undefined;
  return floatCheckOf(network, ds, Rational.parse(ms), last);
}

/**
 * Worker side: answers { id, job } messages in order on `port`, each with how long it took (ms). count[0]: answers
 * posted, count[1] = 1: failed, count[2]: jobs started; startedAt[0]: when the last one started (ms).
 */
export function serveChecks(data: DataTransfer, port: MessagePort, count: Int32Array, inbox: MessagePort, startedAt: BigInt64Array): void {
  const ds = fromTransfer(data);
  const shared = checkerData(ds); // what the checks on these data share, built once, in this worker, from the data alone
  inbox.on('message', ({ id, job }: { id: number; job: Job }) => {
    Atomics.store(startedAt, 0, BigInt(Date.now()));
    Atomics.add(count, 2, 1);
    try {
      const started = performance.now();
      const result = run(job, ds, shared);
      port.postMessage({ id, result, took: performance.now() - started });
    } catch {
      Atomics.store(count, 1, 1); // the checker threw: the calling thread checks (and throws) itself
    }
    Atomics.add(count, 0, 1);
    Atomics.notify(count, 0);
  });
}

// Plain JavaScript, run with eval, valid as a script and as a module (a parent run with
// --input-type=module makes eval'd workers modules): load the TypeScript loader when running
// from sources, then this module. Any failure sets count[1] (the calling thread cannot see
// a worker's 'error' event while it waits).
const WORKER_SOURCE = `
(async () => {
  const { workerData } = await import('node:worker_threads');
  const { data, answers, inbox, count, startedAt, self, tsx } = workerData;
  const flags = new Int32Array(count);
  try {
    if (tsx) (await import(tsx)).register();
    (await import(self)).serveChecks(data, answers, flags, inbox, new BigInt64Array(startedAt));
  } catch {
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 0);
  }
})();
`;

/** The URL of tsx's ESM register API (its package's "import" export), for a worker that runs the TypeScript sources. */
function tsxLoader(from: string): string {
  const pkg = createRequire(from).resolve('tsx/package.json');
  const entry = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  return pathToFileURL(path.join(path.dirname(pkg), entry)).href;
}

/** Certificates checked on a worker thread while the caller goes on; see the module comment. */
export class BackgroundChecks {
  private worker: Worker | undefined;
  private answers: MessagePort | undefined;
  private inbox: MessagePort | undefined;
  /** This worker's [answers posted, failed, checks started] and when its last check started (fresh per worker: start()). */
  private count!: Int32Array;
  private startedAt!: BigInt64Array;
  /** The tickets posted to this worker, in order: it answers them in that order. */
  private posted: number[] = [];
  private readonly open = new Map<number, Job>();
  private readonly done = new Map<number, CheckAnswer | FloatAgreement>();
  private next = 0;
  private shared: CheckerData | undefined;
  /** How many answers came from a worker (the rest were checked on this thread or timed out). */
  workerAnswers = 0;
  /** How many re-checks were stopped at the time limit. */
  timedOut = 0;

  /** limitSeconds: the longest one re-check on the worker may run (Infinity: no limit). */
  constructor(private readonly ds: DataSet, private readonly limitSeconds = Infinity) {
    this.start();
  }

  /** A fresh worker, given every certificate still open, in ticket order. */
  private start(): void {
    [this.count, this.startedAt] = [new Int32Array(new SharedArrayBuffer(12)), new BigInt64Array(new SharedArrayBuffer(8))];
    try {
      const self = import.meta.url;
      const tsx = self.endsWith('.ts') ? tsxLoader(self) : undefined;
      const [answers, inbox] = [new MessageChannel(), new MessageChannel()];
      const workerData = { data: toTransfer(this.ds), answers: answers.port2, inbox: inbox.port2, count: this.count.buffer, startedAt: this.startedAt.buffer, self, tsx };
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList: [answers.port2, inbox.port2] });
      this.worker.unref();
      const count = this.count;
      this.worker.on('error', () => Atomics.store(count, 1, 1));
      [this.answers, this.inbox, this.posted] = [answers.port1, inbox.port1, []];
      for (const [id, job] of this.open) this.post(id, job);
    } catch {
      this.worker = undefined; // no worker: every certificate is checked on this thread
    }
  }

  private post(id: number, job: Job): void {
    this.posted.push(id);
    this.inbox!.postMessage({ id, job });
  }

  private queue(job: Job): number {
    const id = this.next++;
    this.open.set(id, job);
    if (this.worker) this.post(id, job);
    return id;
  }

  /** Queues a certificate for checking; returns its ticket. */
  submit(certificate: Certificate): number {
    return this.queue({ certificate });
  }

  /** Queues the float cross-check of a network's exact ms (the calling thread's work when the worker would idle); returns its ticket. */
  submitFloat(network: NetworkJson, ms: Rational): number {
    return this.queue({ float: { network, ms: ms.toString() } });
  }

  /** The checker's answer for a ticket (waits for the worker, or checks here if it cannot answer); `timedOut` past the limit. */
  result(id: number): CheckAnswer {
    return this.answer(id) as CheckAnswer;
  }

  /** The float cross-check for a ticket of submitFloat; undefined past the time limit (the caller makes it itself). */
  floatResult(id: number): FloatAgreement | undefined {
    const a = this.answer(id);
    return 'timedOut' in a ? undefined : (a as FloatAgreement);
  }

  private answer(id: number): CheckAnswer | FloatAgreement {
    let seen = Atomics.load(this.count, 0);
    let since = Date.now();
    while (!this.done.has(id)) {
      for (let m = this.answers && receiveMessageOnPort(this.answers); m; m = receiveMessageOnPort(this.answers!)) {
        const { id: k, result, took } = m.message as { id: number; result: CheckResult | FloatAgreement; took: number };
        // A re-check that took longer than the limit is not taken, even when it finished before it was asked for.
        const job = this.open.get(k);
        if (!job) continue;
        this.open.delete(k);
        if (took > this.limitSeconds * 1000) this.done.set(k, this.overLimit(job));
        else this.done.set(k, result), this.workerAnswers++;
      }
      if (this.done.has(id)) break;
      const [answered, started] = [Atomics.load(this.count, 0), Atomics.load(this.count, 2)];
      const running = started > answered ? Date.now() - Number(Atomics.load(this.startedAt, 0)) : 0;
      const limitMs = this.limitSeconds * 1000;
      if (running > limitMs) {
        this.stopCurrent(this.posted[answered]!);
        [seen, since] = [0, Date.now()];
        continue;
      }
      if (!this.worker || Atomics.load(this.count, 1) === 1 || (started === answered && Date.now() - since > STALL_MS)) {
        for (const [k, job] of this.open) this.done.set(k, run(job, this.ds, (this.shared ??= checkerData(this.ds))));
        this.open.clear();
        this.close();
        break;
      }
      Atomics.wait(this.count, 0, seen, Math.max(1, Math.min(1000, limitMs - running + 1)));
      const now = Atomics.load(this.count, 0);
      if (now !== seen) [seen, since] = [now, Date.now()];
    }
    const r = this.done.get(id)!;
    this.done.delete(id);
    return r;
  }

  /** The answer for a job past the time limit (a re-check's is counted). */
  private overLimit(job: Job | undefined): TimedOutCheck {
    if (!job || 'certificate' in job) this.timedOut++;
    return { ok: false, timedOut: true, reason: `the certificate re-check did not finish within ${this.limitSeconds} s` };
  }

  /** Stops the re-check of `id` at the time limit; a fresh worker takes the certificates still open. */
  private stopCurrent(id: number): void {
    const job = this.open.get(id);
    this.open.delete(id);
    this.done.set(id, this.overLimit(job));
    this.close();
    this.start();
  }

  /** Stops the worker (answers not yet taken are checked on this thread when asked for). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.answers?.close();
    this.inbox?.close();
  }
}
