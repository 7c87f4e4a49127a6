/**
 * The audit itself, as a pure function: declared numbers (stack state) × the account (API) → report.
 * No I/O here, so every rule is testable on plain data.
 */
import type { NumberDetail, NumberSummary } from "../client/schemas";
import { toE164 } from "../phoneNumber";
import { toHealthOutput } from "../resources/numberOutputs.schema";
import type { DeclaredNumber } from "./declaredNumber";
import { unhealthyReasons } from "./health";
import { IgnoreList } from "./ignoreList";
import {
  type ApiUsage,
  type ChangedEntry,
  DRIFT_BUCKETS,
  type DriftBucket,
  type DriftReport,
  type DriftSummary,
  type FieldChange,
  type HealthCheck,
  type InSyncEntry,
  type MissingEntry,
  REPORT_SCHEMA_VERSION,
  type TenantReport,
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

/** One tenant as audited: the accounts that share its key and base URL, and what its account has. */
export interface TenantSnapshot {
  /** The tenant's accounts: names, and undefined for the default account. */
  accounts: ReadonlyArray<string | undefined>;
  baseUrl: string;
  account: AccountSnapshot;
  api: ApiUsage;
}

export interface CompareTenantsInput extends Omit<CompareInput, "account" | "baseUrl" | "api"> {
  /** In report order; each declared number is compared in the tenant of its `account`. */
  tenants: readonly TenantSnapshot[];
}

/** UNUSED_IGNORE_ENTRY warnings that name their entry; the rest are counted in one more. */
export const UNUSED_IGNORE_LISTED = 20;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Declared numbers across sources, each id once; the rest become warnings. */
function mergeDeclared(numbers: Iterable<DeclaredNumber>, warnings: Warning[]): DeclaredNumber[] {
  const seen = new Map<string, DeclaredNumber>();
  for (const d of numbers) {
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

/** Which ignore entries matched (over every tenant), and which ids they left out. */
class IgnoreTracker {
  readonly used = new Set<unknown>();
  constructor(readonly list: IgnoreList) {}

  /** True when `id` / `number` is ignored; recorded in `ignored` (the tenant's) and in `used`. */
  check(id: string, number: string | null, ignored: Set<string>): boolean {
    const hits = this.list.matching(id, number);
    for (const h of hits) this.used.add(h);
    if (hits.length > 0) ignored.add(id);
    return hits.length > 0;
  }
}

type Buckets = Pick<DriftReport, "inSync" | "changed" | "missing" | "unmanaged" | "unhealthy">;

interface TenantResult extends Buckets {
  summary: DriftSummary;
  ignored: Set<string>;
  warnings: Warning[];
}

const coverageOf = (managed: number, accountTotal: number) =>
  // Rounded down, so a tenant with one unmanaged number in 10,000 never shows 100%.
  accountTotal === 0 ? 100 : Math.floor((managed * 1000) / accountTotal) / 10;

/** One tenant: its declared numbers (in source order) against its account. */
function compareTenant(
  declaredNumbers: Iterable<DeclaredNumber>,
  snapshot: AccountSnapshot,
  baseUrl: string,
  pendingDelete: ReadonlySet<string>,
  tracker: IgnoreTracker,
): TenantResult {
  const warnings: Warning[] = [];
  const ignored = new Set<string>();
  const isIgnored = (id: string, number: string | null) => tracker.check(id, number, ignored);

  // The account, indexed once: by id here, by E.164 number below. Every lookup after this is one Map.get, so the
  // comparison is O(N + D) however many declared numbers are missing.
  const vanished = snapshot.vanished ?? new Set<string>();
  const account = new Map<string, AccountNumber>();
  for (const listed of snapshot.numbers) {
    if (vanished.has(listed.id)) continue;
    if (isIgnored(listed.id, listed.number)) continue;
    const detail = snapshot.details.get(listed.id);
    const n = detail ?? listed;
    account.set(listed.id, { n, e164: toE164(n.number), health: detail?.health ?? null });
  }

  for (const id of pendingDelete) {
    if (account.has(id)) {
      warnings.push({
        code: "PENDING_DELETE",
        message: `number ${id} is a replaced resource awaiting deletion; the next \`pulumi up\` deletes it`,
      });
      account.delete(id);
    }
  }

  const declared = mergeDeclared(declaredNumbers, warnings).filter((d) => !isIgnored(d.id, d.number));
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
    const ref = {
      id: d.id,
      urn: d.urn,
      resourceType: d.resourceType,
      stack: d.stack,
      source: d.source,
      ...(d.account !== undefined ? { account: d.account } : {}),
    };
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
        health: health && toHealthOutput(health),
        reasons,
      });
    }
  }

  if (declared.length > 0 && missing.length === declared.length) {
    warnings.push({
      code: "ALL_MISSING",
      message: `none of the ${declared.length} declared numbers is in the account at ${baseUrl}: is the API key from the right tenant, and the base URL right?`,
    });
  }

  const unmanaged: UnmanagedEntry[] = [];
  for (const [id, { n, e164 }] of account) {
    if (!declaredIds.has(id)) unmanaged.push({ id, name: n.name, number: e164, provider: n.provider, state: n.state });
  }

  const managed = inSync.length + changed.length;
  return {
    inSync: inSync.sort(byId),
    changed: changed.sort(byId),
    missing: missing.sort(byId),
    unmanaged: unmanaged.sort(byId),
    unhealthy: unhealthy.sort(byId),
    summary: {
      accountTotal: account.size,
      declared: declared.length,
      managed,
      inSync: inSync.length,
      changed: changed.length,
      missing: missing.length,
      unmanaged: unmanaged.length,
      unhealthy: unhealthy.length,
      ignored: ignored.size,
    },
    ignored,
    warnings,
  };
}

