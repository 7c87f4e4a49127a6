import { describe, expect, it } from "vitest";
import { AccountError, accountEnvVar, readAccountsConfig, resolveAccount } from "./accounts";

const source = (values: Record<string, unknown>) => ({
  get: (k: string) =>
    values[k] === undefined ? undefined : typeof values[k] === "string" ? (values[k] as string) : JSON.stringify(values[k]),
});

describe("named accounts", () => {
  const base = {
    "pilotstatus:apiKey": "ps_default",
    "pilotstatus:baseUrl": "http://127.0.0.1:7",
    "pilotstatus:requestTimeoutSeconds": "5",
  };

  it("no name: the default settings, as before", () => {
    expect(resolveAccount(undefined, source(base), {})).toEqual({ apiKey: "ps_default", baseUrl: "http://127.0.0.1:7", timeoutMs: 5000 });
  });

  it("an account's own key, and what it leaves out from the default settings", () => {
    const cfg = source({
      ...base,
      "pilotstatus:accounts": {
        acme: { apiKey: "ps_acme" },
        beta: { apiKey: "ps_beta", baseUrl: "http://127.0.0.1:8", requestTimeoutSeconds: 2 },
      },
    });
    expect(resolveAccount("acme", cfg, {})).toEqual({ apiKey: "ps_acme", baseUrl: "http://127.0.0.1:7", timeoutMs: 5000 });
    expect(resolveAccount("beta", cfg, {})).toEqual({ apiKey: "ps_beta", baseUrl: "http://127.0.0.1:8", timeoutMs: 2000 });
  });

  it("an account's key and URL from the environment, named after it", () => {
    expect(accountEnvVar("apiKey", "acme-br")).toBe("PILOT_STATUS_API_KEY_ACME_BR");
    const env = { PILOT_STATUS_API_KEY_ACME_BR: "ps_env", PILOT_STATUS_BASE_URL_ACME_BR: "http://127.0.0.1:9" };
    expect(resolveAccount("acme-br", source({}), env)).toEqual({ apiKey: "ps_env", baseUrl: "http://127.0.0.1:9" });
  });

  it("an unknown account: both places to set its key, and the accounts that have one", () => {
    const cfg = source({ "pilotstatus:accounts": { acme: { apiKey: "ps_acme" } } });
    const e = (() => {
      try {
        resolveAccount("acne", cfg, { PILOT_STATUS_API_KEY_BETA: "ps_b" });
      } catch (err) {
        return err as Error;
      }
      throw new Error("resolved");
    })();
    expect(e).toBeInstanceOf(AccountError);
    expect(e.message).toMatch(/Unknown Pilot Status account "acne"/);
    expect(e.message).toContain("pulumi config set --secret --path 'pilotstatus:accounts.acne.apiKey' ps_...");
    expect(e.message).toContain("PILOT_STATUS_API_KEY_ACNE");
    expect(e.message).toContain("Accounts with a key: acme, beta.");
  });

  it("an account configured without a key says so", () => {
    const cfg = source({ "pilotstatus:accounts": { acme: { baseUrl: "http://127.0.0.1:7" } } });
    expect(() => resolveAccount("acme", cfg, {})).toThrow(/account "acme" has no API key/);
  });

  it("refuses a bad name or a malformed accounts object without echoing its values", () => {
    expect(() => resolveAccount("no spaces", source({}), {})).toThrow(/account name "no spaces" is not valid/);
    expect(() => readAccountsConfig(source({ "pilotstatus:accounts": "[1" }))).toThrow(/is not an object/);
    const leaked = () => readAccountsConfig(source({ "pilotstatus:accounts": { acme: { apikey: "ps_secret_typo" } } }));
    expect(leaked).toThrow(/accounts\.acme is not valid.*"apikey"/);
    expect(leaked).not.toThrow(/ps_secret_typo/);
    expect(() => readAccountsConfig(source({ "pilotstatus:accounts": { "a b": { apiKey: "ps_x" } } }))).toThrow(
      /account name "a b" is not valid/,
    );
  });
});
