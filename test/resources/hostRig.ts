// Shared set-up for resource tests through the real dynamic-provider host: an emulator, a configured host,
// the serialized loader exactly as dynamic.Resource stores it, and request-count helpers.
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { startEmulator, type EmulatorHandle } from "pulumi-pilotstatus-emulator";
import type { ProviderHost } from "../../testing/providerHost";
import { RESOURCE_KIND_NAMES, type ResourceKind, typeToken } from "../../provider/resources/kinds";
import { forwardTo } from "../support/forward";
import { providerHost, repoRoot, serialize } from "../support/compiled";

const load = createRequire(import.meta.url);
const loader = load(path.join(repoRoot, "dist/provider/engine/loader.js")) as typeof import("../../provider/engine/loader");

export type Kind = ResourceKind;
export const typeOf = (kind: Kind) => typeToken(kind);

export interface Rig {
  emu: EmulatorHandle;
  host: ProviderHost;
  provider: Record<Kind, string>;
  stop(): Promise<void>;
}

export async function startRig(opts: { requestTimeoutSeconds?: number } = {}): Promise<Rig> {
  const emu = await startEmulator({ port: 0 });
  const host = await providerHost.startProviderHost({
    cwd: repoRoot,
    project: "numbers",
    // Short waits: pairing polls, and the look for a number whose create POST had an unknown outcome.
    env: {
      PILOT_STATUS_POLL_INTERVAL_MS: "50",
      PILOT_STATUS_CREATE_RECOVERY_SECONDS: "2",
      PILOT_STATUS_API_KEY: "",
      PILOT_STATUS_BASE_URL: "",
    },
  });
  const config: Record<string, string> = { "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url };
  if (opts.requestTimeoutSeconds !== undefined) {
    config["pilotstatus:requestTimeoutSeconds"] = String(opts.requestTimeoutSeconds);
  }
  await host.configure(config, { secretKeys: ["pilotstatus:apiKey"] });
  const provider = {} as Record<Kind, string>;
  for (const kind of RESOURCE_KIND_NAMES) provider[kind] = await serialize.serializeProvider(loader.loaderFor(kind));
  return {
    emu,
    host,
    provider,
    async stop() {
      await host.stop();
      await emu.stop();
    },
  };
}

/**
 * For one test file: a rig started before its tests and stopped after them; with `reset` (default true) the
 * emulator's numbers and faults are cleared before each test. The returned object forwards to the running rig.
 */
export function useRig(opts: { reset?: boolean } = {}): Rig {
  let running: Rig | undefined;
  const current = (): Rig => {
    if (!running) throw new Error("useRig: the rig only runs during the file's tests and hooks");
    return running;
  };
  beforeAll(async () => {
    running = await startRig();
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  if (opts.reset ?? true) {
    beforeEach(async () => {
      await current().emu.control.reset();
      await current().emu.control.clearFaults();
    });
  }
  return forwardTo(current);
}

/** Check of `news` (with the serialized loader) through the rig's host: its URN and checked inputs; no failures. */
export async function checked(rig: Rig, kind: Kind, name: string, news: Record<string, unknown>) {
  const urn = rig.host.urn(typeOf(kind), name);
  const res = await rig.host.check(urn, {}, { ...news, __provider: rig.provider[kind] });
  expect(res.failures).toEqual([]);
  return { urn, inputs: res.inputs };
}

/** Requests since the last call, as `{ "POST /v1/numbers": 1, ... }` without zero entries. */
export async function takeRequests(emu: EmulatorHandle): Promise<Record<string, number>> {
  const { counts } = await emu.control.requests();
  await emu.control.resetRequests();
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
