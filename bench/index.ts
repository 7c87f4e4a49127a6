/**
 * `npm run bench`: speed and memory of what users wait for, against the emulator on 127.0.0.1. Every figure is printed
 * beside its baseline (measured in the same run) or its bound, and the whole table is written as JSON
 * (`PILOT_STATUS_BENCH_JSON`, default bench-results.json) for comparing runs. `npm run bench -- <group>...` runs some.
 */
import { resolve } from "node:path";
import { BenchReport } from "./report";
import { benchBasics } from "./basics";
import { benchThroughput } from "./throughput";
import { benchEmulator } from "./emulator";
import { benchDrift } from "./drift";

export type BenchModule = (report: BenchReport) => Promise<void>;

/** Every bench group, in the order they run. */
const MODULES: Record<string, BenchModule> = {
  basics: benchBasics,
  throughput: benchThroughput,
  emulator: benchEmulator,
  drift: benchDrift,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in MODULES));
  if (unknown.length > 0) {
    console.error(`unknown bench group ${unknown.join(", ")}; groups: ${Object.keys(MODULES).join(", ")}`);
    process.exit(2);
  }
  const report = new BenchReport();
  for (const [name, run] of Object.entries(MODULES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    report.group(name);
    console.error(`bench: ${name}...`);
    await run(report);
  }
  console.log(report.table());
  const out = resolve(process.env.PILOT_STATUS_BENCH_JSON ?? "bench-results.json");
  await report.writeJson(out, { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString() });
  console.error(`bench: figures written to ${out}`);
  if (report.missed.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(2);
});
