/**
 * The drift audit at N = D = 20,000 (20,000 numbers in the account, 20,000 declared), each audit in a child process
 * (bench/driftChild.ts) so that only the audit's memory and CPU count. The exports are written as `pulumi stack
 * export` writes them (4-space indent, the real serialized `__provider` in inputs and outputs: ~170 MB).
 *
 * - Peak RSS of a full audit (list + 20,000 detail requests): bound 300 MiB.
 * - CPU of a list-only audit with half the declared numbers missing (recreated out of band: same phone numbers, new
 *   ids, so every missing number looks its twin up) against the same audit with all of them present. List-only on
 *   both sides, so 20,000 detail requests do not hide the comparison's cost; median of 3 runs, interleaved.
 * - Requests of a list-only audit: bound 1.
 * - Wall time of a full audit under the emulator's rate limit (1,000 numbers, 500 declared, 50 req/s), paced by the
 *   key's scheduler: bound requests / rate.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, type EmulatorHandle } from "pulumi-pilotstatus-emulator";
import { auditDrift } from "../provider/drift";
import { loaderFor } from "../provider/engine/loader";
import { type StateNumber, stackExport } from "../testing/stackExport";
import { serializeProvider } from "../testing/serializeProvider";
import type { DriftChildResult } from "./driftChild";
import { type BenchReport, median } from "./report";

const N = 20_000;
const RUNS = 3;
const CHILD = join(__dirname, "driftChild.js");

/** An export of `numbers` as the Pulumi CLI writes it, with `__provider` the real serialized provider. */
async function writeExport(path: string, numbers: readonly StateNumber[], provider: string): Promise<void> {
  const e = stackExport("prod", "numbers", numbers);
  for (const r of e.deployment.resources) {
    const inputs = r.inputs as Record<string, unknown> | undefined;
    const outputs = r.outputs as Record<string, unknown> | undefined;
    if (inputs && "__provider" in inputs) inputs.__provider = provider;
    if (outputs && "__provider" in outputs) outputs.__provider = provider;
  }
  await writeFile(path, JSON.stringify(e, null, 4));
}

function audit(emu: EmulatorHandle, file: string, mode: "full" | "list-only"): Promise<DriftChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CHILD, file, mode],
      { env: { ...process.env, PILOT_STATUS_API_KEY: emu.tenantKey, PILOT_STATUS_BASE_URL: emu.url }, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`drift audit child (${mode}) failed: ${stderr.trim() || error.message}`));
        else resolve(JSON.parse(stdout) as DriftChildResult);
      },
    );
  });
}

function expectSummary(what: string, got: Record<string, number>, want: Record<string, number>): void {
  for (const [k, v] of Object.entries(want)) {
    if (got[k] !== v) throw new Error(`${what}: summary.${k} is ${got[k]}, expected ${v} (${JSON.stringify(got)})`);
  }
}

export async function benchDrift(report: BenchReport): Promise<void> {
  const emu = await startEmulator({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), "bench-drift-"));
  try {
    const start = 5511980000000;
    const { ids } = await emu.control.seed({ count: N, state: "OPEN", namePrefix: "Store", numberStart: String(start) });
    const provider = await serializeProvider(loaderFor("WhatsAppNumber"));
    const declared = ids.map(
      (id, i): StateNumber => ({
        kind: "WhatsAppNumber",
        name: `store-${i + 1}`,
        id,
        displayName: `Store ${i + 1}`,
        number: `+${start + i}`,
      }),
    );
    const allPresent = join(dir, "all-present.json");
    await writeExport(allPresent, declared, provider);
    // Every second declared number was deleted and recreated out of band: its id is gone, its phone number is back
    // under the account's id (unmanaged), so each missing number has a twin to find.
    const halfMissing = join(dir, "half-missing.json");
    await writeExport(
      halfMissing,
      declared.map((d, i) => (i % 2 === 1 ? { ...d, id: `wa_deleted_${i}` } : d)),
      provider,
    );

    await emu.control.resetRequests();
    const full = await audit(emu, allPresent, "full");
    const fullRequests = (await emu.control.requests()).total;
    expectSummary("full audit", full.summary, { accountTotal: N, declared: N, inSync: N, missing: 0, unmanaged: 0 });
    if (fullRequests !== N + 1) throw new Error(`full audit made ${fullRequests} requests, expected ${N + 1}`);
    report.record(
      `drift audit peak RSS, N = D = ${N.toLocaleString("en")} (full: ${fullRequests.toLocaleString("en")} requests)`,
      full.peakRssMiB,
      "MiB",
      { kind: "bound", value: 300, label: "300 MiB" },
      { maxRatio: 1 },
    );

    const present: number[] = [];
    const missing: number[] = [];
    let listOnlyRequests = 0;
    for (let run = 0; run < RUNS; run++) {
      await emu.control.resetRequests();
      const p = await audit(emu, allPresent, "list-only");
      listOnlyRequests = Math.max(listOnlyRequests, (await emu.control.requests()).total);
      const m = await audit(emu, halfMissing, "list-only");
      expectSummary("list-only, all present", p.summary, { declared: N, inSync: N, missing: 0 });
      expectSummary("list-only, half missing", m.summary, { declared: N, inSync: N / 2, missing: N / 2, unmanaged: N / 2 });
      present.push(p.cpuMs);
      missing.push(m.cpuMs);
    }
    report.record(
      `drift audit CPU, list-only, half of ${N.toLocaleString("en")} declared missing (recreated), median of ${RUNS}`,
      median(missing),
      "ms",
      { kind: "baseline", value: median(present), label: "all present" },
      { maxRatio: 2 },
    );
    report.record(
      `requests of a list-only drift audit, N = D = ${N.toLocaleString("en")}`,
      listOnlyRequests,
      "req",
      { kind: "bound", value: 1, label: "the list" },
      { maxRatio: 1 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emu.stop();
  }
  await limitedAudit(report);
}

async function limitedAudit(report: BenchReport): Promise<void> {
  const RATE = 50;
  const emu = await startEmulator({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), "bench-drift-limited-"));
  try {
    const start = 5511970000000;
    const { ids } = await emu.control.seed({ count: 1000, state: "OPEN", namePrefix: "Shop", numberStart: String(start) });
    const declared = ids.slice(0, 500).map(
      (id, i): StateNumber => ({
        kind: "WhatsAppNumber",
        name: `shop-${i + 1}`,
        id,
        displayName: `Shop ${i + 1}`,
        number: `+${start + i}`,
      }),
    );
    const file = join(dir, "stack.json");
    await writeExport(file, declared, await serializeProvider(loaderFor("WhatsAppNumber")));
    await emu.control.rateLimit({ enabled: true, perSecond: RATE });
    await emu.control.resetRequests();
    const t = performance.now();
    const r = await auditDrift({
      stackFiles: [file],
      settings: { apiKey: emu.tenantKey, baseUrl: emu.url },
      failOn: ["changed", "missing", "unhealthy"],
    });
    const seconds = (performance.now() - t) / 1000;
    const requests = (await emu.control.requests()).total;
    expectSummary("limited audit", { ...r.summary }, { declared: 500, inSync: 500 });
    report.record(
      `drift audit wall time, 500 declared of 1,000, ${RATE} req/s (${requests} requests)`,
      seconds,
      "s",
      { kind: "bound", value: requests / RATE, label: `requests / ${RATE} req/s` },
      { maxRatio: 1.15 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emu.stop();
  }
}
