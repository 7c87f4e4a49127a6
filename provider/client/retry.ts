/**
 * The retry policy: what got is told to retry (http.ts hands these to got's own retry options) and the pure
 * functions for how long to wait, testable without a clock. A 429 is not in these lists: it is always retried,
 * through the key's scheduler, for as long as the key is making progress.
 */

export interface RetryOptions {
  /** Retries of a transient failure (502/503/504, a network error or timeout on GET/DELETE) (default 4). 429s do not count. */
  limit?: number;
  /** Base of the exponential backoff (default 500 ms). */
  baseDelayMs?: number;
  /** Upper bound of one wait, also caps a server's Retry-After (default 30 s). */
  maxDelayMs?: number;
  /**
   * Transient failures: no retry is started if it would end later than this after the first attempt, and a
   * Retry-After longer than this is not waited for. 429s: the request gives up once nothing on its key has been
   * served for this long (default 60 s); waiting in a queue that moves never fails a request.
   */
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

/** Statuses retried on GET and DELETE (a 5xx on POST leaves its outcome unknown; 429 goes through the scheduler). */
export const RETRYABLE_STATUSES: readonly number[] = [502, 503, 504];

/** Methods that can be repeated after a transient failure: POST cannot (the first one may have been applied). */
export const IDEMPOTENT_METHODS = ["GET", "HEAD", "DELETE"] as const;

/** Codes that mean the connection was never made, so even a POST cannot have been processed. */
export const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Network errors retried on GET and DELETE: got's defaults plus an unreachable host. */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
  "ETIMEDOUT",
  "ECONNRESET",
  "EADDRINUSE",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EHOSTUNREACH",
];

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

/** Information given to an `onRetry` hook. Never carries headers or the key. */
export interface RetryEvent {
  method: string;
  path: string;
  /** 1 for the first retry. */
  retry: number;
  /** The wait before this retry: the backoff or Retry-After, or after a 429 the pause of every request on the key. */
  delayMs: number;
  status?: number;
  networkCode?: string;
  /** Retry-After header value as sent by the server, if any. */
  retryAfter?: string;
}
