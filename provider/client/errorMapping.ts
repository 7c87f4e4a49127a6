/** Turns an HTTP status or a network failure into a PilotStatusError whose message says what to do. */
import { ASSUMED } from "./assumed";
import { DEFAULT_BASE_URL } from "./baseUrl";
import { PilotStatusError } from "./errors";

const C = ASSUMED.errorCodes;

export const KEY_SOURCES =
  'the stack config secret "pilotstatus:apiKey" (pulumi config set --secret pilotstatus:apiKey ps_...) ' +
  "or the environment variable PILOT_STATUS_API_KEY";

export interface ResponseFailure {
  method: string;
  path: string;
  status: number;
  code: string | undefined;
  apiError: string | undefined;
  retries: number;
  /** A 429 given up on: how long nothing on this key had been served. */
  rateLimitedForMs?: number;
}

function retriesText(n: number): string {
  return `${n} ${n === 1 ? "retry" : "retries"}`;
}

function resourceOf(path: string): string {
  return path.startsWith("/v1/calls") ? "call" : "number";
}

export function errorFromResponse(f: ResponseFailure): PilotStatusError {
  const { method, path, status, code, retries } = f;
  const req = `${method} ${path}`;
  const said = f.apiError ? ` (API said: ${f.apiError}${code ? `, code ${code}` : ""})` : code ? ` (code ${code})` : "";
  const base = { status, code, apiError: f.apiError, method, path, retries };

  if (status === 401) {
    return new PilotStatusError({
      ...base,
      kind: "unauthorized",
      message: `Pilot Status rejected the API key on ${req} (401)${said}: the key is missing or wrong. The provider reads it from ${KEY_SOURCES}.`,
    });
  }
  if (status === 403) {
    let hint = "the API key is not allowed to call this endpoint.";
    if (code === C.tenantScopeNotAllowed) {
      hint =
        "this endpoint needs a number-scoped API key; a tenant-scoped key may call it only when it names " +
        `the number (client option numberId, header ${ASSUMED.headers.numberId}).`;
    } else if (code === C.numberScopeNotAllowed) {
      hint = "this endpoint needs the tenant-scoped API key; a number-scoped key is not allowed here.";
    }
    return new PilotStatusError({ ...base, kind: "forbidden", message: `Forbidden: ${req} (403)${said}: ${hint}` });
  }
  if (status === 404) {
    const what = resourceOf(path);
    // Only the API's own answer means "not in this tenant": a proxy's 404 page or a wrong base path answers 404
    // too, and taking that for "deleted" would make refresh drop every number and destroy report success.
    if (code !== C.numberNotFound && code !== C.callNotFound) {
      return new PilotStatusError({
        ...base,
        kind: "http",
        message:
          `${req} answered 404 without the Pilot Status API's not-found code${said}: this looks like a proxy or a ` +
          `wrong pilotstatus:baseUrl / PILOT_STATUS_BASE_URL (it must be the API's root, e.g. ${DEFAULT_BASE_URL}), ` +
          "not an answer about the number. Nothing was taken as deleted.",
      });
    }
    return new PilotStatusError({
      ...base,
      kind: "not_found",
      message:
        `Pilot Status ${what} not found in this key's tenant (${req}, 404)${said}: it was deleted out of band, ` +
        `or the id is wrong or belongs to another tenant.`,
    });
  }
  if (status === 409) {
    let hint = "the request conflicts with the current state.";
    if (code === C.numberAlreadyExists) {
      hint = "this phone number already exists in the tenant; adopt (import) the existing number instead of creating it again.";
    } else if (code === C.alreadyConnected || path.endsWith("/connect")) {
      hint = "the number is already connected (state OPEN); there is nothing to pair.";
    } else if (code === C.notConnected) {
      hint = "the WhatsApp number is not connected; pair it (QR code or pairing code) first.";
    }
    return new PilotStatusError({ ...base, kind: "conflict", message: `Conflict on ${req} (409)${said}: ${hint}` });
  }
  if (status === 400) {
    const hint =
      code === C.featureNotSupported
        ? "this operation is not supported for this number's provider."
        : "the API rejected the request as invalid.";
    return new PilotStatusError({ ...base, kind: "bad_request", message: `Bad request on ${req} (400)${said}: ${hint}` });
  }
  if (status === 429) {
    return new PilotStatusError({
      ...base,
      kind: "rate_limited",
      message:
        `Pilot Status rate limit: ${req} still got 429 after ${retriesText(retries)}${said}` +
        (f.rateLimitedForMs !== undefined
          ? `, and no request with this key was served for ${(f.rateLimitedForMs / 1000).toFixed(1)} s`
          : "") +
        ". Something else may be using up this key's limit (another program or pipeline with the same key): wait, then run again.",
    });
  }
  if (status >= 500) {
    const unknown = method === "POST";
    return new PilotStatusError({
      ...base,
      kind: "server",
      outcomeUnknown: unknown,
      message: unknown
        ? `Pilot Status service error ${status} on ${req}${said}. The outcome is unknown: the server may have ` +
          `applied the request, so it was not repeated. Check the current state (e.g. list numbers) before trying again.`
        : `Pilot Status service error ${status} on ${req} after ${retriesText(retries)}${said}. Try again later.`,
    });
  }
  return new PilotStatusError({ ...base, kind: "http", message: `Unexpected HTTP ${status} on ${req}${said}.` });
}

export interface NetworkFailure {
  method: string;
  path: string;
  origin: string;
  networkCode: string | undefined;
  detail: string;
  timedOut: boolean;
  /** False when the request certainly never reached the server. */
  connected: boolean;
  timeoutMs: number;
  retries: number;
}

export function errorFromNetwork(f: NetworkFailure): PilotStatusError {
  const req = `${f.method} ${f.path}`;
  const unknown = f.method === "POST" && (f.connected || f.timedOut);
  const what = f.timedOut
    ? `Pilot Status at ${f.origin} did not answer ${req} within ${f.timeoutMs} ms`
    : `Could not reach Pilot Status at ${f.origin} on ${req} (${f.detail})`;
  const tail = unknown
    ? " The outcome is unknown: the request may have reached the server, so it was not repeated. " +
      "Check the current state (e.g. list numbers) before trying again."
    : ` after ${retriesText(f.retries)}. Check the baseUrl and the network, then try again.`;
  return new PilotStatusError({
    kind: f.timedOut ? "timeout" : "network",
    method: f.method,
    path: f.path,
    retries: f.retries,
    networkCode: f.networkCode,
    outcomeUnknown: unknown,
    message: what + (unknown ? "." : "") + tail,
  });
}
