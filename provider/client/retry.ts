/**
 * Retry policy, as pure functions so that the decisions can be tested without a clock:
 * which failures are retried, and how long to wait before the next attempt.
 */

export interface RetryOptions {
  /** Maximum number of retries after the first attempt (default 4). */
  limit?: number;
  /** Base of the exponential backoff (default 500 ms). */
  baseDelayMs?: number;
  /** Upper bound of one wait, also caps a server's Retry-After (default 30 s). */
  maxDelayMs?: number;
  /** No retry is started if it would end later than this after the first attempt (default 60 s). */
  maxTotalMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalMs: 60_000,
};

export function resolveRetryPolicy(options: RetryOptions | undefined): RetryPolicy {
  const p: RetryPolicy = { ...DEFAULT_RETRY, ...stripUndefined(options ?? {}) };
  for (const [name, value] of Object.entries(p)) {
    if (!Number.isFinite(value) || value < 0) {
      const got = typeof value === "number" ? String(value) : typeof value;
      throw new RangeError(`retry.${name} must be a non-negative number (got ${got})`);
    }
  }
  p.limit = Math.floor(p.limit);
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What happened on one attempt, as far as retrying is concerned. */
export type AttemptOutcome =
  | { type: "status"; status: number }
  /** `connected`: false when the request certainly never reached the server (refused, DNS). */
  | { type: "network"; connected: boolean; timedOut: boolean };

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** GET and DELETE can be repeated; POST only when the server said it did not process it (429). */
export function isIdempotent(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "DELETE";
}

export function shouldRetry(method: string, outcome: AttemptOutcome): boolean {
  if (outcome.type === "status") {
    if (outcome.status === 429) return true;
    return isIdempotent(method) && RETRYABLE_STATUSES.has(outcome.status);
  }
  return isIdempotent(method);
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP-date. Undefined when absent or
 * unparseable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Full-jitter exponential backoff: uniform in [0, min(maxDelay, base·2^retry)]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Wait before retry number `retry` (0-based): the server's Retry-After if given, capped; else backoff. */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | undefined,
  nowMs: number,
  random: () => number = Math.random,
): number {
  const asked = parseRetryAfter(retryAfter, nowMs);
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  return backoffDelay(retry, policy, random);
}

/** Information given to an `onRetry` hook. Never carries headers or the key. */
export interface RetryEvent {
  method: string;
  path: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  status?: number;
  networkCode?: string;
  /** Retry-After header value as sent by the server, if any. */
  retryAfter?: string;
}
