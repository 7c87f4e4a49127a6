/**
 * One request to the API: got sends it and retries it with its own retry options (which methods, statuses and
 * network errors, how many times, the cap on Retry-After); the key's scheduler (scheduler.ts) gives every attempt its
 * turn, and a 429 goes back to that queue through got's afterResponse retry instead of a retry loop of ours. The only
 * rule of the project's own: a POST is retried on 429 alone (the service did not process it), never on an answer or
 * a failure that leaves its outcome unknown. The body is parsed with a zod schema; failures become PilotStatusError.
 * The key lives only in the private header map; nothing got produces is attached to a thrown error. Every text that
 * leaves in an error or a retry event is redacted of the key and of the secrets the request itself carries
 * (`RequestSpec.secrets`, e.g. a Meta access token), in case the API echoes them.
 */
import got, { type Got, type OptionsInit, type RequestError, type Response } from "got";
import type { z } from "zod";
import { ApiErrorBody } from "./schemas";
import { joinUrl } from "./baseUrl";
import { PilotStatusError } from "./errors";
import { errorFromNetwork, errorFromResponse } from "./errorMapping";
import { ASSUMED } from "./assumed";
import { describeIssues } from "./zodIssues";
import { type Redact, redactor } from "./redact";
import { escapeText } from "./text";
import {
  IDEMPOTENT_METHODS,
  NOT_CONNECTED_CODES,
  RETRYABLE_NETWORK_CODES,
  RETRYABLE_STATUSES,
  type RetryEvent,
  type RetryPolicy,
  backoffDelay,
  parseRetryAfter,
} from "./retry";
import { type KeyScheduler, type Turn, schedulerFor } from "./scheduler";

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface TransportOptions {
  baseUrl: URL;
  /** Request headers, including the credential header. */
  headers: Record<string, string>;
  /** Strings that must never leave in an error message (the key); the first is the key the scheduler is shared by. */
  secrets: string[];
  timeoutMs: number;
  retry: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Path with ids already validated and encoded, e.g. `/v1/numbers/wa_abc`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Secrets in this request's body (a Meta access token, an app secret): redacted like the key wherever echoed. */
  secrets?: readonly (string | undefined)[];
}

type Attempt =
  | { type: "response"; status: number; body: string }
  | { type: "network"; code: string | undefined; detail: string; timedOut: boolean; connected: boolean };

/** What one request() call carries across its attempts. */
interface RequestState {
  readonly started: number;
  retries: number;
  turn: Turn | undefined;
  /** What the retry about to start is for (set where the decision is made, reported in beforeRetry). */
  next: Omit<RetryEvent, "method" | "path" | "retry"> | undefined;
  /** 429s this request met (its backoff when the service sends no Retry-After). */
  rateLimited: number;
  /** Set when a 429 is given up on: how long the key had gone without a served request. */
  stalledMs: number | undefined;
}

/** The most characters of the API's own error text and code that an error repeats. */
const MAX_API_ERROR = 300;
const MAX_API_CODE = 64;

export class Transport {
  readonly #headers: Record<string, string>;
  readonly #secrets: string[];
  readonly #redact: Redact;
  readonly #got: Got;
  readonly #scheduler: KeyScheduler;
  readonly #opts: Omit<TransportOptions, "headers" | "secrets">;

