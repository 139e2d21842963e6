/**
 * The checker on a second thread: verify submits each certificate as soon as it exists and
 * goes on building the next claims; a worker runs checkCertificate (src/certificates/check.ts,
 * imported as is) on its own copy of the same exact data; verify takes each answer when it
 * reports the claim. An answer is the checker's own — the same function on the same
 * certificate (a structured clone of plain data) and the same points — so the report equals a
 * single-threaded run's.
 *
 * Never hangs, never loses a check: if the worker cannot start, fails, or answers nothing for
 * STALL_MS while answers are awaited, the calling thread checks every certificate still open
 * itself (a late answer from the worker is ignored). The worker is unref'd and terminated by
 * close(); the waiting is synchronous (Atomics.wait and receiveMessageOnPort), so verify stays
 * a synchronous function.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Certificate } from '../certificates/format.ts';
import { checkCertificate, type CheckResult } from '../certificates/check.ts';
import { checkerData, type CheckerData } from '../certificates/structure.ts';
import type { DataSet } from '../data/dataset.ts';
import { attachCompact, compactOf, type CompactData } from '../data/compact.ts';
import { lazyClassData } from '../data/compact-builder.ts';
import { Rational } from '../exact/rational.ts';

const STALL_MS = 120_000;

/** What the worker needs to rebuild the data set: its metadata and compact points (plain, cloneable). */
interface DataTransfer {
  readonly name: string;
  readonly M: number;
  readonly Q: number;
  readonly N: number;
  readonly labels: readonly string[];
  readonly targets: readonly (readonly string[])[];
  readonly source: DataSet['source'];
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

/** Worker side: answers { id, certificate } messages in order on `port`, counting answers in count[0] (count[1] = 1: failed). */
export function serveChecks(data: DataTransfer, port: MessagePort, count: Int32Array, inbox: MessagePort): void {
  const ds = fromTransfer(data);
  const shared = checkerData(ds); // what the checks on these data share, built once, in this worker, from the data alone
  inbox.on('message', ({ id, certificate }: { id: number; certificate: Certificate }) => {
    try {
      port.postMessage({ id, result: checkCertificate(certificate, ds, shared) });
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
  const { data, answers, inbox, count, self, tsx } = workerData;
  const flags = new Int32Array(count);
  try {
    if (tsx) (await import(tsx)).register();
    (await import(self)).serveChecks(data, answers, flags, inbox);
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
  private readonly answers: MessagePort | undefined;
  private readonly inbox: MessagePort | undefined;
  /** [answers posted, the worker failed]. */
  private readonly count = new Int32Array(new SharedArrayBuffer(8));
  private readonly open = new Map<number, Certificate>();
  private readonly done = new Map<number, CheckResult>();
  private next = 0;
  private shared: CheckerData | undefined;
  /** How many answers came from the worker (the rest were checked on this thread). */
  workerAnswers = 0;

  constructor(private readonly ds: DataSet) {
    try {
      const self = import.meta.url;
      const tsx = self.endsWith('.ts') ? tsxLoader(self) : undefined;
      const [answers, inbox] = [new MessageChannel(), new MessageChannel()];
      const workerData = { data: toTransfer(ds), answers: answers.port2, inbox: inbox.port2, count: this.count.buffer, self, tsx };
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList: [answers.port2, inbox.port2] });
      this.worker.unref();
      this.worker.on('error', () => Atomics.store(this.count, 1, 1));
      [this.answers, this.inbox] = [answers.port1, inbox.port1];
    } catch {
      this.worker = undefined; // no worker: every certificate is checked on this thread
    }
  }

  /** Queues a certificate for checking; returns its ticket. */
  submit(certificate: Certificate): number {
    const id = this.next++;
    this.open.set(id, certificate);
    this.inbox?.postMessage({ id, certificate });
    return id;
  }

  /** The checker's answer for a ticket (waits for the worker, or checks here if it cannot answer). */
  result(id: number): CheckResult {
    let seen = Atomics.load(this.count, 0);
    let since = Date.now();
    while (!this.done.has(id)) {
      for (let m = this.answers && receiveMessageOnPort(this.answers); m; m = receiveMessageOnPort(this.answers!)) {
        const { id: k, result } = m.message as { id: number; result: CheckResult };
        if (this.open.delete(k)) this.done.set(k, result), this.workerAnswers++;
      }
      if (this.done.has(id)) break;
      if (!this.worker || Atomics.load(this.count, 1) === 1 || Date.now() - since > STALL_MS) {
        for (const [k, cert] of this.open) this.done.set(k, checkCertificate(cert, this.ds, (this.shared ??= checkerData(this.ds))));
        this.open.clear();
        this.close();
        break;
      }
      Atomics.wait(this.count, 0, seen, 1000);
      const now = Atomics.load(this.count, 0);
      if (now !== seen) [seen, since] = [now, Date.now()];
    }
    const r = this.done.get(id)!;
    this.done.delete(id);
    return r;
  }

  /** Stops the worker (answers not yet taken are checked on this thread when asked for). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.answers?.close();
    this.inbox?.close();
  }
}
