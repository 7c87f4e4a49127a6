/**
 * Creating a number exactly once. A POST is never repeated blindly: when its outcome is unknown (a dropped
 * connection, a timeout after sending, a 2xx whose body cannot be read), look for the number it made, for as long
 * as the recovery budget allows, and take it only if this POST made it: same phone number, name and provider, and
 * created after the POST started. Anything else is an error that names the number; a number that existed before is
 * never taken over.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type NumberSummary, type PilotStatusClient, PilotStatusError } from "../client";
import { findByPhone, quoteName } from "./numberLifecycle";

/** What the POST asked for: a number found afterwards must match it to count as this POST's. */
export interface CreateTarget {
  /** E.164. */
  readonly number: string;
  readonly name: string;
  readonly provider: string;
}

export interface RecoverySettings {
  /** How long to look for the number after an unknown outcome (default 60 s, the client's retry budget). */
  readonly budgetMs?: number;
  /** How far the service's clock may be behind ours when comparing creation times (default 2 min). */
  readonly clockSkewMs?: number;
}

export const RECOVERY_ENV = "PILOT_STATUS_CREATE_RECOVERY_SECONDS";

export function defaultRecoveryBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env[RECOVERY_ENV]);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 60_000;
}

export async function createOnce<T>(
  client: PilotStatusClient,
  target: CreateTarget,
  post: () => Promise<T>,
  idOf: (created: T) => string,
  settings: RecoverySettings = {},
): Promise<{ id: string; created: T | undefined }> {
  const startedAt = Date.now();
  try {
    const created = await post();
    return { id: idOf(created), created };
  } catch (e) {
    if (!PilotStatusError.isOutcomeUnknown(e)) throw await explainCreateError(client, e, target.number);
    return { id: await recover(client, target, startedAt, e, settings), created: undefined };
  }
}

/** Why `found` is not the number this POST made, or undefined when it is. */
function notThisCreate(found: NumberSummary, target: CreateTarget, startedAt: number, skewMs: number): string | undefined {
  if (found.provider !== target.provider) return `its provider is ${found.provider}, not ${target.provider}`;
  if (found.name !== target.name) return `its name is ${quoteName(found.name)}, not ${quoteName(target.name)}`;
  if (found.createdAt === undefined) return "the service gives no creation time to show it is new";
  const created = Date.parse(found.createdAt);
  if (!(created >= startedAt - skewMs)) return `it was created at ${found.createdAt}, before this create started`;
  return undefined;
}

async function recover(
  client: PilotStatusClient,
  target: CreateTarget,
  startedAt: number,
  failure: PilotStatusError,
  settings: RecoverySettings,
): Promise<string> {
  const budgetMs = settings.budgetMs ?? defaultRecoveryBudgetMs();
  const skewMs = settings.clockSkewMs ?? 120_000;
  const deadline = Date.now() + budgetMs;
  const what = `Creating ${target.number} did not complete (${failure.message})`;
  let lookupError: string | undefined;
  // A slow server may still be applying the POST: look again with growing pauses until the budget is spent.
  for (let pauseMs = 0; ; pauseMs = Math.min(Math.max(pauseMs * 2, 500), 8_000)) {
    if (pauseMs > 0) await sleep(Math.max(0, Math.min(pauseMs, deadline - Date.now())));
    let found: NumberSummary | undefined;
    try {
      found = await findByPhone(client, target.number);
      lookupError = undefined;
    } catch (e) {
      lookupError = e instanceof Error ? e.message : String(e);
    }
    if (found !== undefined) {
      const why = notThisCreate(found, target, startedAt, skewMs);
      if (why === undefined) return found.id;
      throw new Error(
        `${what}, and the tenant has ${target.number} as ${found.id} (${quoteName(found.name)}, ${found.provider}), which this ` +
          `create did not make: ${why}. It was not taken over. If it is the number you meant, set ` +
          "`adoptExisting: true` and run `pulumi up`; otherwise delete it in the dashboard and run `pulumi up` again.",
      );
    }
    if (Date.now() >= deadline) break;
  }
  const seconds = Math.round(budgetMs / 1000);
  if (lookupError !== undefined) {
    throw new Error(
      `${what}, and looking for it failed for ${seconds} s (${lookupError}): whether the service created it is ` +
        `unknown. Check the dashboard: if ${target.number} is there, set \`adoptExisting: true\` and run \`pulumi up\`; ` +
        "if not, run `pulumi up` again.",
    );
  }
  throw new Error(
    `${what}, and the tenant has no such number after ${seconds} s of looking: nothing was created (or the service ` +
      "is slower than that). Run `pulumi up` again; if it then reports that the number already exists, set " +
      "`adoptExisting: true` to take it over.",
  );
}

/**
 * A refused duplicate: name the number that holds the phone number and the ways this happens under Pulumi, each
 * with its way out (the provider cannot tell them apart: Create is not told why it runs).
 */
async function explainCreateError(client: PilotStatusClient, e: unknown, e164: string): Promise<unknown> {
  if (!PilotStatusError.isAlreadyExists(e)) return e;
  const holder = await findByPhone(client, e164).catch(() => undefined);
  const which = holder ? ` as ${holder.id} (${quoteName(holder.name)}, ${holder.provider})` : "";
  return new Error(
    `${e164} already exists in this Pilot Status tenant${which}, so the service refused to create it again; nothing ` +
      "was created. If an interrupted `pulumi up` or someone outside this stack created it, set " +
      "`adoptExisting: true` on the resource and run `pulumi up` to take it into the state (the substitute for " +
      "`pulumi import`). If this is a replacement whose old number is still there (`retainOnDelete`, or " +
      "`deleteBeforeReplace: false`, makes the engine create the new number first), delete the old number in the " +
      "dashboard or drop that option.",
  );
}
