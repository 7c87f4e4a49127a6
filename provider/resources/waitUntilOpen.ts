/** Poll the lightweight status endpoint until the phone's owner has paired the number. */
import { setTimeout as sleep } from "node:timers/promises";
import type { NumberStatus, PilotStatusClient } from "../client";

export interface WaitSettings {
  /** Between polls (default 5 s; env PILOT_STATUS_POLL_INTERVAL_MS for tests and demos). */
  pollIntervalMs?: number;
  now?: () => number;
}

export function defaultPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.PILOT_STATUS_POLL_INTERVAL_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 5_000;
}

/** The OPEN status, or undefined when `timeoutSeconds` passed first. */
export async function waitUntilOpen(
  client: PilotStatusClient,
  id: string,
  timeoutSeconds: number,
  settings: WaitSettings = {},
): Promise<NumberStatus | undefined> {
  const now = settings.now ?? Date.now;
  const interval = settings.pollIntervalMs ?? defaultPollIntervalMs();
  const deadline = now() + timeoutSeconds * 1000;
  for (;;) {
    const status = await client.getNumberStatus(id);
    if (status.state === "OPEN") return status;
    const left = deadline - now();
    if (left <= 0) return undefined;
    await sleep(Math.min(interval, left));
  }
}
