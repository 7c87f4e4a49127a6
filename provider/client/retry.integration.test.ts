/** Retries, timeouts and outcome-unknown POSTs against injected emulator faults (counts, not timings). */
import { createServer } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { PilotStatusClient, type PilotStatusClientOptions } from "./client";
import { PilotStatusError } from "./errors";
import { forgetRateLimits } from "./scheduler";
import type { RetryEvent } from "./retry";

const emu = useEmulator();
let events: RetryEvent[];

beforeEach(() => {
  events = [];
  forgetRateLimits();
});

const client = (o: Partial<PilotStatusClientOptions> = {}) =>
  new PilotStatusClient({
    apiKey: emu.tenantKey,
    baseUrl: emu.url,
    retry: { limit: 4, baseDelayMs: 1, maxDelayMs: 20, ...o.retry },
    onRetry: (e) => events.push(e),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  });

const count = async (key: string): Promise<number> => (await emu.control.requests()).counts[key] ?? 0;

describe("GET retries", () => {
  for (const status of [502, 503, 504]) {
    it(`retries ${status} and succeeds`, async () => {
      await emu.control.fault({ method: "GET", path: "/v1/numbers", count: 2, status });
      expect(await client().listNumbers()).toEqual([]);
      expect(await count("GET /v1/numbers")).toBe(3);
      expect(events.map((e) => e.status)).toEqual([status, status]);
    });
  }

  it("does not retry 500 or 4xx", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 500 });
    expect((await caught(client().listNumbers())).kind).toBe("server");
    expect(await count("GET /v1/numbers")).toBe(1);
  });

  it("retries a dropped connection", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/numbers", count: 1, drop: "before" });
    expect(await client().listNumbers()).toEqual([]);
    expect(await count("GET /v1/numbers")).toBe(2);
    expect(events[0]!.networkCode).toBeTruthy();
  });

  it("honours Retry-After seconds, capped by maxDelayMs", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 429, retryAfter: 1 });
    await client().listNumbers();
    expect(await count("GET /v1/numbers")).toBe(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 429, retryAfter: "1", delayMs: 20 });
  });

  it("honours Retry-After 0 (retry at once)", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 2, status: 503, retryAfter: 0 });
    await client().listNumbers();
    expect(events.map((e) => e.delayMs)).toEqual([0, 0]);
  });

  it("honours Retry-After as an HTTP-date (future capped, past = now)", async () => {
    const future = new Date(Date.now() + 120_000).toUTCString();
    const past = new Date(Date.now() - 120_000).toUTCString();
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 429, retryAfter: future });
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 429, retryAfter: past });
    await client().listNumbers();
    expect(await count("GET /v1/numbers")).toBe(3);
    expect(events.map((e) => [e.retryAfter, e.delayMs])).toEqual([
      [future, 20],
      [past, 0],
    ]);
  });

  it("copes with a 429 without Retry-After (jittered backoff within the cap)", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 3, status: 429 });
    await client({ retry: { baseDelayMs: 4, maxDelayMs: 10 } }).listNumbers();
    expect(await count("GET /v1/numbers")).toBe(4);
    expect(events.map((e) => e.retryAfter)).toEqual([undefined, undefined, undefined]);
    const caps = [4, 8, 10];
    events.forEach((e, i) => {
      expect(e.delayMs).toBeGreaterThanOrEqual(0);
      expect(e.delayMs).toBeLessThan(caps[i]!);
    });
  });

  it("gives up after the retry cap and says how many retries", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 10, status: 503 });
    const e = await caught(client({ retry: { limit: 2 } }).listNumbers());
    expect(e.kind).toBe("server");
    expect(e.retries).toBe(2);
    expect(e.message).toMatch(/after 2 retries/);
    expect(await count("GET /v1/numbers")).toBe(3);
  });

  it("429s do not count against the retry limit: the request waits its turn until the key is served", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 6, status: 429, retryAfter: 0 });
    expect(await client({ retry: { limit: 1 } }).listNumbers()).toEqual([]);
    expect(await count("GET /v1/numbers")).toBe(7);
    expect(events.map((e) => e.status)).toEqual([429, 429, 429, 429, 429, 429]);
  });

  it("429 that never clears → rate_limited once nothing on the key was served for maxTotalMs, pace halved each time", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 1000, status: 429, retryAfter: 0 });
    const e = await caught(client({ retry: { maxTotalMs: 600 } }).listNumbers());
    expect(e.kind).toBe("rate_limited");
    expect(e.status).toBe(429);
    expect(e.message).toMatch(/no request with this key was served for 0\.\d s.*wait, then run again/);
    // Each 429 that let nothing through halves the pace (20/s, 10/s, 5/s...): a handful of attempts, not a tight loop.
    const sent = await count("GET /v1/numbers");
    expect(sent).toBeGreaterThan(2);
    expect(sent).toBeLessThan(12);
  });

  it("the emulator's own rate limiter (429 + Retry-After): every request succeeds, few 429s", async () => {
    await emu.control.rateLimit({ enabled: true, perSecond: 20 });
    const c = client({ retry: { maxDelayMs: 2_000 } });
    const results = await Promise.all(Array.from({ length: 60 }, () => c.listNumbers()));
    await emu.control.rateLimit({ enabled: false });
    expect(results).toHaveLength(60);
    const sent = await count("GET /v1/numbers");
    expect(sent).toBeGreaterThanOrEqual(60);
    expect(sent - 60).toBe(events.filter((e) => e.status === 429).length);
    expect(sent).toBeLessThanOrEqual(66);
  });

  it("stops when the next wait would exceed maxTotalMs", async () => {
    await emu.control.fault({ path: "/v1/numbers", count: 5, status: 503, retryAfter: 10 });
    const e = await caught(client({ retry: { maxDelayMs: 10_000, maxTotalMs: 500 } }).listNumbers());
    expect(e.retries).toBe(0);
    expect(await count("GET /v1/numbers")).toBe(1);
  });
});

