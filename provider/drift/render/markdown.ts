/** `--markdown`: for a CI job summary ($GITHUB_STEP_SUMMARY): heading, summary table, one table per non-empty bucket. */
import type { DriftReport } from "../report.schema";
import { BUCKET_TITLES, coverageLine, missingNote, resourceName, sourcesLine, summaryRows, verdict } from "./describe";

/** A table cell: no pipes or line breaks may escape it; code spans keep ids literal. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}
function code(text: string): string {
  return text === "" ? "" : `\`${text.replace(/`/g, "'")}\``;
}

function table(header: string[], rows: string[][], align?: string[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${(align ?? header.map(() => "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

export function renderMarkdown(r: DriftReport): string {
  const out: string[] = [];
  out.push(`## Pilot Status drift audit: ${r.drifted ? "drift found" : "in sync"}`, "");
  out.push(`${verdict(r)} Coverage **${cell(coverageLine(r))}**.`, "");
  out.push(`Account: ${code(r.baseUrl)} · State: ${cell(sourcesLine(r))}`, "");
  out.push(...table(["Bucket", "Count"], summaryRows(r).map(([k, v]) => [k, String(v)]), ["---", "---:"]));

  if (r.changed.length) {
    out.push("", `### ${BUCKET_TITLES.changed} (${r.changed.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Field", "State", "Account"],
        r.changed.flatMap((c) => c.changes.map((d) => [code(c.id), code(resourceName(c.urn)), c.stack, d.field, d.state, d.account])),
      ),
    );
  }
  if (r.missing.length) {
    out.push("", `### ${BUCKET_TITLES.missing} (${r.missing.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Stack", "Name", "Number", "Note"],
        r.missing.map((m) => [code(m.id), code(resourceName(m.urn)), m.stack, m.name ?? "?", m.number ?? "?", missingNote(m)]),
      ),
    );
  }
  if (r.unmanaged.length) {
    out.push("", `### ${BUCKET_TITLES.unmanaged} (${r.unmanaged.length})`, "");
    out.push(...table(["Id", "Name", "Number", "Provider", "State"], r.unmanaged.map((u) => [code(u.id), u.name, u.number, u.provider, u.state])));
  }
  if (r.unhealthy.length) {
    out.push("", `### ${BUCKET_TITLES.unhealthy} (${r.unhealthy.length})`, "");
    out.push(
      ...table(
        ["Id", "Resource", "Name", "State", "Reasons"],
        r.unhealthy.map((u) => [code(u.id), code(resourceName(u.urn)), u.name, u.state, u.reasons.map((x) => x.message).join("; ")]),
      ),
    );
  }
  if (r.warnings.length) {
    out.push("", "### Warnings", "");
    for (const w of r.warnings) out.push(`- ${cell(w.message)}`);
  }
  return out.join("\n") + "\n";
}
