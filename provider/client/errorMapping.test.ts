import { describe, expect, it } from "vitest";
import { errorFromNetwork, errorFromResponse } from "./errorMapping";
import { PilotStatusError } from "./errors";

const at = (status: number, code?: string, path = "/v1/numbers/wa_1", method = "GET") =>
  errorFromResponse({ method, path, status, code, apiError: "x", retries: 2 });

describe("error messages say what to do", () => {
  it("maps each documented status", () => {
    expect(at(401).message).toMatch(/pilotstatus:apiKey.*PILOT_STATUS_API_KEY/);
    expect(at(403, "TENANT_SCOPE_NOT_ALLOWED").message).toMatch(/number-scoped API key.*x-whatsapp-number-id/);
    expect(at(403, "NUMBER_SCOPE_NOT_ALLOWED").message).toMatch(/needs the tenant-scoped API key/);
    expect(at(404, "NUMBER_NOT_FOUND").message).toMatch(/number not found in this key's tenant.*deleted out of band/);
    expect(at(404, "CALL_NOT_FOUND", "/v1/calls/c1").message).toMatch(/call not found/);
    expect(at(409, "NUMBER_ALREADY_EXISTS", "/v1/numbers", "POST").message).toMatch(/adopt/);
    expect(at(409, undefined, "/v1/numbers/wa_1/connect").message).toMatch(/already connected/);
    expect(at(429).message).toMatch(/after 2 retries.*wait, then run again/);
    expect(at(503).message).toMatch(/service error 503.*after 2 retries/);
    expect(at(503).outcomeUnknown).toBe(false);
    expect(at(500, undefined, "/v1/numbers", "POST").outcomeUnknown).toBe(true);
    expect(at(418).kind).toBe("http");
  });

  it("a 404 without the API's not-found code (a proxy's page, a wrong base path) is not 'not found'", () => {
    for (const e of [at(404), at(404, "ROUTE_NOT_FOUND"), at(404, undefined, "/v1/calls/c1")]) {
      expect(PilotStatusError.isNotFound(e)).toBe(false);
      expect(e.kind).toBe("http");
      expect(e.message).toMatch(/without the Pilot Status API's not-found code.*wrong pilotstatus:baseUrl.*Nothing was taken as deleted/);
    }
  });

  it("helpers classify", () => {
    expect(PilotStatusError.isNotFound(at(404, "NUMBER_NOT_FOUND"))).toBe(true);
    expect(PilotStatusError.isAlreadyExists(at(409, "NUMBER_ALREADY_EXISTS"))).toBe(true);
    expect(PilotStatusError.isRateLimited(at(429))).toBe(true);
    expect(PilotStatusError.isNotFound(new Error("x"))).toBe(false);
  });

  it("network: refused POST is not outcome-unknown, a dropped one is", () => {
    const base = {
      path: "/v1/numbers",
      origin: "http://127.0.0.1:9",
      networkCode: "ECONNREFUSED",
      detail: "refused",
      timedOut: false,
      timeoutMs: 10,
      retries: 0,
    };
    expect(errorFromNetwork({ ...base, method: "POST", connected: false }).outcomeUnknown).toBe(false);
    const dropped = errorFromNetwork({ ...base, method: "POST", connected: true });
    expect(dropped.outcomeUnknown).toBe(true);
    expect(dropped.message).toMatch(/outcome is unknown/);
    expect(errorFromNetwork({ ...base, method: "GET", connected: false, retries: 3 }).message).toMatch(/Could not reach.*after 3 retries/);
  });
});
