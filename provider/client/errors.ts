/**
 * The one error type the client throws. It carries only safe, copied fields: never got's
 * RequestError (its `options` hold the request headers, i.e. the API key) and never a `cause`.
 */
import { ASSUMED } from "./assumed";

export type PilotStatusErrorKind =
  | "config" // client constructed wrongly (missing key, bad base URL)
  | "invalid_argument" // refused before any request (bad id, limit, date, body)
  | "unauthorized" // 401
  | "forbidden" // 403 (key scope)
  | "not_found" // 404 with the API's not-found code (any other 404 is "http")
  | "conflict" // 409
  | "bad_request" // 400
  | "rate_limited" // 429 after retries
  | "server" // 5xx
  | "network" // connection refused/reset/dropped
  | "timeout" // request took longer than timeoutMs
  | "unexpected_response" // body is not JSON or does not match the schema
  | "pagination" // the calls cursor cannot advance without skipping
  | "http"; // any other status

export interface PilotStatusErrorInit {
  kind: PilotStatusErrorKind;
  message: string;
  status?: number;
  code?: string;
  apiError?: string;
  method?: string;
  path?: string;
  retries?: number;
  outcomeUnknown?: boolean;
  /** Low-level error code of a network failure, e.g. ECONNRESET or ETIMEDOUT. */
  networkCode?: string;
}

export class PilotStatusError extends Error {
  readonly kind: PilotStatusErrorKind;
  readonly status: number | undefined;
  /** API error code, e.g. TENANT_SCOPE_NOT_ALLOWED. */
  readonly code: string | undefined;
  /** The API's own `error` text. */
  readonly apiError: string | undefined;
  readonly method: string | undefined;
  /** Request path without the host, e.g. `/v1/numbers/wa_abc`. */
  readonly path: string | undefined;
  /** How many times the request was retried before this error. */
  readonly retries: number;
  /** True when a non-idempotent request may have reached the server: check before repeating it. */
  readonly outcomeUnknown: boolean;
  readonly networkCode: string | undefined;

  constructor(init: PilotStatusErrorInit) {
    super(init.message);
    this.name = "PilotStatusError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.apiError = init.apiError;
    this.method = init.method;
    this.path = init.path;
    this.retries = init.retries ?? 0;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.networkCode = init.networkCode;
  }

  static is(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError;
  }
  /** The API's own "not in this tenant" (a 404 with its not-found code): the only 404 that means gone. */
  static isNotFound(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.kind === "not_found";
  }
  static isConflict(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.kind === "conflict";
  }
  static isAlreadyExists(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.status === 409 && e.code === ASSUMED.errorCodes.numberAlreadyExists;
  }
  /** The API refused the key (401): missing, wrong or rotated. */
  static isUnauthorized(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.kind === "unauthorized";
  }
  /** No answer at all: the base URL is wrong or unreachable, or the service timed out. */
  static isUnreachable(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && (e.kind === "network" || e.kind === "timeout");
  }
  static isRateLimited(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.kind === "rate_limited";
  }
  static isOutcomeUnknown(e: unknown): e is PilotStatusError {
    return e instanceof PilotStatusError && e.outcomeUnknown;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      apiError: this.apiError,
      method: this.method,
      path: this.path,
      retries: this.retries,
      outcomeUnknown: this.outcomeUnknown,
      networkCode: this.networkCode,
    };
  }
}
