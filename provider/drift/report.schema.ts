/**
 * The JSON report of `pilotstatus drift --json` (schemaVersion 1). This schema is the documented
 * contract: consumers may parse with it; fields are only ever added within one schemaVersion.
 *
 * Buckets: `inSync`, `changed` and `missing` partition the declared numbers; `unmanaged` holds the
 * account's numbers no given stack declares; `unhealthy` overlays `inSync` and `changed` (a number can
 * be both changed and unhealthy). Ignored numbers appear in no bucket and in no count but `ignored`.
 */
import { z } from "zod";
import { HealthFields } from "../client/schemas";
import { RESOURCE_KIND_NAMES } from "../resources/kinds";

export const REPORT_SCHEMA_VERSION = 1;

export const DRIFT_BUCKETS = ["changed", "missing", "unmanaged", "unhealthy"] as const;
export const DriftBucket = z.enum(DRIFT_BUCKETS);
export type DriftBucket = z.infer<typeof DriftBucket>;

export const ComparedField = z.enum(["name", "number", "provider"]);
export type ComparedField = z.infer<typeof ComparedField>;

/** The kinds of resources/kinds.ts, in its order. */
export const ResourceKindName = z.enum(RESOURCE_KIND_NAMES);

/** Where a declared number comes from. */
const DeclaredRef = {
  id: z.string(),
  urn: z.string(),
  resourceType: ResourceKindName,
  /** `org/project/stack` as far as the URN tells (`project/stack`). */
  stack: z.string(),
  /** The stack file path, or the stack name given to `--stack`. */
  source: z.string(),
  /**
   * Added within schemaVersion 1: the named account (the resource's `account`) it is declared under; absent for the
   * default account (`pilotstatus:apiKey`), and in reports from before named accounts.
   */
  account: z.string().optional(),
};

/** Values as the state holds them; null when the state has none or only a secret ciphertext. */
const StateValues = {
  name: z.string().nullable(),
  number: z.string().nullable(),
  provider: z.string(),
};

