import { describe, expect, it } from "vitest";
import { ASSUMED, NumberList } from "pulumi-pilotstatus/contract";
import { useEmulator } from "../test/support/emulator";
import { obj, request } from "../test/support/http";

const emu = useEmulator();
const list = () => request(emu.url, "GET", "/v1/numbers", { key: emu.tenantKey });
const names = async () => NumberList.parse((await list()).body).map((n) => n.name);
const create = (name: string, number: string) => request(emu.url, "POST", "/v1/numbers", { key: emu.tenantKey, body: { name, number } });

describe("injected faults", () => {
  it("answers with the given status, with Retry-After only when asked, then recovers", async () => {
    await emu.control.fault({ path: "/v1/numbers", method: "GET", count: 2, status: 503, retryAfter: 2 });
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 429 });
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 503, retryAfter: "Wed, 21 Oct 2037 07:28:00 GMT" });
    for (let i = 0; i < 2; i++) {
      const r = await list();
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBe("2");
      expect(obj(r.body)).toHaveProperty("code");
    }
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(obj(limited.body).code).toBe(ASSUMED.errorCodes.rateLimited);
    const dated = await list();
    expect(dated.headers.get("retry-after")).toBe("Wed, 21 Oct 2037 07:28:00 GMT");
    expect((await list()).status).toBe(200);
  });

  it("matches method, exact route patterns and '*' prefixes", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511966660000" });
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, status: 500 });
    expect((await list()).status).toBe(200);
    await emu.control.fault({ path: "/v1/numbers/:id", count: 1, status: 502, body: { error: "Bad gateway", code: "X" } });
    const viaPattern = await request(emu.url, "GET", `/v1/numbers/${n.id}`, { key: emu.tenantKey });
    expect(viaPattern.status).toBe(502);
    expect(viaPattern.body).toEqual({ error: "Bad gateway", code: "X" });
    await emu.control.fault({ path: "/v1/numbers/*", count: 1, status: 504 });
    expect((await list()).status).toBe(200);
    expect((await request(emu.url, "GET", `/v1/numbers/${n.id}/status`, { key: emu.tenantKey })).status).toBe(504);
    expect((await create("B", "+5511966660001")).status).toBe(500);
    expect(await names()).toEqual(["A"]);
  });

  it("adds latency and then serves the request", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 1, latencyMs: 150 });
    const t0 = Date.now();
    const r = await list();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.status).toBe(200);
  });

  it("drops the connection before the handler: nothing is created", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "before" });
    await expect(create("Lost", "+5511966660002")).rejects.toThrow();
    expect(await names()).toEqual([]);
  });

  it("drops the connection after the handler: the number exists", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "after" });
    await expect(create("Ghost", "+5511966660003")).rejects.toThrow();
    expect(await names()).toEqual(["Ghost"]);
    expect((await create("Ghost", "+5511966660003")).status).toBe(409);
  });

  it("clears pending faults", async () => {
    await emu.control.fault({ count: 5, status: 500 });
    await emu.control.clearFaults();
    expect((await list()).status).toBe(200);
  });
});

describe("rate limiter", () => {
  it("answers 429 RATE_LIMITED with Retry-After per key once the bucket is empty", async () => {
    await emu.control.rateLimit({ enabled: true, perSecond: 1 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const r = await list();
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get(ASSUMED.headers.retryAfter);
        expect(obj(r.body)).toEqual({ error: "Too many requests", code: ASSUMED.errorCodes.rateLimited });
      }
    }
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another key has its own bucket.
    expect((await request(emu.url, "GET", "/v1/numbers", { key: emu.otherTenantKey })).status).toBe(200);
    await emu.control.rateLimit({ enabled: false });
    expect((await list()).status).toBe(200);
  });
});

describe("request counts", () => {
  it("counts public requests by route pattern, including errors and faults, but not control calls", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511966660004" });
    await emu.control.resetRequests();
    await list();
    await list();
    await request(emu.url, "GET", "/v1/numbers"); // 401
    await request(emu.url, "GET", `/v1/numbers/${n.id}`, { key: emu.tenantKey });
    await request(emu.url, "GET", "/v1/numbers/wa_missing", { key: emu.tenantKey }); // 404
    await emu.control.fault({ method: "POST", count: 1, status: 503 });
    await create("B", "+5511966660005"); // fault
    await request(emu.url, "GET", "/v1/unknown", { key: emu.tenantKey });
    await emu.control.state();
    expect(await emu.control.requests()).toEqual({
      counts: {
        "GET /v1/numbers": 3,
        "GET /v1/numbers/:id": 2,
        "POST /v1/numbers": 1,
        "GET /v1/unknown": 1,
      },
      total: 7,
      // By key: only requests that presented a valid key and reached auth (not the 401, the fault, the unknown route).
      byKey: { [emu.tenantKeyId]: 4 },
    });
  });
});
