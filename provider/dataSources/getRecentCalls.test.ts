/** getRecentCalls against the in-process emulator: paging, `since`, key scope, aggregates, validation. */
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { fastRetry } from "../../test/support/retry";
import type { Call } from "../client";
import { normalizePhoneNumber } from "../phoneNumber";
import { getRecentCalls } from "./getRecentCalls";

const emu = useEmulator({ env: true });
const CALLS = "GET /v1/calls";

/** A Meta number (calls need no pairing) with `count` calls, and its key. */
async function numberWithCalls(count: number): Promise<{ id: string; key: string }> {
  const n = await emu.control.createNumber({ name: "Calls", number: `+55119${String(Date.now()).slice(-8)}`, provider: "META" });
  await emu.control.addCalls(n.id, { count, newestAt: "2026-03-01T12:00:00.000Z", spacingSeconds: 90 });
  await emu.control.resetRequests();
  return { id: n.id, key: n.numberKey };
}

/** The emulator's own record of the number's calls, newest first. */
async function storedCalls(numberId: string): Promise<Call[]> {
  const state = await emu.control.state();
  const n = Object.values(state.tenants)
    .flatMap((t) => t.numbers)
    .find((x) => x.id === numberId)!;
  return [...n.calls].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * Pages the API serves for `want` calls: strict `before`, 100 a page, and a cursor at the last call's
 * createdAt + 1 ms (so calls sharing that millisecond are re-read, not skipped: one overlap a page).
 */
function expectedPages(stored: Call[], want: number): number {
  let before = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    const page = stored.filter((c) => Date.parse(c.createdAt) < before).slice(0, 100);
    for (const c of page) seen.add(c.id);
    if (seen.size >= want || page.length < 100) return pages;
    before = Date.parse(page[page.length - 1]!.createdAt) + 1;
  }
}

async function callRequests(): Promise<number> {
  return (await emu.control.requests()).counts[CALLS] ?? 0;
}

