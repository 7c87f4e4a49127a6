/** auditDrift(): load the declared numbers, read the account, compare. The library entry point. */
import type { AccountsConfig } from "../accounts";
import { PilotStatusClient, type RetryEvent, type RetryOptions } from "../client";
import { type ProviderSettings, clientOptions } from "../config";
import { type AccountReader, type AuditProgress, type FetchedAccount, fetchAccountState } from "./accountState";
import { type TenantSnapshot, compare, compareTenants, tenantLabel } from "./compare";
import { DriftInputError, TenantAuditError } from "./errors";
import { IgnoreList } from "./ignoreList";
import { type PulumiCliOptions, exportStack } from "./pulumiCli";
import { DRIFT_BUCKETS, type ApiUsage, type DriftBucket, type DriftReport } from "./report.schema";
import { type StackSourceState, loadStackFile, ourResourceCount } from "./stackState";
import type { SecretContext } from "./shown";
import { type AccountsSource, loadAccountsFile, parseAccounts, planTenants } from "./tenants";

export const DEFAULT_CONCURRENCY = 4;

/** Retries for the audit's reads: more patient than the provider's, since a big tenant meets the limit. */
export const AUDIT_RETRY: RetryOptions = { limit: 6, maxTotalMs: 120_000 };

export interface AuditDriftOptions {
  /** `pulumi stack export` files. */
  stackFiles?: readonly string[];
  /** Stack names, exported with the Pulumi CLI. */
  stacks?: readonly string[];
  /** Sources already parsed (parseStackExport). */
  sources?: readonly StackSourceState[];
  /**
   * The API client. Its requests share the key's scheduler like any other client's; the report's retry counts
   * cover only the client auditDrift builds itself.
   */
  client?: AccountReader & { readonly baseUrl?: string };
  /** Used to build a client when `client` is absent (see resolveSettings). Both are the default account's. */
  settings?: ProviderSettings;
  /**
   * Named accounts (the resources' `account`), shaped like the stack config `pilotstatus:accounts`:
   * `{ acme: { apiKey: "ps_...", baseUrl?: "...", requestTimeoutSeconds?: 30 } }`. An account used by the stacks and
   * not here finds its key in `env` (PILOT_STATUS_API_KEY_<NAME>, base URL PILOT_STATUS_BASE_URL_<NAME>); what an
   * account leaves out (base URL, timeout) comes from `settings`, else `env`. Accounts with the same key and base URL
   * are one tenant: listed once, with all their declared numbers. The report then has `tenants`, one per tenant.
   * Refused before any request: an account used with no key anywhere, a name that is not valid, the same number
   * declared in two accounts of one tenant.
   */
  accounts?: AccountsConfig;
  /** A JSON file shaped like `accounts` (a regular file, at most 1 MiB); instead of `accounts`. */
  accountsFile?: string;
  /** Where named accounts not in `accounts` find their keys and base URLs. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Detail requests in flight at once (default 4); the pace is the key's scheduler's. */
  concurrency?: number;
  ignore?: IgnoreList | readonly string[];
  /** Buckets that count as drift (report.drifted); default all. */
  failOn?: readonly DriftBucket[];
  /**
   * Read each declared number's detail (GET /v1/numbers/{id}) for its health. Default: when `failOn` counts
   * `unhealthy`. False: the list only, one request; the report's `healthCheck` is then "stateOnly" (`unhealthy`
   * from the list's state and connection alone). Name, number and provider are compared from the list either way.
   */
  health?: boolean;
  /** Accept sources that declare no pulumi-pilotstatus resource at all (everything is unmanaged). */
  allowEmpty?: boolean;
  onProgress?: (p: AuditProgress) => void;
  onRetry?: (e: RetryEvent) => void;
  pulumi?: PulumiCliOptions;
  /** For tests: the report's timestamp. */
  now?: () => Date;
}

export async function loadSources(
  options: Pick<AuditDriftOptions, "stackFiles" | "stacks" | "sources" | "pulumi">,
): Promise<StackSourceState[]> {
  const sources: StackSourceState[] = [...(options.sources ?? [])];
  for (const f of options.stackFiles ?? []) sources.push(await loadStackFile(f));
  for (const s of options.stacks ?? []) sources.push(await exportStack(s, options.pulumi));
  if (sources.length === 0) throw new DriftInputError("no stack given: pass --stack-file <export.json> or --stack <name>");
  return sources;
}

