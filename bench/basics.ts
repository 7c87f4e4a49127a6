/** The per-number costs: the loader's size in state, one lifecycle through the host, paging calls. */
import { performance } from "node:perf_hooks";
import { startEmulator } from "pulumi-pilotstatus-emulator";
import { PilotStatusClient } from "../provider/client";
import { loaderFor } from "../provider/engine/loader";
import { packageRoot } from "../provider/packageRoot";
import { startProviderHost } from "../testing/providerHost";
import { serializeProvider } from "../testing/serializeProvider";
import { pluginLifecycles } from "./plugin";
import { type BenchReport, median } from "./report";

export async function benchBasics(report: BenchReport): Promise<void> {
  const emu = await startEmulator({ port: 0 });
  const host = await startProviderHost({ cwd: packageRoot(), project: "bench", env: { PILOT_STATUS_API_KEY: "" } });
  try {
    const serialized = await serializeProvider(loaderFor("WhatsAppNumber"));
    report.record(
      "__provider size in state",
      Buffer.byteLength(serialized),
      "B",
      { kind: "bound", value: 4096, label: "4 KiB" },
      { maxRatio: 1 },
    );

    // The same four steps through the host (gRPC, check, outputs) and straight through the client: the host's overhead.
    await host.configure({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url });
    const client = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url });
    const viaHost: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < 30; i++) {
      const urn = host.urn("pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber", `n${i}`);
      let t = performance.now();
      const { inputs } = await host.check(
        urn,
        {},
        { name: `Bench ${i}`, number: `+55119${String(i).padStart(8, "0")}`, __provider: serialized },
      );
      const created = await host.create(urn, inputs);
      await host.read(created.id, urn, created.properties, inputs);
      await host.delete(created.id, urn, created.properties);
      viaHost.push(performance.now() - t);

      t = performance.now();
      const made = await client.createNumber({ name: `Direct ${i}`, number: `+55118${String(i).padStart(8, "0")}` });
      await client.getNumber(made.instance.id);
      await client.getNumber(made.instance.id);
      await client.deleteNumber(made.instance.id);
      direct.push(performance.now() - t);
    }
    // The host adds gRPC, check and the serialized loader to the same four requests (the client alone is printed beside).
    report.record(
      `create+read+delete through the host, median (client alone: ${median(direct).toFixed(1)} ms)`,
      median(viaHost),
      "ms",
      { kind: "bound", value: 50, label: "50 ms, the goal since 0.1" },
      { maxRatio: 1 },
    );

    // The same four steps through the provider plugin's own process (the bin the engine runs), beside the host's.
    const viaPlugin = await pluginLifecycles(emu.url, emu.tenantKey, 30);
    report.record(
      `create+read+delete through the provider plugin, median (the dynamic host: ${median(viaHost).toFixed(1)} ms)`,
      median(viaPlugin),
      "ms",
      { kind: "baseline", value: median(viaHost), label: "the dynamic host, this run" },
      { maxRatio: 1.5 },
    );

    // Paging: without a next-cursor the walk ends on a short page, so floor(n/100)+1 requests is the least possible.
    // The API's only cursor is a strict `before` instant, so a walk that never skips calls sharing a createdAt must
    // re-read the boundary call of each page: at most one request more per 9,900 calls (1090 is such a case).
    for (const [i, n] of [1000, 1090].entries()) {
      const number = await emu.control.createNumber({ name: `Calls ${n}`, number: `+551190000999${i}`, state: "OPEN" });
      await emu.control.addCalls(number.id, { count: n });
      const calls = new PilotStatusClient({ apiKey: number.numberKey, baseUrl: emu.url });
      await emu.control.resetRequests();
      let seen = 0;
      for await (const _call of calls.iterateCalls({ pageSize: 100 })) seen++;
      if (seen !== n) throw new Error(`paging saw ${seen} calls, expected ${n}`);
      report.record(
        `requests to page ${n} calls`,
        (await emu.control.requests()).total,
        "req",
        { kind: "bound", value: Math.floor(n / 100) + 1, label: "floor(n/100)+1, the least possible" },
        { maxRatio: 1.1 },
      );
    }
  } finally {
    await host.stop();
    await emu.stop();
  }
}
