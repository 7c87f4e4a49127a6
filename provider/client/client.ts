/** Typed client of the Pilot Status API: one method per endpoint (REFERENCE.md). */
import { z } from "zod";
import { ASSUMED } from "./assumed";
import { resolveBaseUrl } from "./baseUrl";
import { type IterateCallsOptions, iterateCalls } from "./calls";
import { KEY_SOURCES } from "./errorMapping";
import { PilotStatusError } from "./errors";
import { Transport } from "./http";
import { checkBody, checkInstant, checkLimit } from "./inputs";
import { echoIfPlain } from "./text";
import { isSafeId, pathSegment } from "./pathParams";
import { type RetryEvent, type RetryOptions, type RetryPolicy, resolveRetryPolicy } from "./retry";
import { defaultUserAgent } from "../version";
import {
  Call,
  CallList,
  ConnectResponse,
  CreateMetaNumberRequest,
  CreateMetaNumberResponse,
  CreateNumberRequest,
  CreateNumberResponse,
  DeleteResponse,
  NumberDetail,
  NumberList,
  NumberStatus,
  RemotePairingRequest,
  RemotePairingResponse,
} from "./schemas";

export interface PilotStatusClientOptions {
  /** Raw `ps_...` key, sent as `x-api-key`. Exactly one of apiKey / apiKeyId. */
  apiKey?: string;
  /** Key id, sent as `x-api-key-id`. */
  apiKeyId?: string;
  /** Default https://pilotstatus.com.br; http:// only to a loopback host. */
  baseUrl?: string;
  /** Names the number for per-number endpoints when using a tenant key (`x-whatsapp-number-id`). */
  numberId?: string;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  retry?: RetryOptions;
  userAgent?: string;
  /** Called before each retry wait; receives no headers and no key. */
  onRetry?: (event: RetryEvent) => void;
}

export interface ListCallsOptions {
  /** 1–100 (API default 25). */
  limit?: number;
  /** Only calls created strictly before this instant. */
  before?: string | Date;
}

/** GET /v1/calls/{id}: the response shape is unpublished; accept a bare call or `{ call }` (ASSUMED). */
const SingleCall = z.union([Call, z.looseObject({ call: Call }).transform((v) => v.call)]);

const META = ASSUMED.metaCreateFields;
const PRINTABLE = /^[\x21-\x7e]+$/;

export class PilotStatusClient {
  readonly #http: Transport;

