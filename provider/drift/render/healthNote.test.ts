/** A list-only audit (healthCheck "stateOnly") says so in the table and the Markdown; a full one says nothing more. */
import { describe, expect, it } from "vitest";
import type { DriftReport } from "../report.schema";
import { renderMarkdown } from "./markdown";
import { renderTable } from "./table";

function report(healthCheck: DriftReport["healthCheck"]): DriftReport {
  const ref = {
    id: "wa_1",
    urn: "urn:pulumi:dev::numbers::pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber::sales",
    resourceType: "WhatsAppNumber" as const,
    stack: "numbers/dev",
    source: "dev.json",
  };
  return {
    schemaVersion: 1,
    generatedAt: "2025-01-01T00:00:00.000Z",
    baseUrl: "http://127.0.0.1:1",
    sources: [{ kind: "file", name: "dev.json", numbers: 1, stacks: ["numbers/dev"] }],
    failOn: ["changed", "missing", "unmanaged"],
    drifted: false,
    ...(healthCheck ? { healthCheck } : {}),
    summary: { accountTotal: 1, declared: 1, managed: 1, inSync: 1, changed: 0, missing: 0, unmanaged: 0, unhealthy: 1, ignored: 0 },
    coverage: 100,
    inSync: [{ ...ref, name: "Sales", number: "+5511990000001", provider: "PILOT_STATUS" }],
    changed: [],
    missing: [],
    unmanaged: [],
    unhealthy: [
      {
        ...ref,
        name: "Sales",
        number: "+5511990000001",
        provider: "PILOT_STATUS",
        state: "CLOSE",
        isFullyConnected: false,
        health: null,
        reasons: [{ code: "STATE_NOT_OPEN", message: "state is CLOSE, not OPEN" }],
      },
    ],
    ignored: [],
    warnings: [],
    api: { listRequests: 1, detailRequests: 0, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
  };
}

const NOTE =
  "state and connection only, from the account's list (--no-health, or --fail-on without unhealthy): sendable, quality rating and Meta status were not read; --health reads them";

describe("health not read (list-only audit)", () => {
  it("the table says so under the account and state, in the summary and in the unhealthy title", () => {
    const lines = renderTable(report("stateOnly")).split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Pilot Status drift audit",
      "  account  http://127.0.0.1:1",
      "  state    dev.json (1 number, numbers/dev)",
      `  health   ${NOTE}`,
    ]);
    expect(lines).toContain("  unhealthy (state only)  1");
    expect(lines).toContain("Unhealthy — declared and present, but not OPEN or not fully connected (health not read) (1)");
    expect(lines.at(-2)).toBe("No drift counted (--fail-on changed,missing,unmanaged); also found: unhealthy 1.");
  });

  it("the Markdown says so below the account line, in the summary and in the unhealthy title", () => {
    const md = renderMarkdown(report("stateOnly"));
    expect(md).toContain(`\n\nHealth: ${NOTE}\n\n`);
    expect(md).toContain("| unhealthy (state only) | 1 |");
    expect(md).toContain("### Unhealthy — declared and present, but not OPEN or not fully connected (health not read) (1)");
  });

  it("a full audit, or a report from before the field, renders as it did", () => {
    for (const h of ["full", undefined] as const) {
      const table = renderTable(report(h));
      const md = renderMarkdown(report(h));
      for (const out of [table, md]) {
        expect(out).not.toContain("health not read");
        expect(out).not.toContain("state only");
        expect(out).not.toMatch(/^ {2}health /m);
        expect(out).not.toMatch(/^Health:/m);
      }
      expect(table).toContain("Unhealthy — declared and present, but not able to send reliably (1)");
    }
  });
});
