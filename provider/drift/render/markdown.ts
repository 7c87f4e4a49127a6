/**
 * `--markdown`: for a CI job summary ($GITHUB_STEP_SUMMARY): heading, summary table, one table per
 * non-empty bucket; with several tenants, that for each tenant under a heading of its own, then a one-line
 * total. Values from the account or a state file are escaped (safeText.ts): none can bring HTML, a link, a
 * code span, a cell or a row of its own.
 */
import type { DriftReport } from "../report.schema";
import {
  BUCKET_TITLES,
  type Section,
  coverageLine,
  healthNote,
  missingNote,
  reportWarnings,
  resourceName,
  severalTenants,
  sourcesLine,
  summaryRows,
  tenantNames,
  tenantSection,
  totalLine,
  unhealthyTitle,
  verdict,
} from "./describe";
import { markdownCode, markdownLine, markdownText } from "./safeText";

/** A value shown as text, escaped. */
const text = markdownText;
/** An id or resource name: a code span when plain, escaped text otherwise. */
const code = markdownCode;

/** Cells are already escaped (text() or code()). */
function table(header: string[], rows: string[][], align?: string[]): string[] {
  return [`| ${header.join(" | ")} |`, `| ${(align ?? header.map(() => "---")).join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

export function renderMarkdown(r: DriftReport): string {
  const out: string[] = [];
  const tenants = severalTenants(r);
  out.push(`## Pilot Status drift audit: ${r.drifted ? "drift found" : "in sync"}`, "");
  if (tenants === undefined) {
    out.push(`${text(verdict(r))} Coverage **${text(coverageLine(r))}**.`, "");
    const only = r.tenants?.[0];
    const names = only !== undefined && only.accounts.length > 0 ? ` (${text(tenantNames(only))})` : "";
    out.push(`Account: ${code(r.baseUrl)}${names} · State: ${text(sourcesLine(r))}`, "");
  } else {
    out.push(`${text(verdict(r))} Coverage **${text(coverageLine(r, "the accounts"))}** over ${tenants.length} tenants.`, "");
    out.push(`State: ${text(sourcesLine(r))}`, "");
  }
  const health = healthNote(r);
  if (health !== undefined) out.push(`Health: ${text(health)}`, "");

  if (tenants === undefined) {
    section(out, r, "###");
    warnings(out, r.warnings, "###");
  } else {
    for (const t of tenants) {
      const names = [...(t.account === null ? ["default account"] : []), ...t.accounts.map((a) => code(a))].join(", ");
      out.push(`### Tenant: ${names} at ${code(t.baseUrl)} — ${t.drifted ? "drift found" : "in sync"}`, "");
      out.push(`Coverage **${text(coverageLine(tenantSection(r, t)))}**.`, "");
      section(out, tenantSection(r, t), "####");
      warnings(out, t.warnings, "####");
      out.push("");
    }
    out.push(`**${text(totalLine(r, tenants.length))}**`);
    warnings(out, reportWarnings(r), "###");
  }
  return `${out.join("\n")}\n`;
}

function warnings(out: string[], list: DriftReport["warnings"], heading: string): void {
  if (list.length === 0) return;
  out.push("", `${heading} Warnings`, "");
  for (const w of list) out.push(`- ${markdownLine(w.message)}`);
}

/** The summary table and a table per non-empty bucket, each under a `heading` of its own. */
function section(out: string[], r: Section, heading: string): void {
  out.push(
    ...table(
      ["Bucket", "Count"],
      summaryRows(r).map(([k, v]) => [k, String(v)]),
      ["---", "---:"],
    ),
  );

  if (r.changed.length) {
    out.push("", `${heading} ${BUCKET_TITLES.changed} (${r.changed.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Field", "State", "Account"],
        r.changed.flatMap((c) =>
          c.changes.map((d) => [code(c.id), code(resourceName(c.urn)), text(c.stack), text(d.field), text(d.state), text(d.account)]),
        ),
      ),
    );
  }
  if (r.missing.length) {
    out.push("", `${heading} ${BUCKET_TITLES.missing} (${r.missing.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Name", "Number", "Note"],
        r.missing.map((m) => [
          code(m.id),
          code(resourceName(m.urn)),
          text(m.stack),
          text(m.name ?? "?"),
          text(m.number ?? "?"),
          text(missingNote(m)),
        ]),
      ),
    );
  }
  if (r.unmanaged.length) {
    out.push("", `${heading} ${BUCKET_TITLES.unmanaged} (${r.unmanaged.length})`, "");
    out.push(
      ...table(
        ["Id", "Name", "Number", "Provider", "State"],
        r.unmanaged.map((u) => [code(u.id), text(u.name), text(u.number), text(u.provider), text(u.state)]),
      ),
    );
  }
  if (r.unhealthy.length) {
    out.push("", `${heading} ${unhealthyTitle(r)} (${r.unhealthy.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Name", "State", "Reasons"],
        r.unhealthy.map((u) => [
          code(u.id),
          code(resourceName(u.urn)),
          text(u.name),
          text(u.state),
          text(u.reasons.map((x) => x.message).join("; ")),
        ]),
      ),
    );
  }
}
