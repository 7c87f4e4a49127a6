import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { readAccountsConfig } from "../accounts";
import { resolveSettings } from "../config";
import { checkProviderConfig, providerConfigSource } from "./providerConfig";

const SECRET = "ps_secret_value_123";
const reasons = (failures: { reason: string }[]) => failures.map((f) => f.reason).join("\n");

describe("providerConfigSource()", () => {
  it("answers the pilotstatus:* keys from the provider's settings, objects and numbers as JSON text", () => {
    const accounts = { acme: { apiKey: "ps_acme", requestTimeoutSeconds: 5 } };
    const source = providerConfigSource({
      apiKey: SECRET,
      baseUrl: "http://127.0.0.1:9999",
      requestTimeoutSeconds: 12,
      accounts,
    });
    expect(source.get("pilotstatus:apiKey")).toBe(SECRET);
    expect(source.get("pilotstatus:baseUrl")).toBe("http://127.0.0.1:9999");
    expect(source.get("pilotstatus:requestTimeoutSeconds")).toBe("12");
    expect(source.get("pilotstatus:accounts")).toBe(JSON.stringify(accounts));
    // The config rules read it as they read the stack config.
    expect(resolveSettings(source, {})).toEqual({ apiKey: SECRET, baseUrl: "http://127.0.0.1:9999", timeoutMs: 12_000 });
    expect(readAccountsConfig(source)).toEqual(accounts);
  });

  it("keeps text as it is and has nothing for absent, null or unrelated keys", () => {
    const source = providerConfigSource({ requestTimeoutSeconds: "7", baseUrl: null, version: "1.0.0" });
    expect(source.get("pilotstatus:requestTimeoutSeconds")).toBe("7");
    expect(source.get("pilotstatus:baseUrl")).toBeUndefined();
    expect(source.get("pilotstatus:apiKey")).toBeUndefined();
    expect(source.get("pilotstatus:version")).toBeUndefined();
    expect(source.get("apiKey")).toBeUndefined();
  });
});

describe("checkProviderConfig()", () => {
  it("accepts good settings, with the engine's version", () => {
    expect(
      checkProviderConfig({ apiKey: SECRET, baseUrl: "https://example.com", requestTimeoutSeconds: 30, version: "0.1.0" }, {}),
    ).toEqual([]);
  });

  it("accepts no key when the environment has one", () => {
    expect(checkProviderConfig({}, { PILOT_STATUS_API_KEY: SECRET })).toEqual([]);
  });

  it("refuses an unknown setting, naming the ones it has", () => {
    const failures = checkProviderConfig({ apiKey: SECRET, apikey: "x" }, {});
    expect(failures).toEqual([
      { property: "apikey", reason: 'pilotstatus has no setting "apikey"; it has apiKey, baseUrl, requestTimeoutSeconds, accounts' },
    ]);
  });

  it("refuses a missing key with no environment: the stack config's command for the default provider", () => {
    const failures = checkProviderConfig({}, {});
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe("apiKey");
    expect(failures[0]!.reason).toContain("pulumi config set --secret pilotstatus:apiKey");
    expect(failures[0]!.reason).toContain("PILOT_STATUS_API_KEY");
  });

  it("refuses a missing key of an explicit provider by its apiKey input", () => {
    const failures = checkProviderConfig({ baseUrl: "https://example.com" }, {}, true);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe("apiKey");
    expect(failures[0]!.reason).toContain("set its apiKey input");
    expect(failures[0]!.reason).not.toContain("pilotstatus:apiKey");
  });

  it("needs no default key when accounts are named", () => {
    expect(checkProviderConfig({ accounts: { acme: { apiKey: SECRET } } }, {})).toEqual([]);
  });

  it("refuses a bad baseUrl without echoing it", () => {
    const plain = checkProviderConfig({ apiKey: SECRET, baseUrl: "ftp://example.com" }, {});
    expect(plain.map((f) => f.property)).toEqual(["baseUrl"]);
    const pasted = checkProviderConfig({ apiKey: SECRET, baseUrl: SECRET }, {});
    expect(pasted.map((f) => f.property)).toEqual(["baseUrl"]);
    expect(pasted[0]!.reason).toContain("not a valid URL");
    expect(reasons(pasted)).not.toContain(SECRET);
    const http = checkProviderConfig({ apiKey: SECRET, baseUrl: "http://example.com" }, {});
    expect(http.map((f) => f.property)).toEqual(["baseUrl"]);
  });

  it("refuses a bad requestTimeoutSeconds, on that setting, without echoing a secret pasted there", () => {
    for (const bad of [0, -5, "soon", SECRET]) {
      const failures = checkProviderConfig({ apiKey: SECRET, requestTimeoutSeconds: bad }, {});
      expect(
        failures.map((f) => f.property),
        String(bad),
      ).toEqual(["requestTimeoutSeconds"]);
      expect(failures[0]!.reason).toContain("positive number of seconds");
      expect(reasons(failures)).not.toContain(SECRET);
    }
  });

  it("refuses a malformed accounts object without echoing its keys", () => {
    for (const accounts of [
      "not json",
      ["acme"],
      { acme: { apiKey: SECRET, token: SECRET } },
      { acme: { apiKey: 42 } },
      { "bad name!": { apiKey: SECRET } },
    ]) {
      const failures = checkProviderConfig({ accounts }, {});
      expect(
        failures.map((f) => f.property),
        JSON.stringify(accounts),
      ).toEqual(["accounts"]);
      expect(failures[0]!.reason).toContain("pilotstatus:accounts");
      expect(reasons(failures)).not.toContain(SECRET);
    }
  });

  it("does not check a value unknown at preview", () => {
    expect(checkProviderConfig({ apiKey: unknownValue }, {})).toEqual([]);
    expect(checkProviderConfig({ apiKey: SECRET, baseUrl: unknownValue }, {})).toEqual([]);
    expect(checkProviderConfig({ accounts: unknownValue }, {})).toEqual([]);
    expect(checkProviderConfig({ accounts: { acme: { apiKey: unknownValue } } }, {})).toEqual([]);
    expect(unknownValue).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("never echoes a secret it was given, whatever fails", () => {
    const failures = checkProviderConfig(
      {
        apiKey: SECRET,
        baseUrl: `${SECRET}://x y`,
        requestTimeoutSeconds: SECRET,
        accounts: { [SECRET]: { apiKey: SECRET } },
        extra: SECRET,
      },
      {},
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(reasons(failures)).not.toContain(SECRET);
  });
});

describe("checkProviderConfig(): the timeout on its own setting", () => {
  it("is checked with accounts named too, and alongside a missing key", () => {
    const withAccounts = checkProviderConfig({ accounts: { acme: { apiKey: SECRET } }, requestTimeoutSeconds: 0 }, {});
    expect(withAccounts.map((f) => f.property)).toEqual(["requestTimeoutSeconds"]);
    const noKey = checkProviderConfig({ requestTimeoutSeconds: "soon" }, {});
    expect(noKey.map((f) => f.property).sort()).toEqual(["apiKey", "requestTimeoutSeconds"]);
  });

  it("names the environment variable when that is where the bad timeout is", () => {
    const failures = checkProviderConfig({ apiKey: SECRET }, { PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: "-1" });
    expect(failures.map((f) => f.property)).toEqual(["requestTimeoutSeconds"]);
    expect(failures[0]!.reason).toContain("PILOT_STATUS_REQUEST_TIMEOUT_SECONDS");
  });

  it("is not checked while unknown", () => {
    expect(checkProviderConfig({ apiKey: SECRET, requestTimeoutSeconds: unknownValue }, {})).toEqual([]);
  });
});
