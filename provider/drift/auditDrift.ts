/** auditDrift(): load the declared numbers, read the account, compare. The library entry point. */
import { PilotStatusClient, type RetryEvent, type RetryOptions } from "../client";
import { type ProviderSettings, clientOptions } from "../config";
import { type AccountReader, type AuditProgress, fetchAccountState } from "./accountState";
import { compare } from "./compare";
import { DriftInputError } from "./errors";
import { IgnoreList } from "./ignoreList";
import { type PulumiCliOptions, exportStack } from "./pulumiCli";
import { DRIFT_BUCKETS, type DriftBucket, type DriftReport } from "./report.schema";
import { type StackSourceState, loadStackFile, ourResourceCount } from "./stackState";

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
  /** Used to build a client when `client` is absent (see resolveSettings). */
  settings?: ProviderSettings;
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

export async function loadSources(options: Pick<AuditDriftOptions, "stackFiles" | "stacks" | "sources" | "pulumi">): Promise<StackSourceState[]> {
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
    others > 0 ? `it holds ${others} resource${others === 1 ? "" : "s"} of other providers (${packages.join(", ")})` : "it holds no resources";
  throw new DriftInputError(
    `nothing of pulumi-pilotstatus is declared in ${names}: ${holds}, no WhatsAppNumber or MetaNumber; export the stack that declares your numbers (or pass --allow-empty to report every number as unmanaged)`,
  );
}

export async function auditDrift(options: AuditDriftOptions): Promise<DriftReport> {
  const sources = await loadSources(options);
  if (!options.allowEmpty) checkDeclaresSomething(sources);

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const tally = { retries: 0, rateLimited: 0 };
  let client = options.client;
  let own: PilotStatusClient | undefined;
  if (client === undefined) {
    if (options.settings === undefined) throw new DriftInputError("auditDrift needs a client or settings");
    client = own = new PilotStatusClient({
      ...clientOptions(options.settings),
      retry: AUDIT_RETRY,
      onRetry: (e) => {
        tally.retries += 1;
        if (e.status === 429) tally.rateLimited += 1;
        options.onRetry?.(e);
      },
    });
  }
  const ignore = options.ignore instanceof IgnoreList ? options.ignore : IgnoreList.of(options.ignore ?? []);

  const declaredIds = new Set(sources.flatMap((s) => s.numbers.map((n) => n.id)));
  // Ignored declared numbers need no detail call.
  for (const s of sources) for (const n of s.numbers) if (ignore.matching(n.id, n.number).length > 0) declaredIds.delete(n.id);

  const health = options.health ?? (options.failOn ?? DRIFT_BUCKETS).includes("unhealthy");
  const account = await fetchAccountState(client, declaredIds, {
    concurrency,
    retries: () => tally.retries,
    details: health,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return compare({
    sources,
    account,
    ignore,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    healthCheck: health ? "full" : "stateOnly",
    baseUrl: client.baseUrl ?? options.settings?.baseUrl ?? "",
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    api: {
      listRequests: account.listRequests,
      detailRequests: account.detailRequests,
      retries: tally.retries,
      rateLimited: tally.rateLimited,
      concurrency,
      // The audit no longer lowers its concurrency on a 429 (the key's scheduler paces instead): kept for schemaVersion 1.
      lowestConcurrency: concurrency,
      ...(own?.pace !== undefined ? { pacedRequestsPerSecond: Math.round(own.pace * 10) / 10 } : {}),
    },
  });
}
