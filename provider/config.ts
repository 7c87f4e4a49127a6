/**
 * Where the provider finds its credentials and endpoint: stack config first, then the environment.
 * The resolved key lives only in the process that uses it; it is never captured into `__provider`.
 */
import type { PilotStatusClientOptions } from "./client";
import { DEFAULT_BASE_URL } from "./client/baseUrl";
import { characters, echoIfPlain, looksLikeApiKey } from "./client/text";

export const CONFIG_KEYS = {
  apiKey: "pilotstatus:apiKey",
  baseUrl: "pilotstatus:baseUrl",
  requestTimeoutSeconds: "pilotstatus:requestTimeoutSeconds",
  /** Named accounts (accounts.ts): an object of name -> { apiKey, baseUrl, requestTimeoutSeconds }. */
  accounts: "pilotstatus:accounts",
} as const;

export const ENV_VARS = {
  apiKey: "PILOT_STATUS_API_KEY",
  baseUrl: "PILOT_STATUS_BASE_URL",
  requestTimeoutSeconds: "PILOT_STATUS_REQUEST_TIMEOUT_SECONDS",
} as const;

export { DEFAULT_BASE_URL };

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

export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const apiKey = resolveApiKey(config, env);
  const baseUrl = pick(config?.get(CONFIG_KEYS.baseUrl)) ?? pick(env[ENV_VARS.baseUrl]) ?? DEFAULT_BASE_URL;
  const timeoutMs = resolveTimeoutMs(config, env);
  return timeoutMs === undefined ? { apiKey, baseUrl } : { apiKey, baseUrl, timeoutMs };
}

const pick = (value: string | undefined) => (value !== undefined && value.trim() !== "" ? value.trim() : undefined);

/** The key, from config then the environment; MissingApiKeyError when neither has one. */
export function resolveApiKey(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const apiKey = pick(config?.get(CONFIG_KEYS.apiKey)) ?? pick(env[ENV_VARS.apiKey]);
  if (apiKey === undefined) throw new MissingApiKeyError();
  return apiKey;
}

/** The per-request timeout in ms, from config then the environment; undefined for the client's default. */
export function resolveTimeoutMs(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fromConfig = pick(config?.get(CONFIG_KEYS.requestTimeoutSeconds));
  const timeout = fromConfig ?? pick(env[ENV_VARS.requestTimeoutSeconds]);
  if (timeout === undefined) return undefined;
  const seconds = Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    const where =
      fromConfig !== undefined
        ? `The stack config ${CONFIG_KEYS.requestTimeoutSeconds}`
        : `The environment variable ${ENV_VARS.requestTimeoutSeconds}`;
    throw new Error(`${where} must be a positive number of seconds, e.g. 30 (${describeSetting(timeout)})`);
  }
  return seconds * 1000;
}

/**
 * A bad setting's value for its error: shown only when it is short and number-like (clearly not a secret);
 * otherwise described, since it may be a key or token pasted into the wrong setting.
 */
function describeSetting(value: string): string {
  const shown = echoIfPlain(value, /^[-+\d.eE]+$/, 20);
  if (shown !== undefined) return `got ${shown}`;
  if (looksLikeApiKey(value)) return `it looks like a Pilot Status API key, which belongs in ${CONFIG_KEYS.apiKey}; the value is not shown`;
  return `got a value of ${characters(value.length)} that is not a number; it is not shown, in case it is a secret`;
}

/** The client options the resolved settings stand for (every caller adds its own retry or number). */
export function clientOptions(settings: ProviderSettings): PilotStatusClientOptions {
  const { apiKey, baseUrl, timeoutMs } = settings;
  return { apiKey, baseUrl, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}
