/**
 * Bounded concurrency that backs off when the API says 429: it halves the number of requests in
 * flight and starts no new one until the server's Retry-After has passed, then climbs back one
 * slot at a time. The client retries the rate-limited request itself; this keeps the others from
 * piling onto the limit at the same moment (no thundering herd).
 */
import type { RetryEvent } from "../client";

export class AdaptiveLimiter {
  readonly max: number;
  #limit: number;
  #lowest: number;
  #active = 0;
  #pausedUntil = 0;
  #successStreak = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #waiting: Array<() => void> = [];
  #retries = 0;
  #rateLimited = 0;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a whole number >= 1 (got ${max})`);
    this.max = max;
    this.#limit = max;
    this.#lowest = max;
  }

  get limit(): number {
    return this.#limit;
  }
  get lowest(): number {
    return this.#lowest;
  }
  get retries(): number {
    return this.#retries;
  }
  get rateLimited(): number {
    return this.#rateLimited;
  }

  /** Wire into the client's `onRetry`. */
  readonly noteRetry = (event: Pick<RetryEvent, "status" | "delayMs">): void => {
    this.#retries += 1;
    if (event.status !== 429) return;
    this.#rateLimited += 1;
    this.#successStreak = 0;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#lowest = Math.min(this.#lowest, this.#limit);
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + event.delayMs);
  };

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      const result = await task();
      this.#succeeded();
      return result;
    } finally {
      this.#active -= 1;
      this.#pump();
    }
  }

  #succeeded(): void {
    this.#successStreak += 1;
    if (this.#limit < this.max && this.#successStreak >= this.#limit * 2) {
      this.#limit += 1;
      this.#successStreak = 0;
    }
  }

  #canStart(): boolean {
    return this.#active < this.#limit && Date.now() >= this.#pausedUntil;
  }

  #acquire(): Promise<void> {
    if (this.#waiting.length === 0 && this.#canStart()) {
      this.#active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#waiting.length > 0 && this.#canStart()) {
      this.#active += 1;
      this.#waiting.shift()!();
    }
    const wait = this.#pausedUntil - Date.now();
    if (this.#waiting.length > 0 && wait > 0 && this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, wait);
    }
  }
}