describe("getRecentCalls paging", () => {
  it("limit 300 over 350 calls: the 300 newest, each once, newest first, no page beyond", async () => {
    const { id, key } = await numberWithCalls(350);
    const r = await getRecentCalls({ apiKey: key, limit: 300 });
    const expected = (await storedCalls(id)).slice(0, 300);
    expect(r.count).toBe(300);
    expect(r.calls.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(new Set(r.calls.map((c) => c.id)).size).toBe(300);
    expect(await callRequests()).toBe(expectedPages(expected, 300));
  });

  it("limit 1000 over 350 calls: all of them; the short last page ends paging", async () => {
    const { id, key } = await numberWithCalls(350);
    const r = await getRecentCalls({ apiKey: key, limit: 1000 });
    const expected = await storedCalls(id);
    expect(expected).toHaveLength(350);
    expect(r.calls.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(await callRequests()).toBe(expectedPages(expected, 1000));
  });

  it("default limit is 25, in one request of 25", async () => {
    const { id, key } = await numberWithCalls(60);
    const r = await getRecentCalls({ apiKey: key });
    expect(r.calls.map((c) => c.id)).toEqual((await storedCalls(id)).slice(0, 25).map((c) => c.id));
    expect((await emu.control.requests()).counts[CALLS]).toBe(1);
  });

  it("since stops paging at the first older call (fewer requests)", async () => {
    const { id, key } = await numberWithCalls(350);
    const stored = await storedCalls(id);
    const since = stored[149]!.createdAt;
    const r = await getRecentCalls({ apiKey: key, limit: 1000, since });
    expect(r.calls.map((c) => c.id)).toEqual(stored.slice(0, 150).map((c) => c.id));
    expect(r.calls.every((c) => Date.parse(c.createdAt) >= Date.parse(since))).toBe(true);
    const withoutSince = expectedPages(stored, 1000);
    expect(await callRequests()).toBe(expectedPages(stored.slice(0, 150), 1000));
    expect(await callRequests()).toBeLessThan(withoutSince);
  });

  it("before starts strictly before the instant", async () => {
    const { id, key } = await numberWithCalls(50);
    const stored = await storedCalls(id);
    const r = await getRecentCalls({ apiKey: key, before: stored[10]!.createdAt, limit: 5 });
    expect(r.calls.map((c) => c.id)).toEqual(stored.slice(11, 16).map((c) => c.id));
  });

  it("calls sharing a createdAt across a page boundary are neither repeated nor skipped", async () => {
    const n = await emu.control.createNumber({ name: "Ties", number: "+5511966665555", provider: "META" });
    const at = (i: number) => new Date(Date.parse("2026-03-01T12:00:00.000Z") - Math.floor(i / 7) * 1000).toISOString();
    // 7 calls per second: every page boundary falls inside a group of equal createdAt.
    await emu.control.addCalls(n.id, { calls: Array.from({ length: 230 }, (_, i) => ({ createdAt: at(i) })) });
    const r = await getRecentCalls({ apiKey: n.numberKey, limit: 1000 });
    const stored = await storedCalls(n.id);
    expect(r.count).toBe(230);
    expect([...r.calls.map((c) => c.id)].sort()).toEqual(stored.map((c) => c.id).sort());
    for (let i = 1; i < r.calls.length; i++) {
      expect(Date.parse(r.calls[i]!.createdAt)).toBeLessThanOrEqual(Date.parse(r.calls[i - 1]!.createdAt));
    }
  });
});

describe("getRecentCalls result", () => {
  it("aggregates match the returned calls", async () => {
    const { id, key } = await numberWithCalls(140);
    const r = await getRecentCalls({ apiKey: key, limit: 120 });
    const top = (await storedCalls(id)).slice(0, 120);

    const byStatus: Record<string, number> = {};
    const byDirection: Record<string, number> = {};
    for (const c of top) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      byDirection[c.direction] = (byDirection[c.direction] ?? 0) + 1;
    }
    const durations = top.map((c) => c.durationSeconds).filter((s): s is number => typeof s === "number");
    const total = durations.reduce((a, b) => a + b, 0);

    expect(r.aggregates.byStatus).toEqual(byStatus);
    expect(r.aggregates.byDirection).toEqual(byDirection);
    expect(r.aggregates.totalDurationSeconds).toBe(total);
    expect(durations.length).toBeLessThan(120); // the data has calls without a duration
    expect(r.aggregates.averageDurationSeconds).toBeCloseTo(total / durations.length, 9);
    expect(Object.keys(byStatus).length).toBeGreaterThan(1);
  });

  it("average is 0 when no call has a duration; peer numbers come back in E.164", async () => {
    const n = await emu.control.createNumber({ name: "Ringing", number: "+5511955554444", provider: "META" });
    await emu.control.addCalls(n.id, {
      calls: [
        { status: "RINGING", durationSeconds: null, peerNumber: "5511900001111" },
        { status: "INITIATED", durationSeconds: null, peerNumber: "5511900002222" },
      ],
    });
    const r = await getRecentCalls({ apiKey: n.numberKey });
    expect(r.count).toBe(2);
    expect(r.aggregates.totalDurationSeconds).toBe(0);
    expect(r.aggregates.averageDurationSeconds).toBe(0);
    expect(r.calls.map((c) => c.peerNumber).sort()).toEqual(["5511900001111", "5511900002222"].map((d) => normalizePhoneNumber(d)));
  });

  it("the key never appears in the result", async () => {
    const { key } = await numberWithCalls(5);
    const r = await getRecentCalls({ apiKey: key });
    expect(JSON.stringify(r)).not.toContain(key);
  });
});

describe("getRecentCalls keys and errors", () => {
  it("the tenant key alone gets an error that names the apiKey argument", async () => {
    await numberWithCalls(3);
    const e = await caught(getRecentCalls({}, fastRetry));
    expect(e.kind).toBe("forbidden");
    expect(e.status).toBe(403);
    expect(e.code).toBe("TENANT_SCOPE_NOT_ALLOWED");
    expect(e.message).toMatch(/^getRecentCalls: calls need a number-scoped API key/);
    expect(e.message).toContain("pass `apiKey`");
    expect(e.message).toContain("pulumi config set --secret");
    expect(e.message).not.toContain(emu.tenantKey);
  });

  it("a tenant key passed as apiKey is called out as such", async () => {
    const e = await caught(getRecentCalls({ apiKey: emu.tenantKey }, fastRetry));
    expect(e.message).toContain("The `apiKey` argument is tenant-scoped");
    expect(e.message).not.toContain(emu.tenantKey);
  });

  it("the tenant key with numberId reads that number's calls", async () => {
    const { id } = await numberWithCalls(30);
    const r = await getRecentCalls({ numberId: id, limit: 10 });
    expect(r.calls.map((c) => c.id)).toEqual((await storedCalls(id)).slice(0, 10).map((c) => c.id));
  });

  it("numberId of another tenant's number is refused and named", async () => {
    const other = await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511900000003", provider: "META" });
    const e = await caught(getRecentCalls({ numberId: other.id }, fastRetry));
    expect(e.status).toBe(403);
    expect(e.message).toContain(`\`numberId\` "${other.id}" is not a number of its tenant`);
  });

  it("401 for a wrong apiKey, without echoing it", async () => {
    const e = await caught(getRecentCalls({ apiKey: "ps_wrong_number_key" }, fastRetry));
    expect(e.kind).toBe("unauthorized");
    expect(e.message).not.toContain("ps_wrong_number_key");
  });

  it("a QR number that is not connected: the client's 409 message", async () => {
    const n = await emu.control.createNumber({ name: "QR", number: "+5511944443333" });
    const e = await caught(getRecentCalls({ apiKey: n.numberKey }, fastRetry));
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain("pair it");
  });

  it.each([
    [{ limit: 0 }, "`limit` must be at least 1"],
    [{ limit: 10_001 }, "`limit` must be at most 10000"],
    [{ limit: 2.5 }, "`limit` must be an integer"],
    [{ before: "yesterday" }, "`before` must be an ISO 8601 date-time"],
    [{ since: "2026-03-01" }, "`since` must be an ISO 8601 date-time"],
    [{ since: "2026-03-02T00:00:00Z", before: "2026-03-01T00:00:00Z" }, "`since` must be earlier than `before`"],
    [{ apiKey: "" }, "`apiKey` must not be empty"],
    [{ numberId: "" }, "`numberId` must not be empty"],
    [{ limt: 5 }, "unknown argument `limt`"],
  ])("refuses %j before any request", async (args, text) => {
    await emu.control.resetRequests();
    const e = await caught(getRecentCalls(args as never));
    expect(e.kind).toBe("invalid_argument");
    expect(e.message).toContain(`getRecentCalls: ${text}`);
    expect((await emu.control.requests()).total).toBe(0);
  });
});
