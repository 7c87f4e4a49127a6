/**
 * What the account has: one list call, then a detail call (for health) only for the declared numbers
 * that the list shows; unmanaged numbers need nothing beyond the list. Details go through the
 * AdaptiveLimiter: at most `concurrency` at a time, fewer after a 429. With `details: false`, the list
 * call only: name, number, provider, state and connection are all in it; health is not.
 */
import { type NumberDetail, type NumberSummary, PilotStatusError, type PilotStatusClient } from "../client";
import type { AccountSnapshot } from "./compare";
import type { AdaptiveLimiter } from "./adaptiveLimiter";

export interface AuditProgress {
  phase: "list" | "detail";
  done: number;
  total: number;
  /** Client retries so far (429s included). */
  retries: number;
  /** Current concurrency. */
  concurrency: number;
}

/** The client methods the audit uses. */
export type AccountReader = Pick<PilotStatusClient, "listNumbers" | "getNumber">;

export interface FetchAccountOptions {
  limiter: AdaptiveLimiter;
  onProgress?: (p: AuditProgress) => void;
  /** Default true. False: the list only, no detail request (no health; see HealthCheck in report.schema.ts). */
  details?: boolean;
}

export interface FetchedAccount extends AccountSnapshot {
  listRequests: number;
  detailRequests: number;
}

/**
 * What compare() reads of a listed number: a tenant of 20,000 numbers holds all of them for the whole audit, so
 * the key summaries, instance names and timestamps are dropped (V8 lets the heap grow to a multiple of what stays
 * alive: less kept is a lower peak while the detail requests run).
 */
function keptSummary(n: NumberSummary): NumberSummary {
  return { id: n.id, number: n.number, name: n.name, provider: n.provider, state: n.state, isFullyConnected: n.isFullyConnected };
}

/** What compare() reads of a detail: the summary's fields and the health, not the Meta snapshot. */
function keptDetail(n: NumberDetail): NumberDetail {
  return { ...keptSummary(n), health: n.health ?? null };
}

export async function fetchAccountState(
  client: AccountReader,
  declaredIds: ReadonlySet<string>,
  { limiter, onProgress, details: readDetails = true }: FetchAccountOptions,
): Promise<FetchedAccount> {
  const progress = (phase: AuditProgress["phase"], done: number, total: number) =>
    onProgress?.({ phase, done, total, retries: limiter.retries, concurrency: limiter.limit });

  progress("list", 0, 1);
  const numbers = (await limiter.run(() => client.listNumbers())).map(keptSummary);
  progress("list", 1, 1);
  if (!readDetails) return { numbers, details: new Map(), vanished: new Set(), listRequests: 1, detailRequests: 0 };

  const wanted = numbers.filter((n) => declaredIds.has(n.id)).map((n) => n.id);
  const details = new Map<string, NumberDetail>();
  const vanished = new Set<string>();
  let done = 0;
  let failed = false;
  progress("detail", 0, wanted.length);
  // As many workers as the limiter ever lets run, each taking the next id: the limiter still decides how many run
  // (fewer after a 429, none while paused), but never holds 20,000 queued tasks (~60 MiB of peak at 20,000 numbers).
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!failed && next < wanted.length) {
      const id = wanted[next++]!;
      await limiter.run(async () => {
        if (failed) return; // one failure fails the audit: send nothing more
        try {
          details.set(id, keptDetail(await client.getNumber(id)));
        } catch (e) {
          if (PilotStatusError.isNotFound(e)) vanished.add(id);
          else {
            failed = true;
            throw e;
          }
        }
        done += 1;
        progress("detail", done, wanted.length);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limiter.max, wanted.length) }, worker));
  return { numbers, details, vanished, listRequests: 1, detailRequests: wanted.length };
}
