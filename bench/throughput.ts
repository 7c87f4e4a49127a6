/**
 * Many operations at once through one provider host under the emulator's per-key rate limit, as the engine drives a
 * big stack (every Create issued at once): all must succeed, with few requests over the minimum and a wall time near
 * requests / rate. The bound is computed from the run's own request count and the limit.
 */
import { performance } from "node:perf_hooks";
import { type EmulatorHandle, startEmulator } from "pulumi-pilotstatus-emulator";
import { loaderFor } from "../provider/engine/loader";
import { packageRoot } from "../provider/packageRoot";
import { type ProviderHost, startProviderHost } from "../testing/providerHost";
import { serializeProvider } from "../testing/serializeProvider";
import type { BenchReport } from "./report";

const TYPE = "pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber";

interface Created {
  id: string;
  urn: string;
  properties: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

/** Check then create `count` numbers, all at once; the creates that succeeded, and the first failure's message. */
async function createAll(
  host: ProviderHost,
  serialized: string,
  count: number,
  offset: number,
): Promise<{ created: Created[]; failure?: string }> {
  const checked = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const urn = host.urn(TYPE, `t${offset + i}`);
      const number = `+5521${String(offset + i).padStart(9, "0")}`;
      const { inputs } = await host.check(urn, {}, { name: `Throughput ${offset + i}`, number, __provider: serialized });
      return { urn, inputs };
    }),
  );
  const settled = await Promise.allSettled(
    checked.map(async ({ urn, inputs }) => {
      const made = await host.create(urn, inputs);
      return { id: made.id, urn, properties: made.properties, inputs };
    }),
  );
  const created = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = settled.find((r) => r.status === "rejected");
  return { created, ...(failed ? { failure: String((failed.reason as Error).message ?? failed.reason) } : {}) };
}

async function limited(emu: EmulatorHandle, perSecond: number): Promise<void> {
  await emu.control.rateLimit({ enabled: true, perSecond });
  await emu.control.resetRequests();
}

export async function benchThroughput(report: BenchReport): Promise<void> {
  const serialized = await serializeProvider(loaderFor("WhatsAppNumber"));
  for (const [count, rate] of [
    [200, 20],
    [1000, 50],
  ] as const) {
    const emu = await startEmulator({ port: 0 });
    const host = await startProviderHost({ cwd: packageRoot(), project: "bench", env: { PILOT_STATUS_API_KEY: "" } });
    try {
      await host.configure({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url });
      await limited(emu, rate);
      const t = performance.now();
      const { created, failure } = await createAll(host, serialized, count, 0);
      const seconds = (performance.now() - t) / 1000;
      const requests = (await emu.control.requests()).total;
      const label = `${count} creates at once, ${rate} req/s`;
      report.record(`${label}: succeeded`, created.length, "", { kind: "bound", value: count, label: "all" }, { minRatio: 1 });
      report.record(`${label}: requests`, requests, "req", { kind: "bound", value: 2 * count, label: "2 per create" }, { maxRatio: 1.05 });
      report.record(
        `${label}: wall time`,
        seconds,
        "s",
        { kind: "bound", value: requests / rate, label: `requests / ${rate} req/s` },
        { maxRatio: 1.15 },
      );
      if (failure !== undefined) console.error(`bench: ${label}: ${created.length}/${count} created; first failure: ${failure}`);

      if (count === 200) {
        // A refresh of 500 numbers: one read each, all at once, at 20 req/s.
        await emu.control.rateLimit({ enabled: false });
        const all = [...created, ...(await createAll(host, serialized, 300, count)).created];
        await limited(emu, 20);
        const r0 = performance.now();
        const reads = await Promise.allSettled(all.map((c) => host.read(c.id, c.urn, c.properties, c.inputs)));
        const readSeconds = (performance.now() - r0) / 1000;
        const readRequests = (await emu.control.requests()).total;
        const ok = reads.filter((r) => r.status === "fulfilled").length;
        report.record(
          `refresh of ${all.length} numbers, 20 req/s: read`,
          ok,
          "",
          { kind: "bound", value: all.length, label: "all" },
          { minRatio: 1 },
        );
        report.record(
          `refresh of ${all.length} numbers: requests`,
          readRequests,
          "req",
          { kind: "bound", value: all.length, label: "1 per number" },
          { maxRatio: 1.05 },
        );
        report.record(
          `refresh of ${all.length} numbers: wall time`,
          readSeconds,
          "s",
          { kind: "bound", value: readRequests / 20, label: "requests / 20 req/s" },
          { maxRatio: 1.15 },
        );
      }
    } finally {
      await host.stop();
      await emu.stop();
    }
  }
}
