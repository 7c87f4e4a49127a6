/**
 * The API client of the Pulumi PROGRAM process, for data sources. Dynamic providers cannot serve
 * Invoke, so data sources call the API from the program itself, with the same settings the provider
 * host uses (stack config first, then the environment).
 */
import * as pulumi from "@pulumi/pulumi";
import { PilotStatusClient, type RetryOptions } from "../client";
import { type Account, accountName } from "../account";
import { resolveAccount } from "../accounts";
import { CONFIG_KEYS, type ConfigSource, clientOptions } from "../config";

/**
 * Stack config as the language host hands it to the program (secrets decrypted). `runtime.getConfig`
 * never logs; `Config.get` has a "use getSecret" warning for secret keys, disabled in 3.248 but marked
 * to come back (pulumi/pulumi#7127). The key never becomes an Output here, so nothing stores it.
 */
export const programConfig: ConfigSource = {
  get: (key) => pulumi.runtime.getConfig(key),
};

export interface ProgramClientOptions {
  /** The account (tenant) to read: an Account or its name (accounts.ts). Default: `pilotstatus:apiKey`. */
  account?: Account | string;
  /** Overrides `pilotstatus:apiKey` / PILOT_STATUS_API_KEY, e.g. with a number-scoped key. */
  apiKey?: string;
  /** Overrides `pilotstatus:baseUrl` / PILOT_STATUS_BASE_URL. */
  baseUrl?: string;
  /** Names the number for per-number endpoints when the key is tenant-scoped. */
  numberId?: string;
  retry?: RetryOptions;
}

/**
 * How a data source gets its client: from the program's settings and the data source's options (programConnect), or
 * from the provider plugin's configuration. The data source adds only what it names itself (a number-scoped key).
 */
export type Connect = (extra?: Pick<ProgramClientOptions, "apiKey" | "numberId">) => PilotStatusClient;

export function programConnect(opts: DataSourceOptions): Connect {
  return (extra = {}) => programClient({ ...opts, ...extra });
}

/** Connection options every data source accepts as its second argument. */
export interface DataSourceOptions {
  /** The account (tenant) to read, like an explicit provider: an Account or its name. Default: `pilotstatus:apiKey`. */
  account?: Account | string;
  /** Overrides `pilotstatus:baseUrl` / PILOT_STATUS_BASE_URL. */
  baseUrl?: string;
  /** Retry/backoff of the API client (defaults: the client's). */
  retry?: RetryOptions;
}

function layered(base: ConfigSource, overrides: Partial<Record<string, string>>): ConfigSource {
  return { get: (key) => overrides[key] ?? base.get(key) };
}

export function programClient(
  options: ProgramClientOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  config: ConfigSource = programConfig,
): PilotStatusClient {
  const overrides: Partial<Record<string, string>> = {};
  if (options.apiKey !== undefined) overrides[CONFIG_KEYS.apiKey] = options.apiKey;
  if (options.baseUrl !== undefined) overrides[CONFIG_KEYS.baseUrl] = options.baseUrl;
  const settings = resolveAccount(accountName(options.account), layered(config, overrides), env);
  // Explicit overrides win over what the account sets.
  if (options.apiKey !== undefined) settings.apiKey = options.apiKey;
  if (options.baseUrl !== undefined) settings.baseUrl = options.baseUrl;
  return new PilotStatusClient({
    ...clientOptions(settings),
    ...(options.numberId !== undefined ? { numberId: options.numberId } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
  });
}
