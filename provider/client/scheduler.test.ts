/** The per-key scheduler: one per key per process, a 429 pauses every request on that key and only on that key. */
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { PilotStatusClient } from "./client";
import { schedulerFor } from "./scheduler";

const emu = useEmulator();

describe("one scheduler per key per process", () => {
  it("clients of one key share it; another key or another origin has its own", () => {
    const a = new PilotStatusClient({ apiKey: "ps_same", baseUrl: "http://127.0.0.1:1" });
    const b = new PilotStatusClient({ apiKey: "ps_same", baseUrl: "http://127.0.0.1:1/" });
    expect(schedulerFor("http://127.0.0.1:1", "ps_same")).toBe(schedulerFor("http://127.0.0.1:1", "ps_same"));
    expect(schedulerFor("http://127.0.0.1:1", "ps_other")).not.toBe(schedulerFor("http://127.0.0.1:1", "ps_same"));
    expect(schedulerFor("http://127.0.0.1:2", "ps_same")).not.toBe(schedulerFor("http://127.0.0.1:1", "ps_same"));
    expect(a.baseUrl).toBe(b.baseUrl);
  });

  it("a 429 seen by one client pauses another client of the same key, not a client of another key", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 429, retryAfter: 1 });
    let sawLimit!: () => void;
    const limited = new Promise<void>((r) => (sawLimit = r));
    const first = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url, onRetry: () => sawLimit() });
    const sameKey = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url });
    const otherKey = new PilotStatusClient({ apiKey: emu.otherTenantKey, baseUrl: emu.url });
    const firstDone = first.listNumbers();
    await limited;
    const pausedAt = Date.now();
    const same = sameKey.getNumber("wa_missing").then(
      () => Date.now(),
      () => Date.now(),
    );
    await otherKey.listNumbers();
    // The other key's request was answered while the first key is still paused: nothing of the first key went out.
    const seen = (await emu.control.requests()).counts;
    expect(seen["GET /v1/numbers/:id"] ?? 0).toBe(0);
    expect(seen["GET /v1/numbers"]).toBe(2); // the 429, and the other key's request
    const sameAnsweredAt = await same;
    await firstDone;
    expect((await emu.control.requests()).counts["GET /v1/numbers/:id"]).toBe(1);
    expect(sameAnsweredAt - pausedAt).toBeGreaterThanOrEqual(900);
    expect(schedulerFor(new URL(emu.url).origin, emu.tenantKey).stats.rateLimited).toBe(1);
  });
});