describe("POST is never blindly repeated", () => {
  const body = { name: "P", number: "+5511955554444" };

  it("5xx → outcomeUnknown, exactly one POST", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 3, status: 503 });
    const e = await caught(client().createNumber(body));
    expect(e.outcomeUnknown).toBe(true);
    expect(PilotStatusError.isOutcomeUnknown(e)).toBe(true);
    expect(e.message).toMatch(/outcome is unknown/);
    expect(await count("POST /v1/numbers")).toBe(1);
  });

  it("dropped after processing → outcomeUnknown, one POST, and the number does exist", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 3, drop: "after" });
    const e = await caught(client().createNumber(body));
    expect(e.kind).toBe("network");
    expect(e.outcomeUnknown).toBe(true);
    expect(await count("POST /v1/numbers")).toBe(1);
    expect((await client().listNumbers()).map((n) => n.number)).toEqual(["5511955554444"]);
  });

  it("dropped before → still one POST, outcomeUnknown", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 3, drop: "before" });
    const e = await caught(client().createNumber(body));
    expect(e.outcomeUnknown).toBe(true);
    expect(await count("POST /v1/numbers")).toBe(1);
  });

  it("429 on POST is retried (the server did not process it)", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 2, status: 429, retryAfter: 0 });
    const created = await client().createNumber(body);
    expect(created.instance.number).toBe("5511955554444");
    expect(await count("POST /v1/numbers")).toBe(3);
  });

  it("timeout on POST → outcomeUnknown, one POST", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 3, latencyMs: 400 });
    const e = await caught(client({ timeoutMs: 100 }).createNumber(body));
    expect(e.kind).toBe("timeout");
    expect(e.outcomeUnknown).toBe(true);
    expect(await count("POST /v1/numbers")).toBe(1);
  });
});

describe("timeouts and unreachable hosts", () => {
  it("a slow GET times out, is retried, and the retry succeeds", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/numbers", count: 1, latencyMs: 400 });
    expect(await client({ timeoutMs: 100 }).listNumbers()).toEqual([]);
    expect(await count("GET /v1/numbers")).toBe(2);
    expect(events[0]!.networkCode).toBe("ETIMEDOUT");
  });

  it("a GET that always times out → timeout error after the retries", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/numbers", count: 5, latencyMs: 400 });
    const e = await caught(client({ timeoutMs: 100, retry: { limit: 1 } }).listNumbers());
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/did not answer .* within 100 ms/);
    expect(e.retries).toBe(1);
    expect(await count("GET /v1/numbers")).toBe(2);
  });

  it("connection refused → network error naming the base URL; a refused POST is not outcome-unknown", async () => {
    const port = await closedPort();
    const c = new PilotStatusClient({ apiKey: "ps_x", baseUrl: `http://127.0.0.1:${port}`, retry: { limit: 2, baseDelayMs: 1 } });
    const e = await caught(c.listNumbers());
    expect(e.kind).toBe("network");
    expect(e.networkCode).toBe("ECONNREFUSED");
    expect(e.retries).toBe(2);
    expect(e.message).toMatch(new RegExp(`Could not reach Pilot Status at http://127.0.0.1:${port}.*after 2 retries`));
    const p = await caught(c.createNumber({ name: "N", number: "+5511900000001" }));
    expect(p.outcomeUnknown).toBe(false);
    expect(p.retries).toBe(0);
  });
});

describe("response shape", () => {
  it("a body that does not match the schema → unexpected_response naming the path", async () => {
    await emu.control.fault({
      path: "/v1/numbers",
      count: 1,
      status: 200,
      body: [{ id: "wa_1", name: "A", number: "1", provider: "X", state: 7, isFullyConnected: true }],
    });
    const e = await caught(client().listNumbers());
    expect(e.kind).toBe("unexpected_response");
    expect(e.message).toMatch(/unexpected shape on GET \/v1\/numbers/);
    expect(e.message).toMatch(/0\.state/);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