  constructor(options: TransportOptions) {
    const { headers, secrets, ...rest } = options;
    this.#headers = { ...headers };
    this.#secrets = secrets.filter((s) => s.length > 0);
    this.#redact = redactor(this.#secrets);
    this.#opts = rest;
    this.#scheduler = schedulerFor(rest.baseUrl.origin, this.#secrets[0] ?? "");
    const policy = rest.retry;
    this.#got = got.extend({
      retry: {
        limit: policy.limit,
        methods: [...IDEMPOTENT_METHODS],
        statusCodes: [...RETRYABLE_STATUSES],
        errorCodes: [...RETRYABLE_NETWORK_CODES],
        // A Retry-After longer than the whole budget is not waited for: the request fails and says so.
        maxRetryAfter: policy.maxTotalMs,
        backoffLimit: policy.maxDelayMs,
        // got decides whether (limit, methods, statuses, codes); calculateDelay only says how long.
        enforceRetryRules: true,
      },
      throwHttpErrors: true,
      followRedirect: false, // a redirect would carry the key header to wherever it points
      timeout: { request: rest.timeoutMs },
      responseType: "text",
    });
  }

  get baseUrl(): URL {
    return this.#opts.baseUrl;
  }

  /** The key's scheduler: its stats say how often the service rate-limited this key and at what pace it settled. */
  get scheduler(): KeyScheduler {
    return this.#scheduler;
  }

  async request<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    const redact = spec.secrets?.length ? redactor([...this.#secrets, ...spec.secrets]) : this.#redact;
    const state: RequestState = { started: Date.now(), retries: 0, turn: undefined, next: undefined, rateLimited: 0, stalledMs: undefined };
    const url = joinUrl(this.#opts.baseUrl, spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    let body: string;
    try {
      const res = await this.#got(url, {
        method: spec.method,
        headers: { ...this.#headers, accept: "application/json" },
        ...(spec.body !== undefined ? { json: spec.body } : {}),
        ...this.#attemptHooks(spec, state, redact),
      });
      body = res.body;
    } catch (err: unknown) {
      throw this.#failure(spec, toAttempt(err, redact), state, redact);
    } finally {
      if (state.turn !== undefined) this.#scheduler.failed(state.turn); // no-op unless the last attempt had no answer
    }
    return this.#parse(spec, body, schema, redact);
  }

  /** The hooks and delay of one request: its turns on the key, the 429 re-queue, the retry events. */
  #attemptHooks(spec: RequestSpec, state: RequestState, redact: Redact): Pick<OptionsInit, "hooks" | "retry"> {
    const policy = this.#opts.retry;
    const scheduler = this.#scheduler;
    const onRetry = this.#opts.onRetry;
    return {
      hooks: {
        beforeRequest: [
          async () => {
            state.turn = await scheduler.turn();
          },
        ],
        afterResponse: [
          (response: Response, retryWithMergedOptions: (o: OptionsInit) => never) => {
            const turn = state.turn!;
            if (response.statusCode !== 429) {
              scheduler.served(turn);
              return response;
            }
            const header = firstHeader(response.headers[ASSUMED.headers.retryAfter]);
            const asked = parseRetryAfter(header, Date.now());
            const wanted = asked !== undefined ? Math.min(asked, policy.maxDelayMs) : backoffDelay(state.rateLimited, policy);
            state.rateLimited += 1;
            const pause = scheduler.rateLimited(turn, wanted);
            // Waiting in a moving queue is not failing: give up only when nothing on this key was served for the budget.
            const quiet = Date.now() - Math.max(scheduler.lastServedAt, state.started) + pause;
            if (quiet >= policy.maxTotalMs) {
              state.stalledMs = quiet - pause;
              return response;
            }
            state.next = { status: 429, delayMs: pause, ...(header !== undefined ? { retryAfter: redact(header) } : {}) };
            // A 429 was not processed, so even a POST is safe to send again; got does not count this against `limit`.
            return retryWithMergedOptions({ preserveHooks: true });
          },
        ],
        beforeRetry: [
          (_error: RequestError, retryCount: number) => {
            state.retries = retryCount;
            onRetry?.({ method: spec.method, path: spec.path, retry: retryCount, delayMs: 0, ...state.next });
          },
        ],
      },
      retry: {
        calculateDelay: ({ attemptCount, error, retryAfter, computedValue }) => {
          if (error.name === "RetryError") return computedValue; // the 429 re-queue: the scheduler does the waiting
          if (state.turn !== undefined) scheduler.failed(state.turn);
          const delayMs = retryAfter !== undefined ? Math.min(retryAfter, policy.maxDelayMs) : backoffDelay(attemptCount - 1, policy);
          if (Date.now() - state.started + delayMs > policy.maxTotalMs) return 0;
          const status = error.response?.statusCode;
          const header = firstHeader(error.response?.headers[ASSUMED.headers.retryAfter]);
          state.next = {
            delayMs,
            ...(status !== undefined ? { status } : { networkCode: error.code }),
            ...(header !== undefined ? { retryAfter: redact(header) } : {}),
          };
          return Math.max(1, delayMs); // got reads 0 as "do not retry"; Retry-After: 0 means at once
        },
      },
    };
  }

  #parse<S extends z.ZodType>(spec: RequestSpec, text: string, schema: S, redact: Redact): z.infer<S> {
    const where = `${spec.method} ${spec.path}`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PilotStatusError({
        kind: "unexpected_response",
        method: spec.method,
        path: spec.path,
        // A 2xx to a POST was applied even if its body cannot be read: what it created is unknown, not absent.
        outcomeUnknown: spec.method === "POST",
        message: `Pilot Status returned a body that is not JSON on ${where}; the API may have changed or a proxy answered.`,
      });
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issues = describeIssues(parsed.error, "(root)");
    throw new PilotStatusError({
      kind: "unexpected_response",
      method: spec.method,
      path: spec.path,
      outcomeUnknown: spec.method === "POST",
      message: `Pilot Status returned an unexpected shape on ${where} (the API may have changed): ${redact(issues)}`,
    });
  }

  #failure(spec: RequestSpec, attempt: Attempt, state: RequestState, redact: Redact): PilotStatusError {
    const retries = state.retries;
    if (attempt.type === "network") {
      return errorFromNetwork({
        method: spec.method,
        path: spec.path,
        origin: this.#opts.baseUrl.origin,
        networkCode: attempt.code,
        detail: attempt.detail,
        timedOut: attempt.timedOut,
        connected: attempt.connected,
        timeoutMs: this.#opts.timeoutMs,
        retries,
      });
    }
    let body: ApiErrorBody | undefined;
    try {
      const parsed = ApiErrorBody.safeParse(JSON.parse(attempt.body));
      if (parsed.success) body = parsed.data;
    } catch {
      body = undefined;
    }
    return errorFromResponse({
      method: spec.method,
      path: spec.path,
      status: attempt.status,
      // The API's code is echoed in the message too: a body that carries a secret there is redacted the same way.
      // Redacted before escaping (an escaped secret would no longer match); escaped and capped so a hostile or
      // broken answer cannot print terminal escapes or pages of text.
      code: body?.code !== undefined ? escapeText(redact(body.code), MAX_API_CODE) : undefined,
      apiError: body ? escapeText(redact(body.error), MAX_API_ERROR) : undefined,
      retries,
      ...(state.stalledMs !== undefined ? { rateLimitedForMs: state.stalledMs } : {}),
    });
  }
}

/** What the last attempt came to, from the error got threw: an answer, or no answer. */
function toAttempt(err: unknown, redact: Redact): Attempt {
  const response = readObject(err, "response");
  if (response !== undefined && typeof response.statusCode === "number") {
    return { type: "response", status: response.statusCode, body: typeof response.body === "string" ? response.body : "" };
  }
  // Copy only the code and message; the error object itself holds the request options.
  const code = readString(err, "code");
  const name = readString(err, "name");
  const message = readString(err, "message") ?? "request failed";
  return {
    type: "network",
    code,
    detail: redact(code && !message.includes(code) ? `${code}: ${message}` : message),
    timedOut: name === "TimeoutError" || code === "ETIMEDOUT",
    connected: !(code !== undefined && NOT_CONNECTED_CODES.has(code)),
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readObject(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v: unknown = (value as Record<string, unknown>)[key];
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v: unknown = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}
