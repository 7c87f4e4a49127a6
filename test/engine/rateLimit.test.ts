// A stack of many numbers under the service's per-key rate limit, as the real engine drives it (its own parallelism):
// up, refresh and destroy all finish without a 429 reaching the user, with few requests over the minimum.
import { expect, it } from "vitest";
import { describeEngine, requestCounts, useEngine } from "./engineRig";
import { type Declared, NumbersStack, qr } from "./numbersProject";

const COUNT = 60;
const RATE = 20;

describeEngine("engine: rate limit", () => {
  const rig = useEngine();
  const total = async () => Object.values(await requestCounts(rig.emulator)).reduce((a, b) => a + b, 0);

  it(`up, refresh and destroy of ${COUNT} numbers at ${RATE} req/s: nothing fails, the engine's parallelism queues`, async () => {
    const resources: Record<string, Declared> = Object.fromEntries(
      Array.from({ length: COUNT }, (_, i) => [`n${i}`, qr(`Queued ${i}`, `+5541${String(i).padStart(9, "0")}`)]),
    );
    const s = await NumbersStack.create(rig, resources);
    await rig.emulator.control.rateLimit({ enabled: true, perSecond: RATE });

    await rig.emulator.control.resetRequests();
    const up = await s.stack.up();
    expect(up.stdout).toMatch(new RegExp(`\\+ ${COUNT + 1} created`));
    // (Not a bare "429": random number ids may contain it.)
    expect(up.stdout + up.stderr).not.toMatch(/rate limit|got 429|\(429\)/i);
    expect(((await rig.emulator.control.state()).tenants.default?.numbers ?? []).length).toBe(COUNT);
    // POST + read-back per number; a 429 is one more request each, and rare.
    const upRequests = await total();
    expect(upRequests).toBeGreaterThanOrEqual(2 * COUNT);
    expect(upRequests).toBeLessThanOrEqual(2 * COUNT * 1.5);

    await rig.emulator.control.resetRequests();
    const refresh = await s.stack.ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(refresh.stdout).toMatch(new RegExp(`${COUNT + 1} unchanged`));
    expect(await total()).toBeLessThanOrEqual(COUNT * 1.5);

    await rig.emulator.control.resetRequests();
    const destroy = await s.stack.destroy();
    expect(destroy.stdout).toMatch(new RegExp(`- ${COUNT + 1} deleted`));
    expect((await rig.emulator.control.state()).tenants.default?.numbers ?? []).toEqual([]);
    await rig.emulator.control.rateLimit({ enabled: false });
  });
});
