/**
 * The trusted checker's re-check time per certificate, in process (no CLI start-up):
 *   node bin/run-ts.js bench/checker-recheck.ts <data-file> <certificate-dir> [repeats]
 * Loads the data once, builds the checker's per-data-set context once (timed), checks one
 * certificate first as warm-up (JIT), then times checkCertificate on every *.json of the directory, in passes over
 * the sorted directory (best of `repeats`, default 3), as wall-clock and as CPU time (process.cpuUsage: on a shared, loaded machine the CPU
 * time is the comparable number). Each certificate must be accepted; a rejection is printed and
 * the exit code is 1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataFile } from '../src/data/load.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { readCertificateFile } from '../src/certificates/read.ts';
import { checkerData } from '../src/certificates/structure.ts';

const [dataFile, dir, repeatsArg] = process.argv.slice(2);
if (!dataFile || !dir) {
  process.stderr.write('usage: checker-recheck.ts <data-file> <certificate-dir> [repeats]\n');
  process.exit(2);
}
const repeats = Number(repeatsArg ?? 3);
const ds = loadDataFile(dataFile);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const certs = files.map((f) => ({ f, cert: readCertificateFile(join(dir, f)) }));
// What the checks on these data share, built once as verify's worker and `dlgeom check DIR` do (timed).
const [w0, k0] = [performance.now(), process.cpuUsage()];
const data = checkerData(ds);
data.boxes();
const k1 = process.cpuUsage(k0);
process.stdout.write(`${'checker data (class boxes, moments)'.padEnd(34)} ${(performance.now() - w0).toFixed(1).padStart(9)} ms wall ${((k1.user + k1.system) / 1000).toFixed(1).padStart(9)} ms CPU\n`);
checkCertificate(certs.at(-1)!.cert, ds, data); // warm-up on the last: the first timed check does not meet its own network
let failed = false;
// Pass by pass over the directory (as verify's worker meets them: the two certificates of one network in a row), best per certificate.
const best = certs.map(() => [Infinity, Infinity]);
for (let r = 0; r < repeats && !failed; r++)
  certs.forEach(({ f, cert }, k) => {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    const res = checkCertificate(cert, ds, data);
    const cpu = process.cpuUsage(c0);
    best[k] = [Math.min(best[k]![0]!, performance.now() - t0), Math.min(best[k]![1]!, (cpu.user + cpu.system) / 1000)];
    if (res.ok) return;
    failed = true;
    process.stdout.write(`${f}: REJECTED: ${res.reason}\n`);
  });
let [total, totalCpu] = [0, 0];
certs.forEach(({ f }, k) => {
  const [wall, cpu] = best[k]!;
  [total, totalCpu] = [total + wall!, totalCpu + cpu!];
  process.stdout.write(`${f.padEnd(34)} ${wall!.toFixed(1).padStart(9)} ms wall ${cpu!.toFixed(1).padStart(9)} ms CPU\n`);
});
process.stdout.write(`${'total'.padEnd(34)} ${total.toFixed(1).padStart(9)} ms wall ${totalCpu.toFixed(1).padStart(9)} ms CPU over ${certs.length} certificates\n`);
process.exitCode = failed ? 1 : 0;
