/**
 * `npm run bench`: speed and memory of what users wait for, against the emulator on 127.0.0.1.
 * Prints one table; numbers are for comparing commits on the same machine, not absolute promises.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator";
import { PilotStatusClient } from "../provider/client";
import { auditDrift } from "../provider/drift";
import { loaderFor } from "../provider/resources/loader";
import { packageRoot } from "../provider/packageRoot";
import { startProviderHost } from "../testing/providerHost";
import { serializeProvider } from "../testing/serializeProvider";
import { type StateNumber, stackExport, writeStackFile } from "../testing/stackExport";

interface Row {
  measure: string;
  value: string;
  goal: string;
  ok: boolean;
}

const rows: Row[] = [];
const record = (measure: string, value: number, unit: string, goal: number, lowerIsBetter = true) =>
  rows.push({
    measure,
    value: `${value.toFixed(unit === "B" || unit === "req" ? 0 : 1)} ${unit}`,
    goal: `${lowerIsBetter ? "≤" : "≥"} ${goal} ${unit}`,
    ok: lowerIsBetter ? value <= goal : value >= goal,
  });

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), "pilotstatus-bench-"));
  const host = await startProviderHost({ cwd: packageRoot(), project: "bench", env: { PILOT_STATUS_API_KEY: "" } });
  try {
    // 1. State footprint of every resource: the serialized loader.
    const serialized = await serializeProvider(loaderFor("WhatsAppNumber"));
    record("__provider size in state", Buffer.byteLength(serialized), "B", 4096);

    // 2. One number through the real host: check + create + read + delete.
    await host.configure({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url });
    const lifecycle: number[] = [];
    for (let i = 0; i < 30; i++) {
      const urn = host.urn("pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber", `n${i}`);
      const t = performance.now();
      const { inputs } = await host.check(urn, {}, { name: `Bench ${i}`, number: `+55119${String(i).padStart(8, "0")}`, __provider: serialized });
      const created = await host.create(urn, inputs);
      await host.read(created.id, urn, created.properties, inputs);
      await host.delete(created.id, urn, created.properties);
      lifecycle.push(performance.now() - t);
    }
    record("host check+create+read+delete, p50", percentile(lifecycle, 50), "ms", 50);
    record("host check+create+read+delete, p95", percentile(lifecycle, 95), "ms", 150);

    // 3. Paging 1000 calls with the before cursor.
    const number = await emu.control.createNumber({ name: "Calls", number: "+5511900009999", state: "OPEN" });
    await emu.control.addCalls(number.id, { count: 1000 });
    const calls = new PilotStatusClient({ apiKey: number.numberKey, baseUrl: emu.url });
    await emu.control.resetRequests();
    let t = performance.now();
    let seen = 0;
    for await (const _call of calls.iterateCalls({ pageSize: 100 })) seen++;
    record("iterate 1000 calls", performance.now() - t, "ms", 1000);
    record("requests to page 1000 calls", (await emu.control.requests()).total, "req", 11);
    if (seen !== 1000) throw new Error(`paging saw ${seen} calls, expected 1000`);

    // 4. Drift audit of a 1000-number tenant, 300 declared, with the rate limiter on (50 req/s).
    await emu.control.reset();
    const { ids } = await emu.control.seed({ count: 1000 });
    const tenant = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url });
    const live = await tenant.listNumbers();
    const declared: StateNumber[] = live.slice(0, 300).map((n, i) => ({
      kind: "WhatsAppNumber",
      name: `n${i}`,
      id: n.id,
      displayName: n.name,
      number: `+${n.number}`,
    }));
    if (ids.length !== 1000) throw new Error("seed failed");
    const file = await writeStackFile(dir, "stack.json", stackExport("bench", "bench", declared));
    await emu.control.rateLimit({ enabled: true, perSecond: 50 });
    await emu.control.resetRequests();
    const rssBefore = process.memoryUsage().rss;
    t = performance.now();
    const report = await auditDrift({ stackFiles: [file], settings: { apiKey: emu.tenantKey, baseUrl: emu.url } });
    const auditMs = performance.now() - t;
    const requests = (await emu.control.requests()).total;
    record("drift audit, 1000 numbers (300 declared), 50 req/s", auditMs / 1000, "s", 10);
    record("drift audit requests (1 list + 300 details + retries)", requests, "req", 360);
    record("drift audit RSS growth", (process.memoryUsage().rss - rssBefore) / 1024 / 1024, "MiB", 64);
    if (report.summary.unmanaged !== 700) throw new Error(`expected 700 unmanaged, got ${report.summary.unmanaged}`);
  } finally {
    await host.stop();
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map((r) => r.measure.length));
  console.log(`${"measure".padEnd(width)}  ${"value".padStart(12)}  ${"goal".padStart(14)}`);
  for (const r of rows) {
    console.log(`${r.measure.padEnd(width)}  ${r.value.padStart(12)}  ${r.goal.padStart(14)}  ${r.ok ? "ok" : "MISSED"}`);
  }
  if (rows.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
