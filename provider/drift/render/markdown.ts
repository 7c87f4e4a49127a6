/**
 * `--markdown`: for a CI job summary ($GITHUB_STEP_SUMMARY): heading, summary table, one table per
 * non-empty bucket. Values from the account or a state file are escaped (safeText.ts): none can bring
 * HTML, a link, a code span, a cell or a row of its own.
 */
import type { DriftReport } from "../report.schema";
import { BUCKET_TITLES, coverageLine, healthNote, missingNote, resourceName, sourcesLine, summaryRows, unhealthyTitle, verdict } from "./describe";
import { markdownCode, markdownLine, markdownText } from "./safeText";

/** A value shown as text, escaped. */
const text = markdownText;
/** An id or resource name: a code span when plain, escaped text otherwise. */
const code = markdownCode;

/** Cells are already escaped (text() or code()). */
function table(header: string[], rows: string[][], align?: string[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${(align ?? header.map(() => "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

export function renderMarkdown(r: DriftReport): string {
  const out: string[] = [];
  out.push(`## Pilot Status drift audit: ${r.drifted ? "drift found" : "in sync"}`, "");
  out.push(`${text(verdict(r))} Coverage **${text(coverageLine(r))}**.`, "");
  out.push(`Account: ${code(r.baseUrl)} · State: ${text(sourcesLine(r))}`, "");
  const health = healthNote(r);
  if (health !== undefined) out.push(`Health: ${text(health)}`, "");
  out.push(...table(["Bucket", "Count"], summaryRows(r).map(([k, v]) => [k, String(v)]), ["---", "---:"]));

  if (r.changed.length) {
    out.push("", `### ${BUCKET_TITLES.changed} (${r.changed.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Field", "State", "Account"],
        r.changed.flatMap((c) => c.changes.map((d) => [code(c.id), code(resourceName(c.urn)), text(c.stack), text(d.field), text(d.state), text(d.account)])),
      ),
    );
  }
  if (r.missing.length) {
    out.push("", `### ${BUCKET_TITLES.missing} (${r.missing.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Name", "Number", "Note"],
        r.missing.map((m) => [code(m.id), code(resourceName(m.urn)), text(m.stack), text(m.name ?? "?"), text(m.number ?? "?"), text(missingNote(m))]),
      ),
    );
  }
  if (r.unmanaged.length) {
    out.push("", `### ${BUCKET_TITLES.unmanaged} (${r.unmanaged.length})`, "");
    out.push(...table(["Id", "Name", "Number", "Provider", "State"], r.unmanaged.map((u) => [code(u.id), text(u.name), text(u.number), text(u.provider), text(u.state)])));
  }
  if (r.unhealthy.length) {
    out.push("", `### ${unhealthyTitle(r)} (${r.unhealthy.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Name", "State", "Reasons"],
        r.unhealthy.map((u) => [code(u.id), code(resourceName(u.urn)), text(u.name), text(u.state), text(u.reasons.map((x) => x.message).join("; "))]),
      ),
    );
  }
  if (r.warnings.length) {
    out.push("", "### Warnings", "");
    for (const w of r.warnings) out.push(`- ${markdownLine(w.message)}`);
  }
  return out.join("\n") + "\n";
}