  constructor(options: PilotStatusClientOptions) {
    const { apiKey, apiKeyId } = options;
    const given = [apiKey, apiKeyId].filter((k) => k !== undefined && k !== "");
    if (given.length !== 1) {
      throw new PilotStatusError({
        kind: "config",
        message:
          given.length === 0
            ? `No Pilot Status API key: set ${KEY_SOURCES} (or pass apiKey / apiKeyId to the client).`
            : "Give the Pilot Status client exactly one of apiKey or apiKeyId, not both.",
      });
    }
    const secret = given[0]!;
    if (typeof secret !== "string" || !PRINTABLE.test(secret)) {
      // Never echo the value: it is the credential.
      throw new PilotStatusError({
        kind: "config",
        message: `The Pilot Status API key contains whitespace or non-printable characters; check ${KEY_SOURCES}.`,
      });
    }
    const baseUrl = resolveBaseUrl(options.baseUrl);
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      const got = typeof timeoutMs === "number" ? ` (got ${String(timeoutMs).slice(0, 24)})` : "";
      throw new PilotStatusError({ kind: "config", message: `timeoutMs must be a positive number of milliseconds${got}` });
    }
    let retry: RetryPolicy;
    try {
      retry = resolveRetryPolicy(options.retry);
    } catch (e) {
      throw new PilotStatusError({ kind: "config", message: (e as Error).message });
    }
    const headers: Record<string, string> = {
      "user-agent": options.userAgent ?? defaultUserAgent(),
      [apiKey ? "x-api-key" : "x-api-key-id"]: secret,
    };
    if (options.numberId !== undefined) {
      if (!isSafeId(options.numberId)) {
        const shown = typeof options.numberId === "string" ? echoIfPlain(options.numberId, /^[\w.:-]+$/) : undefined;
        throw new PilotStatusError({
          kind: "config",
          message: `numberId ${shown ?? `(${typeof options.numberId}, not shown)`} is not a valid number id (letters, digits, "_", "-", ".", ":", 1–128 characters)`,
        });
      }
      headers[ASSUMED.headers.numberId] = options.numberId;
    }
    this.#http = new Transport({
      baseUrl,
      headers,
      secrets: [secret],
      timeoutMs,
      retry,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }

  /** The resolved base URL (no credentials in it). */
  get baseUrl(): string {
    return this.#http.baseUrl.href.replace(/\/$/, "");
  }

  /**
   * The pace this key's requests keep in this process, requests per second, as the service's 429s taught it; undefined
   * while the service has not rate-limited the key. Shared by every client of the key.
   */
  get pace(): number | undefined {
    return this.#http.scheduler.stats.learnedRate;
  }

  /** GET /v1/numbers — every number of the tenant (cached state). */
  async listNumbers(): Promise<NumberList> {
    return this.#http.request({ method: "GET", path: "/v1/numbers" }, NumberList);
  }

  /** GET /v1/numbers/{id}; `refresh` forces a live Meta fetch (`?refresh=1`). */
  async getNumber(id: string, options: { refresh?: boolean } = {}): Promise<NumberDetail> {
    const path = `/v1/numbers/${pathSegment(id, "number")}`;
    return this.#http.request({ method: "GET", path, ...(options.refresh ? { query: { refresh: "1" } } : {}) }, NumberDetail);
  }

  /** GET /v1/numbers/{id}/status — live connection state. */
  async getNumberStatus(id: string): Promise<NumberStatus> {
    return this.#http.request({ method: "GET", path: `/v1/numbers/${pathSegment(id, "number")}/status` }, NumberStatus);
  }

  /** POST /v1/numbers — create a QR-paired number. Not retried except on 429. */
  async createNumber(request: CreateNumberRequest): Promise<CreateNumberResponse> {
    const body = checkBody(CreateNumberRequest, request, "create number");
    return this.#http.request({ method: "POST", path: "/v1/numbers", body }, CreateNumberResponse);
  }

  /** GET /v1/numbers/{id}/connect — fresh QR / pairing code; 409 when already OPEN. */
  async connectNumber(id: string): Promise<ConnectResponse> {
    return this.#http.request({ method: "GET", path: `/v1/numbers/${pathSegment(id, "number")}/connect` }, ConnectResponse);
  }

  /** DELETE /v1/numbers/{id} — irreversible. */
  async deleteNumber(id: string): Promise<DeleteResponse> {
    return this.#http.request({ method: "DELETE", path: `/v1/numbers/${pathSegment(id, "number")}` }, DeleteResponse);
  }

  /** POST /v1/numbers/meta — bring-your-own-WABA Meta number. */
  async createMetaNumber(request: CreateMetaNumberRequest): Promise<CreateMetaNumberResponse> {
    const body = checkBody(CreateMetaNumberRequest, request, "create Meta number");
    // The API may echo the credentials in an error or a response: redact them like the key.
    const secrets = [body[META.accessToken], body[META.appSecret]];
    return this.#http.request({ method: "POST", path: "/v1/numbers/meta", body, secrets }, CreateMetaNumberResponse);
  }

  /** POST /v1/numbers/remote-pairing — hosted pairing link. */
  async createRemotePairing(request: RemotePairingRequest): Promise<RemotePairingResponse> {
    const body = checkBody(RemotePairingRequest, request, "remote pairing");
    return this.#http.request({ method: "POST", path: "/v1/numbers/remote-pairing", body }, RemotePairingResponse);
  }

  /** GET /v1/calls — one page, newest first. Needs a number-scoped key (or numberId). */
  async listCalls(options: ListCallsOptions = {}): Promise<CallList> {
    const query: Record<string, string> = {};
    if (options.limit !== undefined) query.limit = String(checkLimit(options.limit));
    if (options.before !== undefined) query.before = checkInstant(options.before, "before");
    return this.#http.request({ method: "GET", path: "/v1/calls", query }, CallList);
  }

  /** GET /v1/calls/{callId}. */
  async getCall(id: string): Promise<Call> {
    return this.#http.request({ method: "GET", path: `/v1/calls/${pathSegment(id, "call")}` }, SingleCall);
  }

  /** Every call newest-first, across pages, each exactly once; stops at `since`. */
  iterateCalls(options: IterateCallsOptions = {}): AsyncGenerator<Call> {
    return iterateCalls((q) => this.listCalls(q), options);
  }
}
