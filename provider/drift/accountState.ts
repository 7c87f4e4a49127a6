/**
 * What the account has: one list call, then a detail call (for health) only for the declared numbers
 * that the list shows; unmanaged numbers need nothing beyond the list. At most `concurrency` details are in flight;
 * their pace is the client's: every request on the key takes its turn from the key's scheduler, which pauses on a
 * 429 and paces at the rate the service allows. With `details: false`, the list call only: name, number, provider,
 * state and connection are all in it; health is not.
 */
import { type NumberDetail, type NumberSummary, PilotStatusError, type PilotStatusClient } from "../client";
import type { AccountSnapshot } from "./compare";

export interface AuditProgress {
  phase: "list" | "detail";
  done: number;
  total: number;
  /** Client retries so far (429s included). */
  retries: number;
  /** Detail requests in flight at most. */
  concurrency: number;
  /** Which tenant is being read, when the audit reads named accounts (`account "acme"`, `the default account`). */
  tenant?: string;
}

/** The client methods the audit uses. */
export type AccountReader = Pick<PilotStatusClient, "listNumbers" | "getNumber">;

export interface FetchAccountOptions {
  /** Detail requests in flight at once (at least 1). */
  concurrency: number;
  /** Retries the client has made so far, for progress. */
  retries?: () => number;
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
  { concurrency, retries = () => 0, onProgress, details: readDetails = true }: FetchAccountOptions,
): Promise<FetchedAccount> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number >= 1 (got ${concurrency})`);
  const progress = (phase: AuditProgress["phase"], done: number, total: number) =>
    onProgress?.({ phase, done, total, retries: retries(), concurrency });

  progress("list", 0, 1);
  const numbers = (await client.listNumbers()).map(keptSummary);
  progress("list", 1, 1);
  if (!readDetails) return { numbers, details: new Map(), vanished: new Set(), listRequests: 1, detailRequests: 0 };

  const wanted = numbers.filter((n) => declaredIds.has(n.id)).map((n) => n.id);
  const details = new Map<string, NumberDetail>();
  const vanished = new Set<string>();
  let done = 0;
  let failed = false;
  progress("detail", 0, wanted.length);
  // `concurrency` workers, each taking the next id: never 20,000 queued tasks (~60 MiB of peak at 20,000 numbers).
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!failed && next < wanted.length) {
      const id = wanted[next++]!;
      try {
        details.set(id, keptDetail(await client.getNumber(id)));
      } catch (e) {
        if (PilotStatusError.isNotFound(e)) vanished.add(id);
        else {
          failed = true; // one failure fails the audit: send nothing more
          throw e;
        }
      }
      done += 1;
      progress("detail", done, wanted.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, worker));
  return { numbers, details, vanished, listRequests: 1, detailRequests: wanted.length };
}
