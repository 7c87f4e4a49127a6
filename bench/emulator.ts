/**
 * The emulator's own costs, each beside a baseline measured in the same run: a list and a detail at 20,000 numbers
 * against the same at 2,000 (two emulators in this process, requests interleaved, so machine noise hits both alike),
 * a list of 1000 numbers against a bare Fastify route serving the same 1000 objects (the same keep-alive load loop
 * drives both), seeding 20,000 against 2,000, and a page of calls deep in 100,000 against one in 1,000.
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import Fastify from "fastify";
import { startEmulator, type EmulatorHandle } from "pulumi-pilotstatus-emulator";
import { type BenchReport, median } from "./report";

const SMALL = 2_000;
const LARGE = 20_000;
const LIST_SIZE = 1_000;
/** Concurrent keep-alive clients of the throughput loop (2 cores on CI: more only queues). */
const CLIENTS = 4;

/** One GET over a keep-alive agent; resolves with the body once it is all in (200 only). */
function get(agent: Agent, url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url}: HTTP ${res.statusCode} ${body.slice(0, 200)}`));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Milliseconds of one request, sequential (no other request in flight). */
async function timed(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  await get(agent, url, headers);
  return performance.now() - t;
}

/** Completed requests of `CLIENTS` concurrent loops over one keep-alive agent for `ms`. */
async function requestsIn(agent: Agent, url: string, headers: Record<string, string>, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await get(agent, url, headers);
        done++;
      }
    }),
  );
  return done;
}

async function seeded(count: number, running: EmulatorHandle[]): Promise<{ emu: EmulatorHandle; ids: string[] }> {
  const emu = await startEmulator({ port: 0 });
  running.push(emu);
  const { ids } = await emu.control.seed({ count, state: "OPEN" });
  return { emu, ids };
}

export async function benchEmulator(report: BenchReport): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const bare = Fastify({ logger: false });
  const running: EmulatorHandle[] = [];
  try {
    const small = await seeded(SMALL, running);
    const large = await seeded(LARGE, running);
    const key = { "x-api-key": small.emu.tenantKey }; // the same well-known tenant key in every emulator
    const listUrl = (e: EmulatorHandle) => `${e.url}/v1/numbers`;

    // List: whole tenant; alternate sizes, median of each.
    const lists: Record<number, number[]> = { [SMALL]: [], [LARGE]: [] };
    for (let round = 0; round < 16; round++) {
      for (const [size, e] of [
        [SMALL, small.emu],
        [LARGE, large.emu],
      ] as const) {
        const ms = await timed(agent, listUrl(e), key);
        if (round >= 2) lists[size]!.push(ms); // the first rounds warm the JIT
      }
    }
    report.record(
      `GET /v1/numbers at ${LARGE.toLocaleString("en")} numbers, median`,
      median(lists[LARGE]!),
      "ms",
      { kind: "baseline", value: median(lists[SMALL]!), label: `at ${SMALL.toLocaleString("en")} numbers` },
      { maxRatio: 15 },
    );

    // Detail: one number (a different one each time), interleaved, median of many.
    const details: Record<number, number[]> = { [SMALL]: [], [LARGE]: [] };
    for (let i = 0; i < 1200; i++) {
      for (const [size, s] of [
        [SMALL, small],
        [LARGE, large],
      ] as const) {
        const id = s.ids[(i * 7919) % s.ids.length]!;
        const ms = await timed(agent, `${s.emu.url}/v1/numbers/${id}`, key);
        if (i >= 200) details[size]!.push(ms);
      }
    }
    report.record(
      `GET /v1/numbers/{id} at ${LARGE.toLocaleString("en")} numbers, median`,
      median(details[LARGE]!),
      "ms",
      { kind: "baseline", value: median(details[SMALL]!), label: `at ${SMALL.toLocaleString("en")} numbers` },
      { maxRatio: 1.5 },
    );
    await large.emu.stop(); // the rest runs beside no other store

    // Throughput: a tenant of 1000 against a bare Fastify route serializing the same objects (JSON.stringify, as
    // Fastify does for a route without a schema), one load loop for both, alternating rounds.
    const emu = small.emu;
    await emu.control.reset();
    await emu.control.seed({ count: LIST_SIZE, state: "OPEN" });
    const url = `${emu.url}/v1/numbers`;
    const body = await get(agent, url, key);
    const objects = JSON.parse(body) as unknown[];
    if (objects.length !== LIST_SIZE) throw new Error(`listed ${objects.length} numbers, expected ${LIST_SIZE}`);
    bare.get("/v1/numbers", async () => objects);
    await bare.listen({ port: 0, host: "127.0.0.1" });
    const address = bare.server.address();
    const bareUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/v1/numbers`;
    if ((await get(agent, bareUrl, key)) !== body) throw new Error("the bare route does not serve the emulator's bytes");

    await requestsIn(agent, url, key, 500); // warm-up, both
    await requestsIn(agent, bareUrl, key, 500);
    let emuDone = 0;
    let bareDone = 0;
    const ROUNDS = 6;
    const ROUND_MS = 750;
    for (let r = 0; r < ROUNDS; r++) {
      emuDone += await requestsIn(agent, url, key, ROUND_MS);
      bareDone += await requestsIn(agent, bareUrl, key, ROUND_MS);
    }
    const seconds = (ROUNDS * ROUND_MS) / 1000;
    report.record(
      `GET /v1/numbers of ${LIST_SIZE} numbers, ${CLIENTS} keep-alive clients`,
      emuDone / seconds,
      "req/s",
      { kind: "baseline", value: bareDone / seconds, label: "bare Fastify route, same objects" },
      { minRatio: 0.5 },
    );

    // Seeding: one seed call on an emptied store. A small seed's garbage-collection cost lands in one call out of
    // several (2,000 numbers fit in the young generation), so the baseline is the mean of ten small calls in a row,
    // each on an emptied store; median over rounds for both. Linear work still costs more per number at 20,000: each
    // number touches four hash tables (by number id, key id, raw key, phone number) that no longer fit in the CPU
    // caches, so expect ~9-12x on a busy 2-core machine (the quadratic seed this replaced measured ~110x). The goal is
    // the tolerance for linear work (as for the list): 15x for 10x the numbers.
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    const seedTime = async (count: number): Promise<number> => {
      await emu.control.reset();
      const t = performance.now();
      const { ids } = await emu.control.seed({ count });
      const ms = performance.now() - t;
      if (ids.length !== count) throw new Error(`seeded ${ids.length}, expected ${count}`);
      return ms;
    };
    await seedTime(LARGE); // warm-up
    for (let r = 0; r < 7; r++) {
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += await seedTime(SMALL);
      smallMs.push(sum / 10);
      largeMs.push(await seedTime(LARGE));
    }
    report.record(
      `seed ${LARGE.toLocaleString("en")} numbers (one control call), median`,
      median(largeMs),
      "ms",
      { kind: "baseline", value: median(smallMs), label: `${SMALL.toLocaleString("en")} numbers, mean of 10 calls` },
      { maxRatio: 15 },
    );

    // Calls: a page of 100, 90% of the way down 100,000 calls against the same in 1,000.
    await emu.control.reset();
    const pageMs: Record<number, number[]> = {};
    const pages: Array<{ size: number; url: string; headers: Record<string, string> }> = [];
    for (const [i, size] of [1_000, 100_000].entries()) {
      const n = await emu.control.createNumber({ name: `Calls ${size}`, number: `+55119000099${i}0`, state: "OPEN" });
      const newestAt = Date.parse("2026-07-03T15:00:00.000Z");
      await emu.control.addCalls(n.id, { count: size, newestAt: new Date(newestAt).toISOString(), spacingSeconds: 60 });
      // Strictly before call #(0.9 size - 1): the page starts at call #(0.9 size), a full 100 in both.
      const before = new Date(newestAt - (Math.floor(size * 0.9) - 1) * 60_000).toISOString();
      pages.push({
        size,
        url: `${emu.url}/v1/calls?limit=100&before=${encodeURIComponent(before)}`,
        headers: { "x-api-key": n.numberKey },
      });
      pageMs[size] = [];
    }
    for (let i = 0; i < 400; i++) {
      for (const p of pages) {
        const ms = await timed(agent, p.url, p.headers);
        if (i >= 50) pageMs[p.size]!.push(ms);
      }
    }
    report.record(
      "GET /v1/calls?limit=100&before= 90% down 100,000 calls, median",
      median(pageMs[100_000]!),
      "ms",
      { kind: "baseline", value: median(pageMs[1_000]!), label: "the same page in 1,000 calls" },
      { maxRatio: 1.5 },
    );
  } finally {
    agent.destroy();
    await bare.close();
    await Promise.all(running.map((e) => e.stop()));
  }
}
