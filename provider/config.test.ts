import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, resolveSettings } from "./config";

const source = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("resolveSettings", () => {
  it("prefers stack config over the environment", () => {
    const env = { PILOT_STATUS_API_KEY: "ps_env", PILOT_STATUS_BASE_URL: "http://127.0.0.1:1" };
    const s = resolveSettings(source({ "pilotstatus:apiKey": "ps_cfg", "pilotstatus:baseUrl": "http://127.0.0.1:2" }), env);
    expect(s).toEqual({ apiKey: "ps_cfg", baseUrl: "http://127.0.0.1:2" });
  });

  it("falls back to the environment, then the public base URL", () => {
    expect(resolveSettings(source({}), { PILOT_STATUS_API_KEY: "ps_env" })).toEqual({
      apiKey: "ps_env",
      baseUrl: DEFAULT_BASE_URL,
    });
  });

  it("names both places when the key is missing or blank", () => {
    for (const cfg of [source({}), source({ "pilotstatus:apiKey": "  " }), undefined]) {
      expect(() => resolveSettings(cfg, {})).toThrow(/pilotstatus:apiKey.*PILOT_STATUS_API_KEY/);
    }
  });

  it("reads an optional request timeout and rejects nonsense", () => {
    const cfg = source({ "pilotstatus:apiKey": "ps_x", "pilotstatus:requestTimeoutSeconds": "2.5" });
    expect(resolveSettings(cfg, {}).timeoutMs).toBe(2500);
    expect(() => resolveSettings(source({ "pilotstatus:apiKey": "ps_x" }), { PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: "-1" })).toThrow(
      /positive number of seconds/,
    );
  });
});
