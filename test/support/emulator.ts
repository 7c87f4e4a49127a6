/** The in-process emulator for one test file: started before its tests, reset before each, stopped after. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type EmulatorHandle, startEmulator } from "pulumi-pilotstatus-emulator";
import { forgetRateLimits } from "../../provider/client/scheduler";
import { useEnv } from "./env";
import { forwardTo } from "./forward";

export interface UseEmulatorOptions {
  /** Point PILOT_STATUS_API_KEY / PILOT_STATUS_BASE_URL at the emulator for each test, then restore them. */
  env?: boolean;
  /** Default 0: a free port. */
  port?: number;
  /** Default true: before each test, clear numbers, faults, request counts and the rate limit (and the pace learned from it). */
  reset?: boolean;
}

/**
 * Registers the hooks and returns a handle that forwards to the running emulator, so it can be declared at
 * the top of a file and used in tests and hooks (reading it outside them throws).
 */
export function useEmulator(opts: UseEmulatorOptions = {}): EmulatorHandle {
  let running: EmulatorHandle | undefined;
  const current = (): EmulatorHandle => {
    if (!running) throw new Error("useEmulator: the emulator only runs during the file's tests and hooks");
    return running;
  };

  beforeAll(async () => {
    running = await startEmulator({ port: opts.port ?? 0 });
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  if (opts.reset ?? true) {
    beforeEach(async () => {
      const { control } = current();
      await control.reset();
      // Already part of reset; explicit so a test never starts with a leftover fault or count.
      await control.clearFaults();
      await control.resetRequests();
      // The reset emulator has no rate limit: this process's schedulers forget the pace they learned.
      forgetRateLimits();
    });
  }
  if (opts.env) useEnv(() => emulatorEnv(current()));

  return forwardTo(current);
}

/** The environment the provider and the drift CLI read, pointing at `emu` with its tenant key. */
export function emulatorEnv(emu: EmulatorHandle): { PILOT_STATUS_API_KEY: string; PILOT_STATUS_BASE_URL: string } {
  return { PILOT_STATUS_API_KEY: emu.tenantKey, PILOT_STATUS_BASE_URL: emu.url };
}
