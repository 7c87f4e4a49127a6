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

describe("a secret pasted into the wrong setting is never echoed", () => {
  const SECRET = "ps_live_0123456789abcdef0123456789abcdef";
  const key = { "pilotstatus:apiKey": "ps_x" };
  const messageOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("expected an error");
  };

  it("in pilotstatus:requestTimeoutSeconds or PILOT_STATUS_REQUEST_TIMEOUT_SECONDS", () => {
    const fromConfig = messageOf(() => resolveSettings(source({ ...key, "pilotstatus:requestTimeoutSeconds": SECRET }), {}));
    const fromEnv = messageOf(() => resolveSettings(source(key), { PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: SECRET }));
    for (const m of [fromConfig, fromEnv]) {
      expect(m).not.toContain(SECRET);
      expect(m).not.toContain("0123456789abcdef");
      expect(m).toMatch(/positive number of seconds/);
    }
    // It says which setting holds the bad value.
    expect(fromConfig).toContain("pilotstatus:requestTimeoutSeconds");
    expect(fromEnv).toContain("PILOT_STATUS_REQUEST_TIMEOUT_SECONDS");
    // Something long or not number-like is never shown, even if it is no secret.
    for (const bad of ["soon", "30 seconds please", `${"1".repeat(60)}s`, "-".repeat(10) + SECRET]) {
      expect(messageOf(() => resolveSettings(source({ ...key, "pilotstatus:requestTimeoutSeconds": bad }), {}))).not.toContain(bad);
    }
  });

  it("a short number-like value is still shown, to help", () => {
    expect(messageOf(() => resolveSettings(source({ ...key, "pilotstatus:requestTimeoutSeconds": "-1" }), {}))).toContain('"-1"');
  });
});
