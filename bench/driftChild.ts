/**
 * One drift audit in a process of its own, for bench/drift.ts: the bench's own memory (the emulator, the exports it
 * wrote) must not count in the audit's peak. Prints one JSON line: CPU time of auditDrift() (process.cpuUsage), the
 * process's peak RSS (VmHWM; maxRSS where there is no /proc), and the report's summary and api counts.
 *
 *   node dist/bench/driftChild.js <stack-file> full|list-only      (PILOT_STATUS_API_KEY, PILOT_STATUS_BASE_URL)
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { auditDrift } from "../provider/drift";

export interface DriftChildResult {
  cpuMs: number;
  wallMs: number;
  peakRssMiB: number;
  summary: Record<string, number>;
  api: Record<string, number>;
}

function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  const apiKey = process.env.PILOT_STATUS_API_KEY;
  const baseUrl = process.env.PILOT_STATUS_BASE_URL;
  if (!file || (mode !== "full" && mode !== "list-only") || !apiKey || !baseUrl) {
    throw new Error("usage: driftChild.js <stack-file> full|list-only, with PILOT_STATUS_API_KEY and PILOT_STATUS_BASE_URL set");
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await auditDrift({ stackFiles: [file], settings: { apiKey, baseUrl }, health: mode === "full" });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result: DriftChildResult = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    peakRssMiB: peakRssMiB(),
    summary: report.summary,
    api: report.api,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
