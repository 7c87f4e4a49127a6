/**
 * What the account has: one list call, then a detail call (for health) only for the declared numbers
 * that the list shows; unmanaged numbers need nothing beyond the list. Details go through the
 * AdaptiveLimiter: at most `concurrency` at a time, fewer after a 429. With `details: false`, the list
 * call only: name, number, provider, state and connection are all in it; health is not.
 */
import { type NumberDetail, PilotStatusError, type PilotStatusClient } from "../client";
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

export async function fetchAccountState(
  client: AccountReader,
  declaredIds: ReadonlySet<string>,
  { limiter, onProgress, details: readDetails = true }: FetchAccountOptions,
): Promise<FetchedAccount> {
  const progress = (phase: AuditProgress["phase"], done: number, total: number) =>
    onProgress?.({ phase, done, total, retries: limiter.retries, concurrency: limiter.limit });

  progress("list", 0, 1);
  const numbers = await limiter.run(() => client.listNumbers());
  progress("list", 1, 1);
  if (!readDetails) return { numbers, details: new Map(), vanished: new Set(), listRequests: 1, detailRequests: 0 };

  const wanted = numbers.filter((n) => declaredIds.has(n.id)).map((n) => n.id);
  const details = new Map<string, NumberDetail>();
  const vanished = new Set<string>();
  let done = 0;
  let failed = false;
  progress("detail", 0, wanted.length);
  await Promise.all(
    wanted.map((id) =>
      limiter.run(async () => {
        if (failed) return; // one failure fails the audit: send nothing more
        try {
          details.set(id, await client.getNumber(id));
        } catch (e) {
          if (PilotStatusError.isNotFound(e)) vanished.add(id);
          else {
            failed = true;
            throw e;
          }
        }
        done += 1;
        progress("detail", done, wanted.length);
      }),
    ),
  );
  return { numbers, details, vanished, listRequests: 1, detailRequests: wanted.length };
}
