import { describe, expect, it } from "vitest";
import { PilotStatusClient } from "./client";
import { PilotStatusError } from "./errors";
import { joinUrl, resolveBaseUrl } from "./baseUrl";
import { isSafeId, pathSegment } from "./pathParams";

function configError(fn: () => unknown): PilotStatusError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PilotStatusError);
    expect((e as PilotStatusError).kind).toBe("config");
    return e as PilotStatusError;
  }
  throw new Error("expected a config error");
}

describe("base URL policy", () => {
  it("defaults to https://pilotstatus.com.br", () => {
    expect(new PilotStatusClient({ apiKey: "ps_x" }).baseUrl).toBe("https://pilotstatus.com.br");
  });
  it("allows http only to loopback", () => {
    for (const u of ["http://127.0.0.1:1", "http://127.9.8.7", "http://localhost:3000", "http://[::1]:8080/"]) {
      expect(() => resolveBaseUrl(u)).not.toThrow();
    }
    for (const u of ["http://pilotstatus.com.br", "http://10.0.0.1", "http://128.0.0.1", "http://localhost.evil.com"]) {
      expect(configError(() => resolveBaseUrl(u)).message).toMatch(/clear text/);
    }
  });
  it("refuses non-URLs, other schemes and embedded credentials", () => {
    expect(configError(() => resolveBaseUrl("pilotstatus.com.br")).message).toMatch(/not a valid URL/);
    expect(configError(() => resolveBaseUrl("ftp://x")).message).toMatch(/https/);
    expect(configError(() => resolveBaseUrl("https://u:p@x")).message).toMatch(/credentials/);
  });
  it("keeps a base path prefix", () => {
    expect(joinUrl(resolveBaseUrl("https://h/api/"), "/v1/numbers").href).toBe("https://h/api/v1/numbers");
  });
});

describe("client construction", () => {
  it("needs exactly one key and says where the provider reads it", () => {
    const none = configError(() => new PilotStatusClient({}));
    expect(none.message).toMatch(/pilotstatus:apiKey/);
    expect(none.message).toMatch(/PILOT_STATUS_API_KEY/);
    configError(() => new PilotStatusClient({ apiKey: "ps_a", apiKeyId: "kid" }));
    const bad = configError(() => new PilotStatusClient({ apiKey: "ps_secret value" }));
    expect(bad.message).not.toContain("ps_secret");
  });
});

describe("path params", () => {
  it("accepts ordinary ids and refuses traversal", () => {
    expect(pathSegment("wa_abc", "number")).toBe("wa_abc");
    expect(pathSegment("num:01HZX-1.a", "number")).toBe("num%3A01HZX-1.a");
    for (const id of ["../api-keys", "a/b", "%2e%2e", "..", ".", "", "a b", "a?b", "a#b", "x".repeat(129)]) {
      expect(isSafeId(id)).toBe(false);
      expect(() => pathSegment(id, "number")).toThrow(PilotStatusError);
    }
  });
});
