/** iterateCalls pages past 100 with the before-cursor: every call once, newest first, stops at `since`. */
import { beforeEach, describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { PilotStatusClient } from "./client";
import { PilotStatusError } from "./errors";
import type { Call } from "./schemas";

const emu = useEmulator();
let client: PilotStatusClient;
let numberId: string;

beforeEach(async () => {
  const n = await emu.control.createNumber({ name: "M", number: "+5511900000009", provider: "META" });
  numberId = n.id;
  client = new PilotStatusClient({ apiKey: n.numberKey, baseUrl: emu.url });
  await emu.control.resetRequests();
});

async function all(it: AsyncIterable<Call>): Promise<Call[]> {
  const out: Call[] = [];
  for await (const c of it) out.push(c);
  return out;
}
const pages = async (): Promise<number> => (await emu.control.requests()).counts["GET /v1/calls"] ?? 0;

function expectNewestFirst(calls: Call[]): void {
  const t = calls.map((c) => Date.parse(c.createdAt));
  for (let i = 1; i < t.length; i++) expect(t[i]).toBeLessThanOrEqual(t[i - 1]!);
}

describe("iterateCalls", () => {
  it("yields 260 calls exactly once, newest first, in pages of 100", async () => {
    await emu.control.addCalls(numberId, { count: 260, spacingSeconds: 30 });
    const got = await all(client.iterateCalls({ pageSize: 100 }));
    expect(got).toHaveLength(260);
    expect(new Set(got.map((c) => c.id)).size).toBe(260);
    expectNewestFirst(got);
    const direct = (await client.listCalls({ limit: 100 })).calls;
    expect(got.slice(0, 100).map((c) => c.id)).toEqual(direct.map((c) => c.id));
    expect(await pages()).toBe(4); // 3 for the walk + 1 direct
  });

  it("calls sharing createdAt across a page boundary are neither skipped nor repeated", async () => {
    const base = Date.parse("2026-07-03T15:00:00.000Z");
    const calls = Array.from({ length: 130 }, (_, i) => ({
      id: `call_${String(i).padStart(3, "0")}`,
      // 20 calls (i = 40..59) share one millisecond, straddling the pageSize-50 boundary.
      createdAt: new Date(i >= 40 && i < 60 ? base - 40_000 : base - i * 1000).toISOString(),
    }));
    await emu.control.addCalls(numberId, { calls });
    const got = await all(client.iterateCalls({ pageSize: 50 }));
    expect(got.map((c) => c.id).sort()).toEqual(calls.map((c) => c.id).sort());
    expectNewestFirst(got);
  });

  it("more than 100 calls in one millisecond cannot be paged without skipping → clear error", async () => {
    const at = "2026-07-03T15:00:00.000Z";
    await emu.control.addCalls(numberId, { calls: Array.from({ length: 101 }, (_, i) => ({ id: `call_same_${i}`, createdAt: at })) });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const c of client.iterateCalls({ pageSize: 100 })) seen.push(c.id);
    } catch (e) {
      error = e;
    }
    expect(seen).toHaveLength(100);
    expect(error).toBeInstanceOf(PilotStatusError);
    expect((error as PilotStatusError).kind).toBe("pagination");
  });

  it("stops at `since` without fetching further pages", async () => {
    await emu.control.addCalls(numberId, { count: 260, spacingSeconds: 30 });
    const newest = (await client.listCalls({ limit: 100 })).calls;
    await emu.control.resetRequests();
    const since = newest[24]!.createdAt;
    const got = await all(client.iterateCalls({ pageSize: 10, since }));
    expect(got.map((c) => c.id)).toEqual(newest.slice(0, 25).map((c) => c.id));
    expect(await pages()).toBe(3);
  });

  it("starts strictly before `before`", async () => {
    await emu.control.addCalls(numberId, { count: 30, spacingSeconds: 30 });
    const newest = (await client.listCalls({ limit: 30 })).calls;
    const got = await all(client.iterateCalls({ pageSize: 7, before: newest[9]!.createdAt }));
    expect(got.map((c) => c.id)).toEqual(newest.slice(10).map((c) => c.id));
  });

  it("validates its options before any request", async () => {
    await expect(all(client.iterateCalls({ pageSize: 101 }))).rejects.toMatchObject({ kind: "invalid_argument" });
    await expect(all(client.iterateCalls({ since: "last week" }))).rejects.toMatchObject({ kind: "invalid_argument" });
    expect(await pages()).toBe(0);
  });
});
