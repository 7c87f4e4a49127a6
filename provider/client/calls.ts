/**
 * Walks every call newest-first past the 100-per-page limit. The API only has a strict `before`
 * cursor, so calls sharing the last call's createdAt would be skipped by `before = createdAt`;
 * the cursor is therefore createdAt + 1 ms and the calls already seen at the boundary are dropped by id.
 */
import type { Call, CallList } from "./schemas";
import { PilotStatusError } from "./errors";
import { checkInstant, checkLimit } from "./inputs";

export interface IterateCallsOptions {
  /** Page size, 1–100 (default 100). */
  pageSize?: number;
  /** Start with calls created strictly before this instant. */
  before?: string | Date;
  /** Stop at the first call created before this instant (calls at exactly `since` are yielded). */
  since?: string | Date;
}

export type ListCallsPage = (query: { limit: number; before?: string }) => Promise<CallList>;

export async function* iterateCalls(listPage: ListCallsPage, options: IterateCallsOptions = {}): AsyncGenerator<Call> {
  const pageSize = checkLimit(options.pageSize ?? 100, "pageSize");
  let before = options.before === undefined ? undefined : checkInstant(options.before, "before");
  const sinceMs = options.since === undefined ? undefined : Date.parse(checkInstant(options.since, "since"));
  // Ids yielded whose createdAt is at or after the current boundary millisecond.
  let seen = new Map<string, number>();
  let limit = pageSize;

  for (;;) {
    const page = await listPage(before === undefined ? { limit } : { limit, before });
    const calls = page.calls;
    let fresh = 0;
    for (const call of calls) {
      if (seen.has(call.id)) continue;
      const at = Date.parse(call.createdAt);
      if (sinceMs !== undefined && at < sinceMs) return;
      fresh += 1;
      seen.set(call.id, at);
      yield call;
    }
    if (calls.length < limit) return;

    const last = calls[calls.length - 1]!;
    const boundary = Date.parse(last.createdAt);
    if (Number.isNaN(boundary)) {
      throw new PilotStatusError({
        kind: "unexpected_response",
        method: "GET",
        path: "/v1/calls",
        message: `Pilot Status returned a call with an unparseable createdAt (${JSON.stringify(last.createdAt.slice(0, 64))}); cannot page further.`,
      });
    }
    if (fresh === 0) {
      // A full page of already-seen calls: more than `limit` share one millisecond.
      if (limit < 100) {
        limit = 100;
        continue;
      }
      throw new PilotStatusError({
        kind: "pagination",
        method: "GET",
        path: "/v1/calls",
        message: `More than 100 calls share createdAt ${last.createdAt}; the API's before-cursor cannot page past them without skipping calls.`,
      });
    }
    before = new Date(boundary + 1).toISOString();
    seen = new Map([...seen].filter(([, at]) => at >= boundary));
  }
}
