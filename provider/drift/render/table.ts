/** The default, human output: a summary and one aligned table per non-empty bucket. */
import type { DriftReport } from "../report.schema";
import { BUCKET_TITLES, coverageLine, missingNote, resourceName, sourcesLine, summaryRows, verdict } from "./describe";

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    "  " + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}

export function renderTable(r: DriftReport): string {
  const out: string[] = [];
  out.push("Pilot Status drift audit");
  out.push(`  account  ${r.baseUrl}`);
  out.push(`  state    ${sourcesLine(r)}`);
  out.push("");
  out.push(`Coverage: ${coverageLine(r)}`);
  out.push(...table(["", ""], summaryRows(r).map(([k, v]) => [k, String(v)])).slice(1));

  if (r.changed.length) {
    out.push("", `${BUCKET_TITLES.changed} (${r.changed.length})`);
    const rows = r.changed.flatMap((c) =>
      c.changes.map((d, i) => [i === 0 ? c.id : "", i === 0 ? resourceName(c.urn) : "", d.field, d.state, "→", d.account]),
    );
    out.push(...table(["ID", "RESOURCE", "FIELD", "STATE", "", "ACCOUNT"], rows));
  }
  if (r.missing.length) {
    out.push("", `${BUCKET_TITLES.missing} (${r.missing.length})`);
    out.push(
      ...table(
        ["ID", "RESOURCE", "STACK", "NAME", "NUMBER", "NOTE"],
        r.missing.map((m) => [m.id, resourceName(m.urn), m.stack, m.name ?? "?", m.number ?? "?", missingNote(m)]),
      ),
    );
  }
  if (r.unmanaged.length) {
    out.push("", `${BUCKET_TITLES.unmanaged} (${r.unmanaged.length})`);
    out.push(...table(["ID", "NAME", "NUMBER", "PROVIDER", "STATE"], r.unmanaged.map((u) => [u.id, u.name, u.number, u.provider, u.state])));
  }
  if (r.unhealthy.length) {
    out.push("", `${BUCKET_TITLES.unhealthy} (${r.unhealthy.length})`);
    out.push(
      ...table(
        ["ID", "RESOURCE", "NAME", "REASONS"],
        r.unhealthy.map((u) => [u.id, resourceName(u.urn), u.name, u.reasons.map((x) => x.message).join("; ")]),
      ),
    );
  }
  if (r.warnings.length) {
    out.push("", "Warnings");
    for (const w of r.warnings) out.push(`  - ${w.message}`);
  }
  out.push("", verdict(r));
  return out.join("\n") + "\n";
}