export const FieldChange = z.object({
  field: ComparedField,
  /** What the stack state says. */
  state: z.string(),
  /** What the account says now. */
  account: z.string(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** The wire's health fields, closed; undescribed, as the report has always published them. */
export const Health = z.object(HealthFields);

export const UnhealthyReasonCode = z.enum([
  "STATE_NOT_OPEN",
  "NOT_FULLY_CONNECTED",
  "NOT_SENDABLE",
  "QUALITY_NOT_GREEN",
  "META_STATUS_NOT_CONNECTED",
]);
export type UnhealthyReasonCode = z.infer<typeof UnhealthyReasonCode>;

export const UnhealthyReason = z.object({ code: UnhealthyReasonCode, message: z.string() });
export type UnhealthyReason = z.infer<typeof UnhealthyReason>;

export const InSyncEntry = z.object({ ...DeclaredRef, ...StateValues });
export const ChangedEntry = z.object({
  ...DeclaredRef,
  ...StateValues,
  changes: z.array(FieldChange).min(1),
});
export const MissingEntry = z.object({
  ...DeclaredRef,
  ...StateValues,
  /** Id of an account number with the same phone number: the number was likely recreated out of band. */
  sameNumberInAccount: z.string().nullable(),
});
export const UnmanagedEntry = z.object({
  id: z.string(),
  name: z.string(),
  number: z.string(),
  provider: z.string(),
  state: z.string(),
});
export const UnhealthyEntry = z.object({
  ...DeclaredRef,
  name: z.string(),
  number: z.string(),
  provider: z.string(),
  state: z.string(),
  isFullyConnected: z.boolean(),
  health: Health.nullable(),
  reasons: z.array(UnhealthyReason).min(1),
});
export type InSyncEntry = z.infer<typeof InSyncEntry>;
export type ChangedEntry = z.infer<typeof ChangedEntry>;
export type MissingEntry = z.infer<typeof MissingEntry>;
export type UnmanagedEntry = z.infer<typeof UnmanagedEntry>;
export type UnhealthyEntry = z.infer<typeof UnhealthyEntry>;

export const WarningCode = z.enum([
  "DUPLICATE_DECLARATION",
  "RESOURCE_WITHOUT_ID",
  "UNUSED_IGNORE_ENTRY",
  "PENDING_DELETE",
  "SOURCE_WITHOUT_NUMBERS",
  /** Every declared number is missing: often a key of another tenant, or the wrong base URL. */
  "ALL_MISSING",
]);
export const Warning = z.object({ code: WarningCode, message: z.string() });
export type Warning = z.infer<typeof Warning>;

/**
 * How much of the declared numbers' health the audit read. "full": each one's detail (GET /v1/numbers/{id}): state,
 * connection, sendable, quality rating, Meta status. "stateOnly": the account's list alone, one request (--no-health,
 * or --fail-on without unhealthy): the list has state and connection, so `unhealthy` holds only STATE_NOT_OPEN and
 * NOT_FULLY_CONNECTED, each with `health` null; sendable, quality rating and Meta status were not read. Name, number
 * and provider (`changed`) come from the list either way.
 */
export const HealthCheck = z.enum(["full", "stateOnly"]);
export type HealthCheck = z.infer<typeof HealthCheck>;

export const SourceSummary = z.object({
  kind: z.enum(["file", "stack"]),
  name: z.string(),
  /** pulumi-pilotstatus resources found in it. */
  numbers: z.number().int().nonnegative(),
  /** Stacks named by the URNs in it. */
  stacks: z.array(z.string()),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const DriftSummary = z.object({
  /** Numbers in the account, ignored ones excluded. */
  accountTotal: z.number().int().nonnegative(),
  /** Distinct numbers declared in the given state, ignored ones excluded. */
  declared: z.number().int().nonnegative(),
  /** Declared and present in the account. */
  managed: z.number().int().nonnegative(),
  inSync: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  unmanaged: z.number().int().nonnegative(),
  unhealthy: z.number().int().nonnegative(),
  ignored: z.number().int().nonnegative(),
});
export type DriftSummary = z.infer<typeof DriftSummary>;

export const ApiUsage = z.object({
  listRequests: z.number().int().nonnegative(),
  /** GET /v1/numbers/{id} calls, not counting retries. */
  detailRequests: z.number().int().nonnegative(),
  /** Retries the client made (429s and transient failures). */
  retries: z.number().int().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  /** Detail requests in flight at most. */
  concurrency: z.number().int().positive(),
  /** Equal to concurrency: the pace is the key's scheduler's, not a lowered concurrency (kept for schemaVersion 1). */
  lowestConcurrency: z.number().int().positive(),
  /** The pace the service's 429s taught the key's scheduler, requests per second; absent when it never rate-limited. */
  pacedRequestsPerSecond: z.number().positive().optional(),
});
export type ApiUsage = z.infer<typeof ApiUsage>;

/**
 * One tenant of a report that audits named accounts (`tenants`): the accounts whose keys (and base URLs) are the
 * same are one tenant, listed once and compared with all of their declared numbers. Its buckets are that tenant's
 * alone: a number is unmanaged when no given stack declares it in an account of this tenant, and a number declared
 * in one of its accounts that only another tenant has is missing here.
 */
export const TenantReport = z.object({
  /** The tenant's first account: null when it is (or includes) the default account, else its first name. */
  account: z.string().nullable(),
  /** The named accounts that are this tenant, sorted (the default account has no name and is not listed). */
  accounts: z.array(z.string()),
  baseUrl: z.string(),
  /** Whether this tenant has a number in a `failOn` bucket. */
  drifted: z.boolean(),
  summary: DriftSummary,
  coverage: z.number().min(0).max(100),
  inSync: z.array(InSyncEntry),
  changed: z.array(ChangedEntry),
  missing: z.array(MissingEntry),
  unmanaged: z.array(UnmanagedEntry),
  unhealthy: z.array(UnhealthyEntry),
  ignored: z.array(z.string()),
  /** This tenant's own warnings (replaced resources, declared twice, all missing); the report's `warnings` has them too. */
  warnings: z.array(Warning),
  api: ApiUsage,
});
export type TenantReport = z.infer<typeof TenantReport>;

export const DriftReport = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: z.string(),
  /** The account's base URL; with several tenants at different base URLs, their distinct base URLs joined by ", ". */
  baseUrl: z.string(),
  sources: z.array(SourceSummary),
  /** Which non-empty buckets make `drifted` true (and the CLI exit 1). */
  failOn: z.array(DriftBucket),
  drifted: z.boolean(),
  /** Added within schemaVersion 1: absent in reports from before it, which always read every detail ("full"). */
  healthCheck: HealthCheck.optional(),
  /** Over every tenant: the sum of the tenants' summaries (`ignored`: the distinct ids, as `ignored[]`). */
  summary: DriftSummary,
  /** managed / accountTotal, in percent, rounded down to one decimal (100 when the account is empty). */
  coverage: z.number().min(0).max(100),
  /** Every tenant's buckets together, by id. */
  inSync: z.array(InSyncEntry),
  changed: z.array(ChangedEntry),
  missing: z.array(MissingEntry),
  unmanaged: z.array(UnmanagedEntry),
  unhealthy: z.array(UnhealthyEntry),
  /** Ids of the numbers left out by the ignore list. */
  ignored: z.array(z.string()),
  /** With several tenants, a tenant's own warning starts with its account: `account "acme": ...`. */
  warnings: z.array(Warning),
  /** With several tenants, the sums of their requests; `pacedRequestsPerSecond` is then each tenant's own, in `tenants`. */
  api: ApiUsage,
  /**
   * Added within schemaVersion 1: one entry per tenant, when the stacks declare numbers under named accounts (the
   * resources' `account`); absent when every number is the default account's, and in reports from before it.
   */
  tenants: z.array(TenantReport).optional(),
});
export type DriftReport = z.infer<typeof DriftReport>;
