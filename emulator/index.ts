/** startEmulator(): a real HTTP server that behaves like the Pilot Status API, plus its control API. */
import { EmulatorControl } from "./control";
import type { EmulatorContext } from "./context";
import { FaultQueue } from "./faults";
import { tenantKeys } from "./keys";
import { Persistence } from "./persistence";
import { RateLimiter } from "./rateLimit";
import { RequestCounter } from "./requestCounter";
import { seedSample } from "./sample";
import { buildServer } from "./server";
import { Store } from "./state";

export { EmulatorControl, ControlError } from "./control";
export type { ControlNumber, StateDump } from "./control";
export type { FaultBody as FaultSpec } from "./controlSchemas";
export { DEFAULT_TENANT_KEY, DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID, TENANT_KEY_ENV } from "./keys";

export interface EmulatorOptions {
  /** 0 = random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file to load at start and keep up to date. */
  dataFile?: string;
  logger?: boolean;
  /** Seed the demo numbers and calls (only into an empty store). */
  sample?: boolean;
  /** One line per public request. */
  onRequestLog?: (line: string) => void;
  /**
   * Base of the links the API hands out (`webhookUrl`, `remotePairingUrl`), e.g. the address clients reach it
   * by through a proxy. Default: the URL it listens on. A request's Host header is never used.
   */
  publicUrl?: string;
}

export interface EmulatorHandle {
  url: string;
  /** Base of the links in API answers: `publicUrl` if given, else `url`. */
  publicUrl: string;
  tenantKey: string;
  tenantKeyId: string;
  otherTenantKey: string;
  otherTenantKeyId: string;
  control: EmulatorControl;
  stop(): Promise<void>;
}

/** An http(s) URL without credentials, query or fragment; the trailing slash dropped. */
export function normalizePublicUrl(value: string, label = "publicUrl"): string {
  let u: URL | null;
  try {
    u = new URL(value);
  } catch {
    u = null;
  }
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password || /[?#]/.test(value)) {
    throw new Error(
      `${label} takes an http(s) URL without credentials, query or fragment, such as https://emulator.example.test, not "${value.slice(0, 200)}"`,
    );
  }
  return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const configuredPublicUrl = opts.publicUrl === undefined ? null : normalizePublicUrl(opts.publicUrl);
  const keys = tenantKeys();
  const store = new Store(keys);
  const persistence = opts.dataFile ? new Persistence(opts.dataFile, store) : null;
  persistence?.attach(); // takes the data file's lock: refused while another emulator runs on it
  try {
    return await serve(opts, configuredPublicUrl, keys, store, persistence);
  } catch (e) {
    persistence?.release(); // e.g. the port is taken: the next start must not find the file locked
    throw e;
  }
}

async function serve(
  opts: EmulatorOptions,
  configuredPublicUrl: string | null,
  keys: ReturnType<typeof tenantKeys>,
  store: Store,
  persistence: Persistence | null,
): Promise<EmulatorHandle> {
  if (opts.sample) seedSample(store);
  persistence?.flush();

  const ctx: EmulatorContext = {
    store,
    faults: new FaultQueue(),
    rateLimiter: new RateLimiter(),
    counter: new RequestCounter(),
    tenantKeys: keys,
    publicUrl: "", // set below, once the port is known
    ...(persistence ? { persist: () => persistence.flushIfDirty() } : {}),
  };
  const app = buildServer(ctx, {
    ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
    ...(opts.onRequestLog ? { onRequestLog: opts.onRequestLog } : {}),
  });
  const host = opts.host ?? "127.0.0.1";
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : opts.port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  ctx.publicUrl = configuredPublicUrl ?? url;

  const tenant = keys.find((k) => k.tenant === "default")!;
  const other = keys.find((k) => k.tenant === "other")!;
  let stopped = false;
  return {
    url,
    publicUrl: ctx.publicUrl,
    tenantKey: tenant.raw,
    tenantKeyId: tenant.id,
    otherTenantKey: other.raw,
    otherTenantKeyId: other.id,
    control: new EmulatorControl(url),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await app.close();
      } finally {
        persistence?.close(); // last write, then the lock is released
      }
    },
  };
}

export type { NumberDetailView } from "./views";
