import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { AdaptiveLimiter } from "./adaptiveLimiter";

async function runTasks(limiter: AdaptiveLimiter, count: number, during?: (i: number) => void) {
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiter.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        order.push(i);
        during?.(i);
        await sleep(2);
        active -= 1;
      }),
    ),
  );
  return { peak, order };
}

describe("AdaptiveLimiter", () => {
  it("never runs more than its concurrency at once, and runs everything", async () => {
    const { peak, order } = await runTasks(new AdaptiveLimiter(3), 20);
    expect(peak).toBe(3);
    expect(order).toHaveLength(20);
  });

  it("halves its concurrency on a 429 and never goes below 1; other retries do not slow it", () => {
    const l = new AdaptiveLimiter(8);
    l.noteRetry({ status: 503, delayMs: 0 });
    expect(l.limit).toBe(8);
    l.noteRetry({ status: 429, delayMs: 0 });
    expect(l.limit).toBe(4);
    for (let i = 0; i < 5; i++) l.noteRetry({ status: 429, delayMs: 0 });
    expect(l.limit).toBe(1);
    expect(l.lowest).toBe(1);
    expect(l.retries).toBe(7);
    expect(l.rateLimited).toBe(6);
  });

  it("after a 429 starts no new task until the pause is over, with one task at a time", async () => {
    const l = new AdaptiveLimiter(2);
    let pausedAt = 0;
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        l.run(async () => {
          startedAt[i] = Date.now();
          if (i === 0) {
            pausedAt = Date.now();
            l.noteRetry({ status: 429, delayMs: 150 });
          }
          await sleep(5);
        }),
      ),
    );
    // Task 1 was already running; tasks 2.. waited for the pause.
    for (const t of startedAt.slice(2)) expect(t).toBeGreaterThanOrEqual(pausedAt + 150 - 5);
    expect(l.lowest).toBe(1);
  });

  it("climbs back towards its maximum after a run of successes", async () => {
    const l = new AdaptiveLimiter(4);
    l.noteRetry({ status: 429, delayMs: 0 });
    l.noteRetry({ status: 429, delayMs: 0 });
    expect(l.limit).toBe(1);
    await runTasks(l, 40);
    expect(l.limit).toBe(4);
  });

  it("refuses a concurrency below 1", () => {
    expect(() => new AdaptiveLimiter(0)).toThrowError(RangeError);
  });
});
