/**
 * A report of several tenants renders a section per tenant, headed by its accounts and base URL, then a one-line
 * total, the verdict last; hostile account strings stay harmless inside the sections as they do in one.
 */
import { describe, expect, it } from "vitest";
import { HOSTILE, RAW_UNSAFE, tableRowsKeepTheirCells } from "../../../test/drift/hostileStrings";
import { compareTenants } from "../compare";
import type { DeclaredNumber } from "../declaredNumber";
import { DriftReport } from "../report.schema";
import { renderMarkdown } from "./markdown";
import { renderTable } from "./table";
import { declaredNumber, listedNumber } from "../../../test/support/driftInputs";

const api = { listRequests: 1, detailRequests: 0, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 };

const declared = (id: string, account?: string): DeclaredNumber => declaredNumber(id, account ? { account } : {});
const listed = listedNumber;

function report(): DriftReport {
  const r = compareTenants({
    sources: [
      {
        kind: "file",
        name: "dev.json",
        numbers: [declared("wa_01"), declared("wa_02", "acme"), declared("wa_03", "beta")],
        pendingDeleteIds: [],
        withoutId: [],
        otherResources: 0,
        otherPackages: [],
        stacks: ["numbers/dev"],
      },
    ],
    generatedAt: "2025-01-01T00:00:00.000Z",
    tenants: [
      { accounts: [undefined], baseUrl: "http://default.example", account: { numbers: [listed("wa_01")], details: new Map() }, api },
      {
        accounts: ["acme"],
        baseUrl: `http://acme.example/${HOSTILE.title}`,
        account: { numbers: [listed("wa_02", { name: HOSTILE.forgedLine }), listed("wa_09", { name: HOSTILE.pipes })], details: new Map() },
        api,
      },
      { accounts: ["beta", "beta-2"], baseUrl: "http://beta.example", account: { numbers: [], details: new Map() }, api },
    ],
    healthCheck: "stateOnly",
  });
  return DriftReport.parse(r);
}

describe("a report of several tenants", () => {
  const r = report();

  it("table: a heading per tenant with its section, then the total and the verdict; nothing raw", () => {
    const out = renderTable(r);
    expect(out).not.toMatch(RAW_UNSAFE);
    const lines = out.split("\n");
    const headings = lines.filter((l) => l.startsWith("Tenant: "));
    expect(headings).toEqual([
      "Tenant: default account at http://default.example",
      "Tenant: acme at http://acme.example/T\\u001b]0;owned\\u0007",
      "Tenant: beta, beta-2 at http://beta.example",
    ]);
    expect(lines.filter((l) => l.startsWith("Coverage: "))).toEqual([
      "Coverage: 100.0% (1 of 1 number in the account is managed)",
      "Coverage: 50.0% (1 of 2 numbers in the account is managed)",
      "Coverage: 100.0% (0 of 0 numbers in the account are managed)",
    ]);
    // The missing number is in beta's section, the tenant's warning in it, and the report's total after the sections.
    const betaAt = lines.indexOf(headings[2]!);
    expect(lines.findIndex((l) => l.includes("wa_03") && l.includes("res-wa_03"))).toBeGreaterThan(betaAt);
    expect(lines.slice(betaAt)).toContain(
      "  - none of the 1 declared numbers is in the account at http://beta.example: is the API key from the right tenant, and the base URL right?",
    );
    expect(lines.at(-4)).toBe(
      "Total over 3 tenants: in sync 1, changed 1, missing 1, unmanaged 1, unhealthy (state only) 0, ignored 0; coverage 66.6% (2 of 3 numbers in the accounts are managed).",
    );
    expect(lines.at(-2)).toBe("Drift found: changed 1, missing 1, unmanaged 1.");
    expect(lines.some((l) => l.startsWith("  account  "))).toBe(false);
  });

  it("Markdown: a heading per tenant, tables that keep their cells, the total in bold", () => {
    const md = renderMarkdown(r);
    expect(md).not.toMatch(RAW_UNSAFE);
    expect(md).not.toMatch(/[<>]/);
    const headings = md.split("\n").filter((l) => l.startsWith("### Tenant"));
    expect(headings).toEqual([
      "### Tenant: default account at `http://default.example` — in sync",
      "### Tenant: `acme` at http&#58;//acme.example/T\\\\u001b\\]0;owned\\\\u0007 — drift found",
      "### Tenant: `beta`, `beta-2` at `http://beta.example` — drift found",
    ]);
    expect(md).toContain("#### Unmanaged — in the account, in no given stack (1)");
    expect(md).toContain(
      "**Total over 3 tenants: in sync 1, changed 1, missing 1, unmanaged 1, unhealthy (state only) 0, ignored 0; coverage 66.6% (2 of 3 numbers in the accounts are managed).**",
    );
    tableRowsKeepTheirCells(md.split("\n"), (n, header, line) => expect(n, line).toBe(header));
  });

  it("one tenant (a named one): rendered as one account, its name beside the base URL", () => {
    const one = DriftReport.parse({ ...r, baseUrl: "http://acme.example", tenants: [r.tenants![1]!] });
    expect(renderTable(one).split("\n")[1]).toBe("  account  http://acme.example (acme)");
    expect(renderMarkdown(one)).toContain("Account: `http://acme.example` (acme) · State:");
  });
});
