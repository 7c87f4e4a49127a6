/** planTenants: which tenants an audit reads, and what it refuses, before any request. */
import { describe, expect, it } from "vitest";
import type { DeclaredNumber } from "./declaredNumber";
import { DriftInputError } from "./errors";
import type { StackSourceState } from "./stackState";
import { parseAccounts, planTenants } from "./tenants";
import { declaredNumber, stackSource } from "../../test/support/driftInputs";

function declared(id: string, account?: string, number = `+55119000000${id.slice(-2)}`): DeclaredNumber {
  return declaredNumber(id, { name: id, number, ...(account !== undefined ? { account } : {}) });
}

const sources = (...numbers: DeclaredNumber[]): StackSourceState[] => [stackSource(numbers)];

const settings = { apiKey: "ps_default_key_0001", baseUrl: "https://api.example" };

describe("planTenants", () => {
  it("only the default account: one tenant, from the settings, as before named accounts", () => {
    expect(planTenants(sources(declared("wa_01")), { settings, env: {} })).toEqual([
      { accounts: [undefined], settings, baseUrl: "https://api.example", keyFrom: "PILOT_STATUS_API_KEY", declared: 1 },
    ]);
    // Nothing declared at all (--allow-empty): the default account too.
    expect(planTenants(sources(), { settings, env: {} }).map((p) => p.accounts)).toEqual([[undefined]]);
  });

  it("accounts with the same key and base URL (trailing slash aside) are one tenant, the default account's included", () => {
    const plans = planTenants(sources(declared("wa_01"), declared("wa_02", "acme"), declared("wa_03", "zeta"), declared("wa_04", "beta")), {
      settings,
      accounts: parseAccounts(
        JSON.stringify({ acme: { apiKey: settings.apiKey, baseUrl: "https://api.example/" }, beta: { apiKey: "ps_other_key_0002" } }),
        "the accounts file a.json",
      ),
      env: { PILOT_STATUS_API_KEY_ZETA: "ps_other_key_0002", PILOT_STATUS_BASE_URL_ZETA: "https://api.example" },
    });
    expect(plans.map((p) => [p.accounts, p.declared, p.keyFrom])).toEqual([
      [[undefined, "acme"], 2, "PILOT_STATUS_API_KEY"],
      [["beta", "zeta"], 2, "beta.apiKey in the accounts file a.json"],
    ]);
    // What an account leaves out comes from the default settings: beta's base URL is the default one.
    expect(plans[1]!.baseUrl).toBe("https://api.example");
  });

  it("a named account without a base URL of its own takes the settings', else PILOT_STATUS_BASE_URL, else the service's", () => {
    const one = (opts: Parameters<typeof planTenants>[1]) => planTenants(sources(declared("wa_01", "acme")), opts)[0]!;
    const env = { PILOT_STATUS_API_KEY_ACME: "ps_acme_key_0001" };
    expect(one({ settings, env }).baseUrl).toBe("https://api.example");
    expect(one({ env: { ...env, PILOT_STATUS_BASE_URL: "https://env.example" } }).baseUrl).toBe("https://env.example");
    expect(one({ env }).baseUrl).toBe("https://pilotstatus.com.br");
    expect(one({ env: { ...env, PILOT_STATUS_BASE_URL_ACME: "https://acme.example" }, settings }).baseUrl).toBe("https://acme.example");
    // The accounts file wins over the environment, as stack config does in the provider.
    const accounts = parseAccounts(JSON.stringify({ acme: { apiKey: "ps_file_key_0001", requestTimeoutSeconds: "12" } }), "f");
    expect(one({ env, accounts }).settings).toEqual({
      apiKey: "ps_file_key_0001",
      baseUrl: "https://pilotstatus.com.br",
      timeoutMs: 12_000,
    });
  });

  it("refuses a bad timeout without showing a value that is not a number", () => {
    const run =
      (timeout: unknown, env: NodeJS.ProcessEnv = {}) =>
      () =>
        planTenants(sources(declared("wa_01", "acme")), {
          accounts: parseAccounts(
            JSON.stringify({ acme: { apiKey: "ps_acme_key_0001", ...(timeout !== undefined ? { requestTimeoutSeconds: timeout } : {}) } }),
            "the accounts file a.json",
          ),
          env,
        });
    expect(run("-3")).toThrowError(
      /^the accounts file a\.json: acme\.requestTimeoutSeconds must be a positive number of seconds, e\.g\. 30, not -3$/,
    );
    expect(run("ps_live_abcdef123456")).toThrowError(
      /requestTimeoutSeconds must be a positive number of seconds, e\.g\. 30 \(the value given is not a number; not shown\)$/,
    );
    expect(run(undefined, { PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: "soon" })).toThrowError(
      /^account "acme": The environment variable PILOT_STATUS_REQUEST_TIMEOUT_SECONDS must be a positive number/,
    );
  });

  it("the same number id under two accounts of one tenant is refused; twice under one account is the report's warning", () => {
    const env = { PILOT_STATUS_API_KEY_ACME: settings.apiKey };
    expect(() => planTenants(sources(declared("wa_01"), declared("wa_01", "acme", "+5511900000999")), { settings, env })).toThrowError(
      /^the number id "wa_01" is declared in the default account \(PILOT_STATUS_API_KEY\) by WhatsAppNumber "res-wa_01" .* and in account "acme" by WhatsAppNumber "res-wa_01"/,
    );
    expect(planTenants(sources(declared("wa_01", "acme"), declared("wa_01", "acme")), { env })).toHaveLength(1);
  });

  it("the library without settings or a client for numbers of the default account", () => {
    expect(() => planTenants(sources(declared("wa_01")), { env: {} })).toThrowError(DriftInputError);
    expect(() => planTenants(sources(declared("wa_01")), { env: {} })).toThrowError(
      /^auditDrift needs a client or settings for the default account \(declared by WhatsAppNumber "res-wa_01"/,
    );
  });
});

describe("parseAccounts", () => {
  it("says what is wrong about the file, never what it holds", () => {
    const key = "ps_live_9f8e7d6c5b4a3928172635445362718a";
    const cases: Array<[string, RegExp]> = [
      [`{"acme": {"apiKey": "${key}"`, /^f\.json is not valid JSON \(.*\); expected/],
      [`["${key}"]`, /^f\.json is not a JSON object; expected .*pilotstatus:accounts$/],
      [
        `{"acme": "${key}"}`,
        /^f\.json: acme is not valid: each account takes apiKey, baseUrl and requestTimeoutSeconds, as text\. The value is not shown/,
      ],
      [`{"acme": {"apiKey": 42}}`, /^f\.json: acme\.apiKey is not valid/],
      [`{"bad name": {"apiKey": "${key}"}}`, /^f\.json: account name "bad name" is not valid/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseAccounts(text, "f.json");
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(DriftInputError);
      expect((error as Error).message, text).toMatch(message);
      expect((error as Error).message).not.toContain(key.slice(0, 12));
    }
    expect(parseAccounts("{}", "f").accounts).toEqual({});
  });
});