/** Every source holds other providers' resources only (or nothing): almost surely the wrong stack. */
export function checkDeclaresSomething(sources: readonly StackSourceState[]): void {
  if (sources.some((s) => ourResourceCount(s) > 0)) return;
  const names = sources.map((s) => s.name).join(", ");
  const others = sources.reduce((n, s) => n + s.otherResources, 0);
  const packages = [...new Set(sources.flatMap((s) => s.otherPackages))].sort();
  const holds =
    others > 0
      ? `it holds ${others} resource${others === 1 ? "" : "s"} of other providers (${packages.join(", ")})`
      : "it holds no resources";
  throw new DriftInputError(
    `nothing of pulumi-pilotstatus is declared in ${names}: ${holds}, no WhatsAppNumber or MetaNumber; export the stack that declares your numbers (or pass --allow-empty to report every number as unmanaged)`,
  );
}

/** `accounts` or `accountsFile`, checked; undefined when neither is given. */
async function accountsOf(options: Pick<AuditDriftOptions, "accounts" | "accountsFile">): Promise<AccountsSource | undefined> {
  if (options.accounts !== undefined && options.accountsFile !== undefined)
    throw new DriftInputError("auditDrift takes accounts or accountsFile, not both");
  if (options.accountsFile !== undefined) return loadAccountsFile(options.accountsFile);
  if (options.accounts !== undefined) return parseAccounts(JSON.stringify(options.accounts), "the accounts option");
  return undefined;
}

export async function auditDrift(options: AuditDriftOptions): Promise<DriftReport> {
  return auditWithAccounts(options, await accountsOf(options));
}

/** auditDrift with the named accounts already read (the CLI reads its --accounts-file first, to redact its keys). */
export async function auditWithAccounts(
  options: Omit<AuditDriftOptions, "accounts" | "accountsFile">,
  accounts: AccountsSource | undefined,
  ctx: SecretContext = {},
): Promise<DriftReport> {
  const sources = await loadSources(options);
  if (!options.allowEmpty) checkDeclaresSomething(sources);

  // Every tenant's key and base URL, before any request: a missing key or a number declared twice in one tenant stops here.
  const plans = planTenants(
    sources,
    { settings: options.settings, client: options.client, accounts, env: options.env ?? process.env },
    ctx,
  );
  // Only the default account: the report of before named accounts, field for field.
  const withTenants = plans.some((p) => p.accounts.some((a) => a !== undefined));

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const ignore = options.ignore instanceof IgnoreList ? options.ignore : IgnoreList.of(options.ignore ?? []);
  const health = options.health ?? (options.failOn ?? DRIFT_BUCKETS).includes("unhealthy");

  const tenants: TenantSnapshot[] = [];
  for (const plan of plans) {
    const label = tenantLabel(plan.accounts);
    const tally = { retries: 0, rateLimited: 0 };
    let client = plan.client;
    let own: PilotStatusClient | undefined;
    if (client === undefined) {
      // One client per tenant: the request scheduler is the key's, so each tenant is paced by its own limit.
      client = own = new PilotStatusClient({
        ...clientOptions(plan.settings!),
        retry: AUDIT_RETRY,
        onRetry: (e) => {
          tally.retries += 1;
          if (e.status === 429) tally.rateLimited += 1;
          options.onRetry?.(e);
        },
      });
    }
    const mine = new Set(plan.accounts);
    const declared = sources.flatMap((s) => s.numbers.filter((n) => mine.has(n.account)));
    const declaredIds = new Set(declared.map((n) => n.id));
    // Ignored declared numbers need no detail call.
    for (const n of declared) if (ignore.matching(n.id, n.number).length > 0) declaredIds.delete(n.id);
    const onProgress = options.onProgress;
    let account: FetchedAccount;
    try {
      account = await fetchAccountState(client, declaredIds, {
        concurrency,
        retries: () => tally.retries,
        details: health,
        ...(onProgress ? { onProgress: withTenants ? (p: AuditProgress) => onProgress({ ...p, tenant: label }) : onProgress } : {}),
      });
    } catch (e) {
      if (withTenants && !(e instanceof RangeError)) throw new TenantAuditError(label, plan.keyFrom, e);
      throw e;
    }
    const api: ApiUsage = {
      listRequests: account.listRequests,
      detailRequests: account.detailRequests,
      retries: tally.retries,
      rateLimited: tally.rateLimited,
      concurrency,
      // The audit no longer lowers its concurrency on a 429 (the key's scheduler paces instead): kept for schemaVersion 1.
      lowestConcurrency: concurrency,
      ...(own?.pace !== undefined ? { pacedRequestsPerSecond: Math.round(own.pace * 10) / 10 } : {}),
    };
    tenants.push({ accounts: plan.accounts, baseUrl: plan.baseUrl, account, api });
  }

  const common = {
    sources,
    ignore,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    healthCheck: health ? ("full" as const) : ("stateOnly" as const),
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  if (!withTenants) {
    const only = tenants[0]!;
    return compare({ ...common, account: only.account, baseUrl: only.baseUrl, api: only.api });
  }
  return compareTenants({ ...common, tenants });
}
