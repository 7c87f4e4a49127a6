// Under the service's per-key rate limit, the engine's unbounded parallelism must queue, not fail: every operation
// through one provider host shares the key's scheduler, so a 429 pauses them all and the pace is learned once.
// Counts, not timings (the speed goals are in `npm run bench -- throughput`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Rig, checked, startRig } from "./hostRig";

const COUNT = 80;
const RATE = 40;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.stop();
});

describe("many operations at once under the rate limit", () => {
  it(`${COUNT} creates issued at once at ${RATE} req/s all succeed, with few requests over the minimum`, async () => {
    const inputs = await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        checked(rig, "WhatsAppNumber", `n${i}`, { name: `Queued ${i}`, number: `+5531${String(i).padStart(9, "0")}` }),
      ),
    );
    await rig.emu.control.rateLimit({ enabled: true, perSecond: RATE });
    await rig.emu.control.resetRequests();
    const results = await Promise.allSettled(inputs.map(({ urn, inputs: i }) => rig.host.create(urn, i)));
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));
    expect(failures).toEqual([]);
    const { total, counts } = await rig.emu.control.requests();
    // 2 per create (POST, then read back); each 429 is one more request. Without a shared scheduler most creates fail
    // after their own retries; with it they queue. (Loose bound: this runs beside other tests; the bench has the goal.)
    expect(counts["POST /v1/numbers"]).toBeGreaterThanOrEqual(COUNT);
    expect(total).toBeGreaterThanOrEqual(2 * COUNT);
    expect(total).toBeLessThanOrEqual(2 * COUNT * 1.5);
    const numbers = (await rig.emu.control.state()).tenants.default?.numbers ?? [];
    expect(numbers).toHaveLength(COUNT);

    // A refresh of them all at once, still limited: every read answers, none is taken for "gone".
    await rig.emu.control.resetRequests();
    const created = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const reads = await Promise.all(created.map((c, i) => rig.host.read(c.id, inputs[i]!.urn, c.properties, inputs[i]!.inputs)));
    expect(reads.map((r) => r.id)).toEqual(created.map((c) => c.id));
    const readRequests = (await rig.emu.control.requests()).total;
    expect(readRequests).toBeGreaterThanOrEqual(COUNT);
    expect(readRequests).toBeLessThanOrEqual(COUNT * 1.5);
    await rig.emu.control.rateLimit({ enabled: false });
  });
});
