/** Wording the human and Markdown renderers share, so both say the same thing. */
import type { DriftReport, TenantReport, Warning } from "../report.schema";

/**
 * What a section of the output is drawn from: the whole report, or one tenant of it with the report's `failOn` and
 * `healthCheck`.
 */
export type Section = Pick<
  DriftReport,
  "summary" | "coverage" | "drifted" | "failOn" | "healthCheck" | "inSync" | "changed" | "missing" | "unmanaged" | "unhealthy" | "warnings"
>;

/** The resource's name: the last part of its URN. */
export function resourceName(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

export function coverageLine(r: Pick<Section, "summary" | "coverage">, where = "the account"): string {
  const { managed, accountTotal } = r.summary;
  return `${r.coverage.toFixed(1)}% (${managed} of ${accountTotal} number${accountTotal === 1 ? "" : "s"} in ${where} ${managed === 1 ? "is" : "are"} managed)`;
}

export function verdict(r: Section): string {
  if (!r.drifted) {
    const tolerated = (["changed", "missing", "unmanaged", "unhealthy"] as const).filter((b) => r[b].length > 0);
    return tolerated.length === 0
      ? "No drift: the account matches the state."
      : `No drift counted (--fail-on ${r.failOn.join(",") || "none"}); also found: ${tolerated.map((b) => `${b} ${r[b].length}`).join(", ")}.`;
  }
  const found = r.failOn.filter((b) => r[b].length > 0).map((b) => `${b} ${r[b].length}`);
  return `Drift found: ${found.join(", ")}.`;
}

export const BUCKET_TITLES = {
  changed: "Changed — the account differs from the state",
  missing: "Missing — in the state, gone from the account",
  unmanaged: "Unmanaged — in the account, in no given stack",
  unhealthy: "Unhealthy — declared and present, but not able to send reliably",
} as const;

/** The unhealthy bucket's title: with health not read (stateOnly), it says what it checked. */
export function unhealthyTitle(r: Pick<Section, "healthCheck">): string {
  return r.healthCheck === "stateOnly"
    ? "Unhealthy — declared and present, but not OPEN or not fully connected (health not read)"
    : BUCKET_TITLES.unhealthy;
}

/** What the audit did not check when it read the account's list only; undefined when it read every detail. */
export function healthNote(r: Pick<Section, "healthCheck">): string | undefined {
  if (r.healthCheck !== "stateOnly") return undefined;
  return "state and connection only, from the account's list (--no-health, or --fail-on without unhealthy): sendable, quality rating and Meta status were not read; --health reads them";
}

export function missingNote(m: DriftReport["missing"][number]): string {
  return m.sameNumberInAccount ? `same phone number now has id ${m.sameNumberInAccount} (recreated?)` : "";
}

export function summaryRows(r: Pick<Section, "summary" | "healthCheck">): Array<[string, number]> {
  const s = r.summary;
  return [
    ["in sync", s.inSync],
    ["changed", s.changed],
    ["missing", s.missing],
    ["unmanaged", s.unmanaged],
    [r.healthCheck === "stateOnly" ? "unhealthy (state only)" : "unhealthy", s.unhealthy],
    ["ignored", s.ignored],
  ];
}

export function sourcesLine(r: DriftReport): string {
  return r.sources
    .map((s) => `${s.name} (${s.numbers} number${s.numbers === 1 ? "" : "s"}${s.stacks.length ? `, ${s.stacks.join(", ")}` : ""})`)
    .join("; ");
}

/** The report's tenants when there are several (one section each), else undefined (the report is one section). */
export function severalTenants(r: DriftReport): TenantReport[] | undefined {
  return r.tenants !== undefined && r.tenants.length > 1 ? r.tenants : undefined;
}

/** A tenant's accounts: "default account", "acme", "default account, acme", "acme, acme-br". */
export function tenantNames(t: Pick<TenantReport, "account" | "accounts">): string {
  return [...(t.account === null ? ["default account"] : []), ...t.accounts].join(", ");
}

/** One tenant as a section: its own numbers, with the report's failOn and healthCheck. */
export function tenantSection(r: DriftReport, t: TenantReport): Section {
  return { ...t, failOn: r.failOn, ...(r.healthCheck !== undefined ? { healthCheck: r.healthCheck } : {}) };
}

/** A tenant's own warnings are in its section; the report's list repeats them with the tenant's name in front. */
const TENANT_WARNINGS: ReadonlySet<Warning["code"]> = new Set<Warning["code"]>(["PENDING_DELETE", "DUPLICATE_DECLARATION", "ALL_MISSING"]);

/** The warnings that belong to no tenant (sources, unused ignore entries), for after the tenants' sections. */
export function reportWarnings(r: DriftReport): DriftReport["warnings"] {
  return r.warnings.filter((w) => !TENANT_WARNINGS.has(w.code));
}

/** The one-line total over several tenants. */
export function totalLine(r: DriftReport, tenants: number): string {
  const counts = summaryRows(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `Total over ${tenants} tenants: ${counts}; coverage ${coverageLine(r, "the accounts")}.`;
}
