import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, IDEMPOTENT_METHODS, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, resolveRetryPolicy } from "./retry";

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

  it("full jitter: uniform in [0, min(max, base*2^n)]", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.999999)).toBe(99);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(999);
  });

  it("what got is told to retry: 502/503/504 on GET and DELETE, never POST, never 429 (the scheduler's)", () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([502, 503, 504]);
    expect(IDEMPOTENT_METHODS).toContain("GET");
    expect(IDEMPOTENT_METHODS).toContain("DELETE");
    expect(IDEMPOTENT_METHODS as readonly string[]).not.toContain("POST");
  });
});
