/**
 * Where the provider finds its credentials and endpoint: stack config first, then the environment.
 * The resolved key lives only in the process that uses it; it is never captured into `__provider`.
 */
import type { PilotStatusClientOptions } from "./client";

export const CONFIG_KEYS = {
  apiKey: "pilotstatus:apiKey",
  baseUrl: "pilotstatus:baseUrl",
  requestTimeoutSeconds: "pilotstatus:requestTimeoutSeconds",
} as const;

export const ENV_VARS = {
  apiKey: "PILOT_STATUS_API_KEY",
  baseUrl: "PILOT_STATUS_BASE_URL",
  requestTimeoutSeconds: "PILOT_STATUS_REQUEST_TIMEOUT_SECONDS",
} as const;

export const DEFAULT_BASE_URL = "https://pilotstatus.com.br";

export interface ProviderSettings {
  apiKey: string;
  baseUrl: string;
  /** Per-request timeout; the client's default (30 s) when absent. */
  timeoutMs?: number;
}

/** Anything that answers `get("pilotstatus:apiKey")`: the host's dynamic Config or a plain map. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export class MissingApiKeyError extends Error {
  constructor() {
    super(
      `No Pilot Status API key: set it with \`pulumi config set --secret ${CONFIG_KEYS.apiKey} ps_...\` ` +
        `or export ${ENV_VARS.apiKey}=ps_...`,
    );
    this.name = "MissingApiKeyError";
  }
}

export function resolveSettings(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  const pick = (key: string | undefined) => (key !== undefined && key.trim() !== "" ? key.trim() : undefined);
  const apiKey = pick(config?.get(CONFIG_KEYS.apiKey)) ?? pick(env[ENV_VARS.apiKey]);
  if (apiKey === undefined) throw new MissingApiKeyError();
  const baseUrl = pick(config?.get(CONFIG_KEYS.baseUrl)) ?? pick(env[ENV_VARS.baseUrl]) ?? DEFAULT_BASE_URL;
  const timeout = pick(config?.get(CONFIG_KEYS.requestTimeoutSeconds)) ?? pick(env[ENV_VARS.requestTimeoutSeconds]);
  if (timeout === undefined) return { apiKey, baseUrl };
  const seconds = Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(
      `${CONFIG_KEYS.requestTimeoutSeconds} / ${ENV_VARS.requestTimeoutSeconds} must be a positive number of seconds (got "${timeout}")`,
    );
  }
  return { apiKey, baseUrl, timeoutMs: seconds * 1000 };
}

/** The client options the resolved settings stand for (every caller adds its own retry or number). */
export function clientOptions(settings: ProviderSettings): PilotStatusClientOptions {
  const { apiKey, baseUrl, timeoutMs } = settings;
  return { apiKey, baseUrl, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}
