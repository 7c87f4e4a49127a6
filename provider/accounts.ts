/**
 * Named accounts: several Pilot Status tenants in one program. A resource or data source names its account; only
 * that name is stored (in the resource's inputs), never the key, so refresh and destroy, which run without the
 * program, find the key again from the provider configuration the engine stored at the last `pulumi up`.
 *
 * An account's settings live in the stack config object `pilotstatus:accounts` (set secretly, leaf by leaf, with
 * `pulumi config set --secret --path pilotstatus:accounts.<name>.apiKey ps_...`), or in the environment as
 * PILOT_STATUS_API_KEY_<NAME> / PILOT_STATUS_BASE_URL_<NAME>. What an account does not set (base URL, timeout) comes
 * from the default settings (`pilotstatus:baseUrl` / PILOT_STATUS_BASE_URL, ...).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { CONFIG_KEYS, ENV_VARS, type ConfigSource, type ProviderSettings, resolveSettings } from "./config";
import { echoIfPlain } from "./client/text";
import { issuePath, unknownKeys } from "./client/zodIssues";

/** Letters, digits, "-" and "_", starting with a letter: it becomes part of an environment variable's name. */
export const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const ACCOUNT_NAME_RULE = 'letters, digits, "-" and "_", starting with a letter, at most 64 characters';

/** Why `name` cannot be an account name, or undefined when it can. */
export function accountNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return `an account name must be a string (got ${typeof name})`;
  if (ACCOUNT_NAME.test(name)) return undefined;
  const shown = echoIfPlain(name, /^[\x21-\x7e ]+$/, 64);
  return `account name ${shown ?? "(not shown)"} is not valid: use ${ACCOUNT_NAME_RULE}`;
}

/** The `account` input of the resources and data sources: a name, never a key. */
export function accountInput() {
  return z.string().regex(ACCOUNT_NAME, `must be ${ACCOUNT_NAME_RULE}`);
}

export const ACCOUNT_DESCRIPTION =
  "The Pilot Status account (tenant) this number belongs to: a name whose key and base URL are in the stack config " +
  "`pilotstatus:accounts.<name>` (set the key with `pulumi config set --secret --path pilotstatus:accounts.<name>.apiKey " +
  "ps_...`) or in PILOT_STATUS_API_KEY_<NAME> / PILOT_STATUS_BASE_URL_<NAME>. Only the name is stored. Absent: the " +
  "default `pilotstatus:apiKey`. Changing it moves the number to another tenant, which replaces it.";

/** The environment variable that holds `setting` for account `name`, e.g. PILOT_STATUS_API_KEY_ACME_BR. */
export function accountEnvVar(setting: keyof typeof ENV_VARS, name: string): string {
  return `${ENV_VARS[setting]}_${name.toUpperCase().replace(/-/g, "_")}`;
}

/** The config command that sets an account's key, for error messages. */
export function accountKeyCommand(name: string): string {
  return `pulumi config set --secret --path '${CONFIG_KEYS.accounts}.${name}.apiKey' ps_...`;
}

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountError";
  }
}

function accountsSchema() {
  // Built on demand: this module is loaded by the provider host, and nothing module-level should hold zod objects.
  const setting = z.string().trim().min(1);
  return z.record(
    z.string(),
    z.strictObject({
      apiKey: setting.optional(),
      baseUrl: setting.optional(),
      requestTimeoutSeconds: z.union([setting, z.number()]).optional(),
    }),
  );
}

export type AccountsConfig = Record<string, { apiKey?: string; baseUrl?: string; requestTimeoutSeconds?: string | number }>;

/** `pilotstatus:accounts` parsed and checked; {} when unset. Never echoes a value (keys live there). */
export function readAccountsConfig(config: ConfigSource | undefined): AccountsConfig {
  const text = config?.get(CONFIG_KEYS.accounts);
  if (text === undefined || text.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AccountError(
      `The stack config ${CONFIG_KEYS.accounts} is not an object: set each account's settings by path, e.g. ${accountKeyCommand("acme")}`,
    );
  }
  const parsed = accountsSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issuePath(issue);
    const keys = unknownKeys(issue);
    const keysShown = keys.length ? ` (${keys.map((k) => JSON.stringify(k.slice(0, 40))).join(", ")})` : "";
    throw new AccountError(
      `The stack config ${CONFIG_KEYS.accounts}${where ? `.${where}` : ""} is not valid: each account takes apiKey, baseUrl and ` +
        `requestTimeoutSeconds, as text${keysShown}. The value is not shown, in case it is a secret.`,
    );
  }
  for (const name of Object.keys(parsed.data)) {
    const problem = accountNameProblem(name);
    if (problem) throw new AccountError(`The stack config ${CONFIG_KEYS.accounts}: ${problem}`);
  }
  return parsed.data as AccountsConfig;
}

/** The account names configured in stack config or the environment (for "known accounts" in errors). */
export function knownAccounts(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): string[] {
  const names = new Set(Object.keys(readAccountsConfig(config)));
  const prefix = `${ENV_VARS.apiKey}_`;
  for (const key of Object.keys(env)) if (key.startsWith(prefix) && env[key]) names.add(key.slice(prefix.length).toLowerCase());
  return [...names].sort();
}

/**
 * The settings of account `name`, or the default settings when `name` is undefined. Fails, before any request,
 * when the name is invalid or the account has no key, naming the two places a key can be set.
 */
export function resolveAccount(
  name: string | undefined,
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  if (name === undefined) return resolveSettings(config, env);
  const problem = accountNameProblem(name);
  if (problem) throw new AccountError(problem);
  const accounts = readAccountsConfig(config);
  const own = accounts[name] ?? {};
  const apiKey = own.apiKey ?? nonEmpty(env[accountEnvVar("apiKey", name)]);
  if (apiKey === undefined) {
    const known = knownAccounts(config, env);
    const listed = known.length > 0 ? ` Accounts with a key: ${known.join(", ")}.` : "";
    const what = accounts[name] === undefined ? `Unknown Pilot Status account "${name}"` : `Pilot Status account "${name}" has no API key`;
    throw new AccountError(
      `${what}: set its key with \`${accountKeyCommand(name)}\` or export ${accountEnvVar("apiKey", name)}=ps_...${listed}`,
    );
  }
  // What the account leaves out comes from the default settings (the same service, in practice).
  const layered: ConfigSource = {
    get: (key) => {
      if (key === CONFIG_KEYS.apiKey) return apiKey;
      if (key === CONFIG_KEYS.baseUrl) return own.baseUrl ?? nonEmpty(env[accountEnvVar("baseUrl", name)]) ?? config?.get(key);
      if (key === CONFIG_KEYS.requestTimeoutSeconds) {
        return own.requestTimeoutSeconds !== undefined ? String(own.requestTimeoutSeconds) : config?.get(key);
      }
      return config?.get(key);
    },
  };
  return resolveSettings(layered, env);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

/**
 * Which tenant resolved settings reach: two accounts with the same key at the same base URL are one tenant. A hash of
 * the key, never the key, so it may sit in maps and sets.
 */
export function tenantIdentity(settings: Pick<ProviderSettings, "apiKey" | "baseUrl">): string {
  return `${settings.baseUrl.replace(/\/+$/, "")} ${createHash("sha256").update(settings.apiKey).digest("hex")}`;
}
