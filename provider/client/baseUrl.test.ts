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

describe("a bad base URL is described, not echoed", () => {
  const SECRET = "ps_live_0123456789abcdef0123456789abcdef";
  const META = "EAAGm0PX4ZCpsBAKZC0123456789";
  it("never shows a secret pasted into baseUrl, whatever shape it has", () => {
    for (const bad of [
      SECRET,
      ` ${SECRET} `,
      `${META}:xyz`,
      `abc+${META}://host`,
      `https://${SECRET}`.replace("https://", "https//"),
      `${SECRET}\n`,
      `http://${SECRET.replace(/_/g, "-")}.example.com`,
      `https://example.com/?key=${SECRET}`,
      `https://example.com/#${SECRET}`,
      `https://${SECRET}:x@example.com`,
    ]) {
      const e = configError(() => resolveBaseUrl(bad));
      for (const part of [SECRET, META, SECRET.replace(/_/g, "-"), "0123456789abcdef"]) expect(e.message, bad).not.toContain(part);
      expect(e.message, bad).toMatch(/baseUrl/);
    }
  });
  it("names a key pasted there as a key", () => {
    expect(configError(() => resolveBaseUrl(SECRET)).message).toMatch(/looks like a Pilot Status API key.*pilotstatus:apiKey/);
  });
  it("still names a well-known scheme, and a short origin", () => {
    expect(configError(() => resolveBaseUrl("ftp://x")).message).toContain("ftp://");
    expect(configError(() => resolveBaseUrl("http://pilotstatus.com.br")).message).toContain("http://pilotstatus.com.br");
  });
});
