/**
 * A provider instance's settings on the plugin's wire: the default provider's come from the stack config
 * (`pilotstatus:apiKey`, ...), an explicit provider's from its inputs (`new pilotstatus.Provider("acme", { apiKey })`);
 * both arrive as the same property names. They become the ConfigSource the dynamic face reads, so one rule
 * (config.ts, accounts.ts) resolves both, the environment included.
 */
import { readAccountsConfig } from "../accounts";
import { CONFIG_KEYS, type ConfigSource, ENV_VARS, MissingApiKeyError, resolveApiKey, resolveTimeoutMs } from "../config";
import { resolveBaseUrl } from "../client/baseUrl";
import type { CheckFailure } from "../engine/controller";
import { isUnknown } from "../engine/unknown";
import type { Props } from "./secrets";

const SETTINGS = Object.keys(CONFIG_KEYS) as (keyof typeof CONFIG_KEYS)[];

/** Config values arrive as text or, set by path or in YAML, as objects and numbers: the config rule reads text. */
const asText = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === "string" ? v : JSON.stringify(v);

export function providerConfigSource(args: Props): ConfigSource {
  const byKey = new Map<string, string | undefined>(SETTINGS.map((s) => [CONFIG_KEYS[s], asText(args[s])]));
  return { get: (key) => byKey.get(key) };
}

/**
 * CheckConfig: every setting as the provider will read it, before any request; messages never echo a value.
 * `explicit`: an explicit provider resource (its settings are its inputs), not the default one (the stack config).
 */
export function checkProviderConfig(news: Props, env: NodeJS.ProcessEnv = process.env, explicit = false): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known = new Set<string>([...SETTINGS, "version"]);
  for (const key of Object.keys(news)) {
    if (!known.has(key)) {
      failures.push({ property: key, reason: `pilotstatus has no setting "${key}"; it has ${SETTINGS.join(", ")}` });
    }
  }
  const source = providerConfigSource(news);
  const attempt = (property: string, check: () => unknown) => {
    // A value only known after deployment (preview) is checked when it is known.
    if (isUnknown(news[property])) return;
    try {
      check();
    } catch (e) {
      failures.push({ property, reason: (e as Error).message });
    }
  };
  // The default settings need a key (here or in PILOT_STATUS_API_KEY) only when no account is named: accounts may
  // carry their own, and a resource that names none is refused at its own check.
  if (news.accounts === undefined) {
    attempt("apiKey", () => {
      try {
        resolveApiKey(source, env);
      } catch (e) {
        if (!explicit || !(e instanceof MissingApiKeyError)) throw e;
        throw new Error(
          `No Pilot Status API key for this provider: set its apiKey input (from a secret config value, e.g. \`pulumi config set --secret acmeApiKey ps_...\`) or export ${ENV_VARS.apiKey}=ps_...`,
        );
      }
    });
  }
  // The timeout (here or in the environment) applies to the default settings and to every account that sets none.
  attempt("requestTimeoutSeconds", () => resolveTimeoutMs(source, env));
  if (news.baseUrl !== undefined) attempt("baseUrl", () => resolveBaseUrl(asText(news.baseUrl)));
  if (news.accounts !== undefined) attempt("accounts", () => readAccountsConfig(source));
  return failures;
}
