/**
 * The audit itself, as a pure function: declared numbers (stack state) × the account (API) → report.
 * No I/O here, so every rule is testable on plain data.
 */
import type { NumberDetail, NumberSummary } from "../client/schemas";
import { toE164 } from "../phoneNumber";
import type { DeclaredNumber } from "./declaredNumber";
import { unhealthyReasons } from "./health";
import { IgnoreList } from "./ignoreList";
import {
  type ChangedEntry,
  DRIFT_BUCKETS,
  type DriftBucket,
  type DriftReport,
  type FieldChange,
  type HealthCheck,
  type InSyncEntry,
  type MissingEntry,
  REPORT_SCHEMA_VERSION,
  type UnhealthyEntry,
  type UnmanagedEntry,
  type Warning,
} from "./report.schema";
import { type StackSourceState, ourResourceCount } from "./stackState";

export interface AccountSnapshot {
  /** GET /v1/numbers. */
  numbers: readonly NumberSummary[];
  /** GET /v1/numbers/{id} of the declared numbers that are present (none when the audit read the list only). */
  details: ReadonlyMap<string, NumberDetail>;
  /** Listed, but 404 on detail: deleted while the audit ran. */
  vanished?: ReadonlySet<string>;
}

export interface CompareInput {
  sources: readonly StackSourceState[];
  account: AccountSnapshot;
  ignore?: IgnoreList;
  /** Default: every bucket. */
  failOn?: readonly DriftBucket[];
  baseUrl: string;
  generatedAt: string;
  api: DriftReport["api"];
  /** Default "full". "stateOnly": the account was listed only, so health is what the list says (state, connection). */
  healthCheck?: HealthCheck;
}

/** UNUSED_IGNORE_ENTRY warnings that name their entry; the rest are counted in one more. */
export const UNUSED_IGNORE_LISTED = 20;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Declared numbers across sources, each id once; the rest become warnings. */
function mergeDeclared(sources: readonly StackSourceState[], warnings: Warning[]): DeclaredNumber[] {
  const seen = new Map<string, DeclaredNumber>();
  for (const s of sources) {
    for (const d of s.numbers) {
      const first = seen.get(d.id);
      if (first) {
        warnings.push({
          code: "DUPLICATE_DECLARATION",
          message: `number ${d.id} is declared twice: ${first.urn} (${first.source}) and ${d.urn} (${d.source}); two stacks managing one number will fight over it`,
        });
        continue;
      }
      seen.set(d.id, d);
    }
  }
  return [...seen.values()];
}

/** An account number as compared: the detail when there is one, else the list's entry; its number in E.164, once. */
interface AccountNumber {
  n: NumberSummary;
  e164: string;
  /** From the detail; null when it has none or there is no detail (stateOnly). */
  health: NumberDetail["health"];
}

function fieldChanges(d: DeclaredNumber, { n: a, e164 }: AccountNumber): FieldChange[] {
  const changes: FieldChange[] = [];
  if (d.name !== null && d.name !== a.name) changes.push({ field: "name", state: d.name, account: a.name });
  if (d.number !== null && d.number !== e164) changes.push({ field: "number", state: d.number, account: e164 });
  if (d.provider !== a.provider) changes.push({ field: "provider", state: d.provider, account: a.provider });
  return changes;
}

