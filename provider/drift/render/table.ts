/**
 * The default, human output: a summary and one aligned table per non-empty bucket; with several
 * tenants, that for each tenant under a heading of its own, then a one-line total. Every value that
 * comes from the account or a state file goes through visible(): no control character, escape
 * sequence, line break or bidi override reaches the terminal, so no value can forge a line.
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
import { displayWidth, padDisplay, visible } from "./safeText";

function table(header: string[], rawRows: string[][]): string[] {
  const rows = rawRows.map((r) => r.map(visible));
  // A loop, not Math.max(...rows): a tenant of 100,000 numbers is too many arguments.
  const widths = header.map((h) => displayWidth(h));
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(c));
    });
  }
  const line = (cells: string[]) =>
    "  " +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padDisplay(c, widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function renderTable(r: DriftReport): string {
  const out: string[] = [];
  const tenants = severalTenants(r);
  out.push("Pilot Status drift audit");
  if (tenants === undefined) {
    const only = r.tenants?.[0];
    out.push(`  account  ${visible(r.baseUrl)}${only !== undefined && only.accounts.length > 0 ? ` (${visible(tenantNames(only))})` : ""}`);
  }
  out.push(`  state    ${visible(sourcesLine(r))}`);
  const health = healthNote(r);
  if (health !== undefined) out.push(`  health   ${health}`);

  if (tenants === undefined) {
    out.push("");
    section(out, r);
    warnings(out, r.warnings);
  } else {
    for (const t of tenants) {
      out.push("", `Tenant: ${visible(tenantNames(t))} at ${visible(t.baseUrl)}`);
      section(out, tenantSection(r, t));
      warnings(out, t.warnings);
    }
    out.push("", visible(totalLine(r, tenants.length)));
    warnings(out, reportWarnings(r));
  }
  out.push("", visible(verdict(r)));
  return `${out.join("\n")}\n`;
}

function warnings(out: string[], list: DriftReport["warnings"]): void {
  if (list.length === 0) return;
  out.push("", "Warnings");
  for (const w of list) out.push(`  - ${visible(w.message)}`);
}

/** Coverage, the summary and a table per non-empty bucket. */
function section(out: string[], r: Section): void {
  out.push(`Coverage: ${visible(coverageLine(r))}`);
  out.push(
    ...table(
      ["", ""],
      summaryRows(r).map(([k, v]) => [k, String(v)]),
    ).slice(1),
  );

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
    out.push(
      ...table(
        ["ID", "NAME", "NUMBER", "PROVIDER", "STATE"],
        r.unmanaged.map((u) => [u.id, u.name, u.number, u.provider, u.state]),
      ),
    );
  }
  if (r.unhealthy.length) {
    out.push("", `${unhealthyTitle(r)} (${r.unhealthy.length})`);
    out.push(
      ...table(
        ["ID", "RESOURCE", "NAME", "REASONS"],
        r.unhealthy.map((u) => [u.id, resourceName(u.urn), u.name, u.reasons.map((x) => x.message).join("; ")]),
      ),
    );
  }
}
