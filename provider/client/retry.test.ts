import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, backoffDelay, parseRetryAfter, resolveRetryPolicy, retryDelay, shouldRetry } from "./retry";

const now = Date.parse("2026-07-03T15:00:00.000Z");
const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });

describe("retry policy", () => {
  it("defaults: 4 retries, 60 s total", () => {
    expect(resolveRetryPolicy(undefined)).toEqual(DEFAULT_RETRY);
    expect(DEFAULT_RETRY.limit).toBe(4);
    expect(DEFAULT_RETRY.maxTotalMs).toBe(60_000);
    expect(() => resolveRetryPolicy({ limit: -1 })).toThrow(/retry.limit/);
  });

  it("parses Retry-After as seconds or HTTP-date, ignores garbage", () => {
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("Retry-After wins over backoff but is capped by maxDelayMs", () => {
    expect(retryDelay(0, policy, "0", now, () => 0.99)).toBe(0);
    expect(retryDelay(0, policy, "1", now, () => 0.99)).toBe(1_000);
    expect(retryDelay(0, policy, "120", now, () => 0.99)).toBe(1_000);
    expect(retryDelay(3, policy, new Date(now + 400).toUTCString(), now)).toBeLessThanOrEqual(1_000);
  });

  it("full jitter: uniform in [0, min(max, base*2^n)]", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.999999)).toBe(99);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(999);
    expect(retryDelay(1, policy, undefined, now, () => 0.5)).toBe(100);
  });

  it("POST only on 429; GET/DELETE on 429/502/503/504 and network errors", () => {
    for (const s of [429, 502, 503, 504]) expect(shouldRetry("GET", { type: "status", status: s })).toBe(true);
    for (const s of [400, 401, 404, 409, 500, 501]) expect(shouldRetry("GET", { type: "status", status: s })).toBe(false);
    expect(shouldRetry("POST", { type: "status", status: 429 })).toBe(true);
    for (const s of [500, 502, 503, 504]) expect(shouldRetry("POST", { type: "status", status: s })).toBe(false);
    expect(shouldRetry("POST", { type: "network", connected: true, timedOut: false })).toBe(false);
    expect(shouldRetry("POST", { type: "network", connected: true, timedOut: true })).toBe(false);
    expect(shouldRetry("GET", { type: "network", connected: true, timedOut: true })).toBe(true);
    expect(shouldRetry("DELETE", { type: "network", connected: false, timedOut: false })).toBe(true);
  });
});
