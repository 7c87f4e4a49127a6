/**
 * One request to the API: send with got (its own retries and redirects off), retry per retry.ts,
 * parse the body with a zod schema, map failures to PilotStatusError. The key lives only in the
 * private header map; nothing got produces is attached to a thrown error. Every text that leaves in an error or a
 * retry event is redacted of the key and of the secrets the request itself carries (`RequestSpec.secrets`, e.g. a
 * Meta access token), in case the API echoes them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import got, { type Got } from "got";
import type { z } from "zod";
import { ApiErrorBody } from "./schemas";
import { joinUrl } from "./baseUrl";
import { PilotStatusError } from "./errors";
import { errorFromNetwork, errorFromResponse } from "./errorMapping";
import { ASSUMED } from "./assumed";
import { describeIssues } from "./zodIssues";
import { type Redact, redactor } from "./redact";
import { escapeText } from "./text";
import { type AttemptOutcome, type RetryEvent, type RetryPolicy, retryDelay, shouldRetry } from "./retry";

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface TransportOptions {
  baseUrl: URL;
  /** Request headers, including the credential header. */
  headers: Record<string, string>;
  /** Strings that must never leave in an error message (the key). */
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
  | { type: "response"; status: number; body: string; retryAfter: string | undefined }
  | { type: "network"; code: string | undefined; detail: string; timedOut: boolean; connected: boolean };

/** The most characters of the API's own error text and code that an error repeats. */
const MAX_API_ERROR = 300;
const MAX_API_CODE = 64;

/** Codes that mean the connection was never made, so even a POST cannot have been processed. */
const NOT_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export class Transport {
  readonly #headers: Record<string, string>;
  readonly #secrets: string[];
  readonly #redact: Redact;
  readonly #got: Got;
  readonly #opts: Omit<TransportOptions, "headers" | "secrets">;

  constructor(options: TransportOptions) {
    const { headers, secrets, ...rest } = options;
    this.#headers = { ...headers };
    this.#secrets = secrets.filter((s) => s.length > 0);
    this.#redact = redactor(this.#secrets);
    this.#opts = rest;
    this.#got = got.extend({
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false, // a redirect would carry the key header to wherever it points
      timeout: { request: rest.timeoutMs },
      responseType: "text",
    });
  }

  get baseUrl(): URL {
    return this.#opts.baseUrl;
  }

  async request<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    const { method, path } = spec;
    const { retry: policy } = this.#opts;
    const started = Date.now();
    const redact = spec.secrets?.length ? redactor([...this.#secrets, ...spec.secrets]) : this.#redact;
    let retries = 0;
    for (;;) {
      const attempt = await this.#send(spec, redact);
      if (attempt.type === "response" && attempt.status >= 200 && attempt.status < 300) {
        return this.#parse(spec, attempt.body, schema, redact);
      }
      const outcome: AttemptOutcome =
        attempt.type === "response"
          ? { type: "status", status: attempt.status }
          : { type: "network", connected: attempt.connected, timedOut: attempt.timedOut };
      if (shouldRetry(method, outcome) && retries < policy.limit) {
        const retryAfter = attempt.type === "response" ? attempt.retryAfter : undefined;
        const delayMs = retryDelay(retries, policy, retryAfter, Date.now());
        if (Date.now() - started + delayMs <= policy.maxTotalMs) {
          retries += 1;
          this.#opts.onRetry?.({
            method,
            path,
            retry: retries,
            delayMs,
            ...(attempt.type === "response" ? { status: attempt.status } : {}),
            ...(attempt.type === "network" && attempt.code ? { networkCode: attempt.code } : {}),
            ...(retryAfter !== undefined ? { retryAfter: redact(retryAfter) } : {}),
          });
          if (delayMs > 0) await sleep(delayMs);
          continue;
        }
      }
      throw this.#failure(spec, attempt, retries, redact);
    }
  }

  async #send(spec: RequestSpec, redact: Redact): Promise<Attempt> {
    const url = joinUrl(this.#opts.baseUrl, spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    try {
      const res = await this.#got(url, {
        method: spec.method,
        headers: { ...this.#headers, accept: "application/json" },
        ...(spec.body !== undefined ? { json: spec.body } : {}),
      });
      const ra = res.headers[ASSUMED.headers.retryAfter];
      return {
        type: "response",
        status: res.statusCode,
        body: res.body,
        retryAfter: Array.isArray(ra) ? ra[0] : ra,
      };
    } catch (err: unknown) {
      // Copy only the code and message; the error object itself holds the request options.
      const code = readString(err, "code");
      const name = readString(err, "name");
      const message = readString(err, "message") ?? "request failed";
      const timedOut = name === "TimeoutError" || code === "ETIMEDOUT";
      return {
        type: "network",
        code,
        detail: redact(code && !message.includes(code) ? `${code}: ${message}` : message),
        timedOut,
        connected: !(code !== undefined && NOT_CONNECTED_CODES.has(code)),
      };
    }
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

  #failure(spec: RequestSpec, attempt: Attempt, retries: number, redact: Redact): PilotStatusError {
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
    });
  }
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v: unknown = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}