export function compare(input: CompareInput): DriftReport {
  const ignore = input.ignore ?? new IgnoreList();
  const failOn = [...(input.failOn ?? DRIFT_BUCKETS)];
  const warnings: Warning[] = [];
  const usedIgnores = new Set<unknown>();
  const ignored = new Set<string>();
  const isIgnored = (id: string, number: string | null): boolean => {
    const hits = ignore.matching(id, number);
    for (const h of hits) usedIgnores.add(h);
    if (hits.length > 0) ignored.add(id);
    return hits.length > 0;
  };

  for (const s of input.sources) {
    if (ourResourceCount(s) === 0) {
      warnings.push({ code: "SOURCE_WITHOUT_NUMBERS", message: `${s.name} declares no pulumi-pilotstatus numbers` });
    }
    for (const urn of s.withoutId) {
      warnings.push({ code: "RESOURCE_WITHOUT_ID", message: `${urn} (${s.name}) has no id in the state (its create never finished); skipped` });
    }
  }

  // The account, indexed once: by id here, by E.164 number below. Every lookup after this is one Map.get, so the
  // comparison is O(N + D) however many declared numbers are missing.
  const vanished = input.account.vanished ?? new Set<string>();
  const account = new Map<string, AccountNumber>();
  for (const listed of input.account.numbers) {
    if (vanished.has(listed.id)) continue;
    if (isIgnored(listed.id, listed.number)) continue;
    const detail = input.account.details.get(listed.id);
    const n = detail ?? listed;
    account.set(listed.id, { n, e164: toE164(n.number), health: detail?.health ?? null });
  }

  const pendingDelete = new Set(input.sources.flatMap((s) => s.pendingDeleteIds));
  for (const id of pendingDelete) {
    if (account.has(id)) {
      warnings.push({ code: "PENDING_DELETE", message: `number ${id} is a replaced resource awaiting deletion; the next \`pulumi up\` deletes it` });
      account.delete(id);
    }
  }

  const declared = mergeDeclared(input.sources, warnings).filter((d) => !isIgnored(d.id, d.number));
  const declaredIds = new Set(declared.map((d) => d.id));

  const inSync: InSyncEntry[] = [];
  const changed: ChangedEntry[] = [];
  const missing: MissingEntry[] = [];
  const unhealthy: UnhealthyEntry[] = [];
  // The first undeclared account number of each phone number, for "recreated?" notes: one pass, not one per missing number.
  const undeclaredByNumber = new Map<string, string>();
  for (const [id, { e164 }] of account) {
    if (!declaredIds.has(id) && !undeclaredByNumber.has(e164)) undeclaredByNumber.set(e164, id);
  }
  for (const d of declared) {
    const ref = { id: d.id, urn: d.urn, resourceType: d.resourceType, stack: d.stack, source: d.source };
    const values = { name: d.name, number: d.number, provider: d.provider };
    const entry = account.get(d.id);
    if (entry === undefined) {
      const twin = d.number === null ? undefined : undeclaredByNumber.get(d.number);
      missing.push({ ...ref, ...values, sameNumberInAccount: twin ?? null });
      continue;
    }
    const changes = fieldChanges(d, entry);
    if (changes.length > 0) changed.push({ ...ref, ...values, changes });
    else inSync.push({ ...ref, ...values });

    // Listed only (stateOnly): no health, so the reasons are the list's state and connection.
    const a = entry.n;
    const health = entry.health ?? null;
    const reasons = unhealthyReasons({ state: a.state, isFullyConnected: a.isFullyConnected, health });
    if (reasons.length > 0) {
      unhealthy.push({
        ...ref,
        name: a.name,
        number: entry.e164,
        provider: a.provider,
        state: a.state,
        isFullyConnected: a.isFullyConnected,
        health: health && {
          qualityRating: health.qualityRating,
          messagingLimitTier: health.messagingLimitTier,
          metaStatus: health.metaStatus,
          sendable: health.sendable,
        },
        reasons,
      });
    }
  }

  if (declared.length > 0 && missing.length === declared.length) {
    warnings.push({
      code: "ALL_MISSING",
      message: `none of the ${declared.length} declared numbers is in the account at ${input.baseUrl}: is the API key from the right tenant, and the base URL right?`,
    });
  }

  const unmanaged: UnmanagedEntry[] = [];
  for (const [id, { n, e164 }] of account) {
    if (!declaredIds.has(id)) unmanaged.push({ id, name: n.name, number: e164, provider: n.provider, state: n.state });
  }

  // One warning an entry up to a point; a long list kept for another tenant would bury the report.
  const unused = ignore.entries.filter((e) => !usedIgnores.has(e));
  for (const e of unused.slice(0, UNUSED_IGNORE_LISTED)) {
    warnings.push({ code: "UNUSED_IGNORE_ENTRY", message: `ignore entry ${e.text} matches no number in the account or the state` });
  }
  if (unused.length > UNUSED_IGNORE_LISTED) {
    warnings.push({
      code: "UNUSED_IGNORE_ENTRY",
      message: `${unused.length - UNUSED_IGNORE_LISTED} more ignore entries match no number in the account or the state (${unused.length} of ${ignore.entries.length} in all)`,
    });
  }

  const managed = inSync.length + changed.length;
  const accountTotal = account.size;
  const buckets = {
    inSync: inSync.sort(byId),
    changed: changed.sort(byId),
    missing: missing.sort(byId),
    unmanaged: unmanaged.sort(byId),
    unhealthy: unhealthy.sort(byId),
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    baseUrl: input.baseUrl,
    sources: input.sources.map((s) => ({ kind: s.kind, name: s.name, numbers: s.numbers.length, stacks: s.stacks })),
    failOn,
    drifted: failOn.some((b) => buckets[b].length > 0),
    healthCheck: input.healthCheck ?? "full",
    summary: {
      accountTotal,
      declared: declared.length,
      managed,
      inSync: inSync.length,
      changed: changed.length,
      missing: missing.length,
      unmanaged: unmanaged.length,
      unhealthy: unhealthy.length,
      ignored: ignored.size,
    },
    // Rounded down, so a tenant with one unmanaged number in 10,000 never shows 100%.
    coverage: accountTotal === 0 ? 100 : Math.floor((managed * 1000) / accountTotal) / 10,
    ...buckets,
    ignored: [...ignored].sort(),
    warnings,
    api: input.api,
  };
}