const BUCKET_KEYS = ["inSync", "changed", "missing", "unmanaged", "unhealthy"] as const;

/** How a tenant's accounts read in a warning: `account "acme"`, `the default account`, joined with "/". */
export function tenantLabel(accounts: ReadonlyArray<string | undefined>): string {
  return accounts.map((a) => (a === undefined ? "the default account" : `account "${a}"`)).join(" / ");
}

/** The single-tenant comparison: every declared number against one account, whatever account it names. */
export function compare(input: CompareInput): DriftReport {
  const { account, baseUrl, api, ...rest } = input;
  return build({ ...rest, tenants: [{ accounts: [undefined], baseUrl, account, api }] }, { everyNumber: true, withTenants: false });
}

/**
 * Several tenants in one report: each declared number is compared in the tenant its `account` belongs to, each
 * tenant's buckets are its own (`tenants`), and the report's top-level fields are over all of them.
 */
export function compareTenants(input: CompareTenantsInput): DriftReport {
  return build(input, { everyNumber: false, withTenants: true });
}

function build(input: CompareTenantsInput, { everyNumber, withTenants }: { everyNumber: boolean; withTenants: boolean }): DriftReport {
  const tracker = new IgnoreTracker(input.ignore ?? new IgnoreList());
  const failOn = [...(input.failOn ?? DRIFT_BUCKETS)];
  const warnings: Warning[] = [];

  for (const s of input.sources) {
    if (ourResourceCount(s) === 0) {
      warnings.push({ code: "SOURCE_WITHOUT_NUMBERS", message: `${s.name} declares no pulumi-pilotstatus numbers` });
    }
    for (const urn of s.withoutId) {
      warnings.push({
        code: "RESOURCE_WITHOUT_ID",
        message: `${urn} (${s.name}) has no id in the state (its create never finished); skipped`,
      });
    }
  }

  const pendingDelete = new Set(input.sources.flatMap((s) => s.pendingDeleteIds));
  const several = input.tenants.length > 1;
  const tenants: TenantReport[] = [];
  const results: TenantResult[] = [];
  for (const t of input.tenants) {
    const mine = new Set(t.accounts);
    function* declared(): Generator<DeclaredNumber> {
      for (const s of input.sources) for (const d of s.numbers) if (everyNumber || mine.has(d.account)) yield d;
    }
    const r = compareTenant(declared(), t.account, t.baseUrl, pendingDelete, tracker);
    results.push(r);
    const prefix = several ? `${tenantLabel(t.accounts)}: ` : "";
    for (const w of r.warnings) warnings.push(prefix ? { ...w, message: prefix + w.message } : w);
    const named = t.accounts.filter((a): a is string => a !== undefined).sort();
    tenants.push({
      account: t.accounts.includes(undefined) ? null : (named[0] ?? null),
      accounts: named,
      baseUrl: t.baseUrl,
      drifted: failOn.some((b) => r[b].length > 0),
      summary: r.summary,
      coverage: coverageOf(r.summary.managed, r.summary.accountTotal),
      inSync: r.inSync,
      changed: r.changed,
      missing: r.missing,
      unmanaged: r.unmanaged,
      unhealthy: r.unhealthy,
      ignored: [...r.ignored].sort(),
      warnings: r.warnings,
      api: t.api,
    });
  }

  // One warning an entry up to a point; a long list kept for another tenant would bury the report.
  const ignore = tracker.list;
  const unused = ignore.entries.filter((e) => !tracker.used.has(e));
  for (const e of unused.slice(0, UNUSED_IGNORE_LISTED)) {
    warnings.push({ code: "UNUSED_IGNORE_ENTRY", message: `ignore entry ${e.text} matches no number in the account or the state` });
  }
  if (unused.length > UNUSED_IGNORE_LISTED) {
    warnings.push({
      code: "UNUSED_IGNORE_ENTRY",
      message: `${unused.length - UNUSED_IGNORE_LISTED} more ignore entries match no number in the account or the state (${unused.length} of ${ignore.entries.length} in all)`,
    });
  }

  // One tenant: its own arrays, as before tenants. Several: together, by id (a stable sort keeps tenant order for one id).
  const buckets = Object.fromEntries(
    BUCKET_KEYS.map((k) => [k, results.length === 1 ? results[0]![k] : results.flatMap((r) => r[k] as Array<{ id: string }>).sort(byId)]),
  ) as unknown as Buckets;
  const ignoredIds = new Set(results.flatMap((r) => [...r.ignored]));
  const sum = (k: keyof DriftSummary) => results.reduce((n, r) => n + r.summary[k], 0);
  const summary: DriftSummary = {
    accountTotal: sum("accountTotal"),
    declared: sum("declared"),
    managed: sum("managed"),
    inSync: sum("inSync"),
    changed: sum("changed"),
    missing: sum("missing"),
    unmanaged: sum("unmanaged"),
    unhealthy: sum("unhealthy"),
    ignored: ignoredIds.size,
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    baseUrl: [...new Set(input.tenants.map((t) => t.baseUrl))].join(", "),
    sources: input.sources.map((s) => ({ kind: s.kind, name: s.name, numbers: s.numbers.length, stacks: s.stacks })),
    failOn,
    drifted: failOn.some((b) => buckets[b].length > 0),
    healthCheck: input.healthCheck ?? "full",
    summary,
    coverage: coverageOf(summary.managed, summary.accountTotal),
    ...buckets,
    ignored: [...ignoredIds].sort(),
    warnings,
    api: several ? sumApi(input.tenants.map((t) => t.api)) : input.tenants[0]!.api,
    ...(withTenants ? { tenants } : {}),
  };
}

function sumApi(apis: readonly ApiUsage[]): ApiUsage {
  const sum = (k: "listRequests" | "detailRequests" | "retries" | "rateLimited") => apis.reduce((n, a) => n + a[k], 0);
  return {
    listRequests: sum("listRequests"),
    detailRequests: sum("detailRequests"),
    retries: sum("retries"),
    rateLimited: sum("rateLimited"),
    concurrency: Math.max(...apis.map((a) => a.concurrency)),
    lowestConcurrency: Math.min(...apis.map((a) => a.lowestConcurrency)),
  };
}
