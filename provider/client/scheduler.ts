/**
 * One request scheduler per API key per process. The service rate-limits per key, so every request on a key (every
 * resource operation of the provider host, every data source of a program, the drift audit) takes its turn here:
 * a 429 pauses them all for its Retry-After, and the pace is learned from the service instead of guessed.
 *
 * Pacing: before any 429 the pace ramps up (doubling every RAMP_DOUBLING_MS while requests are waiting), so a
 * burst from the engine's unbounded parallelism reaches the limit gently instead of all at once. At the first 429 of
 * an epoch, the pace becomes what the service really let through over that epoch including the pause it asked for
 * (served / (elapsed + pause)): for a token bucket that is its refill rate, whatever its burst. While requests are
 * waiting and no 429 comes, the pace creeps up (PROBE_DOUBLING_MS), so a raised limit is found again. 429s of
 * requests sent before the epoch changed are stale: they are retried but teach nothing (they would halve the pace
 * over and over for one event).
 */
import { createHash } from "node:crypto";

/** Pace before the service has said anything, in requests per second. */
const INITIAL_RATE = 20;
/** Before the first 429: how fast the pace doubles while requests wait. */
const RAMP_DOUBLING_MS = 100;
/** After a 429: how slowly the pace creeps back up while requests wait (about +10 % a second). */
const PROBE_DOUBLING_MS = 7_300;
const MAX_RATE = 10_000;
/** Never slower than one request every 30 s (a 429 that lets nothing through halves the pace). */
const MIN_RATE = 1 / 30;
/** Requests a late timer may catch up at once, so timer jitter does not slow the pace. */
const CATCH_UP = 2;
/** In flight at once on one key: a bound on sockets, not a guess at the limit. */
const MAX_IN_FLIGHT = 64;

/** One turn: which epoch it was granted in (to tell a fresh 429 from a stale one). */
export interface Turn {
  readonly epoch: number;
  done: boolean;
}

export interface SchedulerStats {
  /** Turns granted (attempts sent). */
  readonly sent: number;
  /** Answers that were 429. */
  readonly rateLimited: number;
  /** The pace now, requests per second; undefined before the service has rate-limited this key. */
  readonly learnedRate: number | undefined;
  /** Total time paused on a Retry-After (or its substitute), ms. */
  readonly pausedMs: number;
}

interface Waiter {
  resolve: (turn: Turn) => void;
}

export class KeyScheduler {
  readonly #queue: (Waiter | undefined)[] = [];
  #head = 0;
  #inFlight = 0;
  #rate = INITIAL_RATE;
  #learned = false;
  #nextAt = 0;
  #pausedUntil = 0;
  #grownAt = Date.now();
  #epoch = 0;
  #epochStart = Date.now();
  #epochServed = 0;
  #lastSentAt = 0;
  #lastServedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #sent = 0;
  #rateLimited = 0;
  #pausedMs = 0;

  /** When this key last got an answer that was not a 429 (ms since epoch; 0 = never). */
  get lastServedAt(): number {
    return this.#lastServedAt;
  }

  get stats(): SchedulerStats {
    return {
      sent: this.#sent,
      rateLimited: this.#rateLimited,
      learnedRate: this.#learned ? this.#rate : undefined,
      pausedMs: this.#pausedMs,
    };
  }

  /** Waits for this key's next turn. Every turn must end with served(), rateLimited() or failed(). */
  turn(): Promise<Turn> {
    if (this.#inFlight === 0 && this.#waiting() === 0) {
      // Idle: the service's bucket has refilled, so what is served from now on starts a new measurement.
      this.#epochStart = Math.max(Date.now(), this.#pausedUntil);
      this.#epochServed = 0;
    }
    return new Promise<Turn>((resolve) => {
      this.#queue.push({ resolve });
      this.#pump();
    });
  }

  /** The answer was not a 429: the service spent its capacity on it. */
  served(turn: Turn): void {
    if (!this.#end(turn)) return;
    this.#lastServedAt = Date.now();
    if (turn.epoch === this.#epoch) this.#epochServed += 1;
    this.#pump();
  }

  /** No answer (network error, timeout): frees the slot, teaches nothing about the limit. */
  failed(turn: Turn): void {
    if (this.#end(turn)) this.#pump();
  }

  /**
   * A 429, and the pause the caller takes from it (its Retry-After, capped, or its backoff when there is none): every
   * request on the key waits it out. Returns how long the key is now paused, ms.
   */
  rateLimited(turn: Turn, pauseMs: number): number {
    if (!this.#end(turn)) return 0;
    this.#rateLimited += 1;
    const now = Date.now();
    if (turn.epoch !== this.#epoch) {
      this.#pump();
      return Math.max(0, this.#pausedUntil - now);
    }
    const pause = Math.max(0, pauseMs);
    if (this.#epochServed > 0) {
      this.#rate = clampRate((this.#epochServed * 1000) / Math.max(1, now - this.#epochStart + pause));
    } else {
      // Nothing got through at this pace: halve it, so a 429 that never clears is met with fewer and fewer attempts.
      this.#rate = clampRate(this.#rate / 2);
    }
    this.#learned = true;
    this.#epoch += 1;
    this.#epochServed = 0;
    this.#epochStart = now + pause;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
    this.#nextAt = Math.max(this.#pausedUntil, this.#lastSentAt + 1000 / this.#rate);
    this.#pausedMs += pause;
    this.#pump();
    return pause;
  }

  #end(turn: Turn): boolean {
    if (turn.done) return false;
    turn.done = true;
    this.#inFlight -= 1;
    return true;
  }

  #waiting(): number {
    return this.#queue.length - this.#head;
  }

  #grow(now: number): void {
    const dt = now - this.#grownAt;
    this.#grownAt = now;
    if (this.#waiting() === 0 || now < this.#pausedUntil || dt <= 0) return;
    this.#rate = clampRate(this.#rate * 2 ** (dt / (this.#learned ? PROBE_DOUBLING_MS : RAMP_DOUBLING_MS)));
  }

  #pump(): void {
    while (this.#waiting() > 0 && this.#inFlight < MAX_IN_FLIGHT) {
      const now = Date.now();
      this.#grow(now);
      const at = Math.max(this.#pausedUntil, this.#nextAt);
      if (now < at) {
        this.#wake(at - now);
        return;
      }
      const interval = 1000 / this.#rate;
      this.#nextAt = Math.max(this.#nextAt, now - CATCH_UP * interval) + interval;
      const waiter = this.#queue[this.#head]!;
      this.#queue[this.#head] = undefined;
      this.#head += 1;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      this.#inFlight += 1;
      this.#sent += 1;
      this.#lastSentAt = now;
      waiter.resolve({ epoch: this.#epoch, done: false });
    }
  }

  #wake(ms: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }
}

function clampRate(rate: number): number {
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

const schedulers = new Map<string, KeyScheduler>();

/** The process's scheduler for one key at one origin; the map holds a hash of the key, never the key. */
export function schedulerFor(origin: string, key: string): KeyScheduler {
  const id = `${origin} ${createHash("sha256").update(key).digest("hex")}`;
  let s = schedulers.get(id);
  if (s === undefined) {
    s = new KeyScheduler();
    schedulers.set(id, s);
  }
  return s;
}

/** Forget every learned pace (tests: a reset emulator has no rate limit any more). */
export function forgetRateLimits(): void {
  schedulers.clear();
}
