/**
 * A list-only audit (--no-health, or --fail-on without unhealthy): one request, GET /v1/numbers, and no detail
 * request per declared number. Name, number and provider are in the list, so `changed` finds as much as a full
 * audit; so are state and connection, so `unhealthy` keeps those reasons; sendable, quality rating and Meta status
 * are only in the detail, and the report says they were not read (healthCheck "stateOnly").
 */
import { describe, expect, it } from "vitest";
import { DriftReport, auditDrift } from "../../provider/drift";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { expectUserError, useCliRig } from "./cliRig";
import { runCli } from "./runCli";

const { emu, tmp, env } = useCliRig("drift-listOnly-");

/** Four declared numbers, then drift of every kind out of band: a rename, a delete, a disconnect, a RED Meta number, an extra number. */
async function driftedTenant(): Promise<{ file: string; ids: Record<"sales" | "support" | "meta" | "gone" | "extra", string> }> {
  const mk = async (kind: StateNumber["kind"], name: string, displayName: string, number: string): Promise<StateNumber> => {
    const n = await emu.control.createNumber({
      name: displayName,
      number,
      provider: kind === "MetaNumber" ? "META" : "PILOT_STATUS",
      state: "OPEN",
    });
    return { kind, name, id: n.id, displayName, number: `+${number}` };
  };
  const sales = await mk("WhatsAppNumber", "sales", "Sales", "5511990000001");
  const support = await mk("WhatsAppNumber", "support", "Support", "5511990000002");
  const meta = await mk("MetaNumber", "official", "Official", "5511990000003");
  const gone = await mk("WhatsAppNumber", "gone", "Gone", "5511990000004");
  const file = await writeStackFile(tmp.path, `tenant-${sales.id}.json`, stackExport("dev", "numbers", [sales, support, meta, gone]));
  await emu.control.rename(sales.id, { name: "Sales (old)" });
  await emu.control.disconnect(support.id);
  await emu.control.setHealth(meta.id, { qualityRating: "RED" });
  await emu.control.deleteNumber(gone.id);
  const extra = await emu.control.createNumber({ name: "Side", number: "5511990000042", state: "OPEN" });
  return { file, ids: { sales: sales.id, support: support.id, meta: meta.id, gone: gone.id, extra: extra.id } };
}

async function audit(args: string[]) {
  await emu.control.resetRequests();
  const res = await runCli(["drift", ...args], env());
  const { counts } = await emu.control.requests();
  return { ...res, counts };
}

async function auditJson(args: string[]) {
  const res = await audit([...args, "--json"]);
  expect(res.stderr).toBe("");
  return { ...res, report: DriftReport.parse(JSON.parse(res.stdout)) };
}

const reasonsOf = (r: DriftReport) => Object.fromEntries(r.unhealthy.map((u) => [u.id, u.reasons.map((x) => x.code)]));

describe("pilotstatus drift without health: the list only", () => {
  it("--no-health makes exactly one request and finds changed, missing and unmanaged as a full audit does", async () => {
    const { file, ids } = await driftedTenant();
    const full = await auditJson(["--stack-file", file]);
    const listOnly = await auditJson(["--stack-file", file, "--no-health"]);

    expect(full.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });
    expect(listOnly.counts).toEqual({ "GET /v1/numbers": 1 });
    expect(listOnly.report.api).toMatchObject({ listRequests: 1, detailRequests: 0 });
    expect(full.report.healthCheck).toBe("full");
    expect(listOnly.report.healthCheck).toBe("stateOnly");

    // What the list holds is compared the same way.
    for (const bucket of ["inSync", "changed", "missing", "unmanaged"] as const)
      expect(listOnly.report[bucket], bucket).toEqual(full.report[bucket]);
    expect(listOnly.report.changed.map((c) => [c.id, c.changes])).toEqual([
      [ids.sales, [{ field: "name", state: "Sales", account: "Sales (old)" }]],
    ]);
    expect(listOnly.report.missing.map((m) => m.id)).toEqual([ids.gone]);
    expect(listOnly.report.unmanaged.map((u) => u.id)).toEqual([ids.extra]);

    // Health: the list's state and connection only; the RED Meta number and "not sendable" need the detail.
    expect(reasonsOf(full.report)).toEqual({ [ids.support]: ["STATE_NOT_OPEN", "NOT_SENDABLE"], [ids.meta]: ["QUALITY_NOT_GREEN"] });
    expect(reasonsOf(listOnly.report)).toEqual({ [ids.support]: ["STATE_NOT_OPEN"] });
    expect(listOnly.report.unhealthy[0]!.health).toBeNull();
    expect(listOnly.code).toBe(1);
  });

  it("--fail-on without unhealthy reads the list only; --health reads the details anyway; --fail-on with unhealthy reads them", async () => {
    const { file, ids } = await driftedTenant();
    const narrow = await auditJson(["--stack-file", file, "--fail-on", "changed,missing"]);
    expect(narrow.counts).toEqual({ "GET /v1/numbers": 1 });
    expect(narrow.report.healthCheck).toBe("stateOnly");
    expect(narrow.code).toBe(1);

    const forced = await auditJson(["--stack-file", file, "--fail-on", "unmanaged", "--health"]);
    expect(forced.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });
    expect(forced.report.healthCheck).toBe("full");
    expect(Object.keys(reasonsOf(forced.report)).sort()).toEqual([ids.support, ids.meta].sort());

    const withUnhealthy = await auditJson(["--stack-file", file, "--fail-on", "unhealthy"]);
    expect(withUnhealthy.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });
    expect(withUnhealthy.report.healthCheck).toBe("full");

    // --no-health with --fail-on unhealthy: asked for, so the list's state and connection still fail the job.
    const stateOnly = await auditJson(["--stack-file", file, "--fail-on", "unhealthy", "--no-health"]);
    expect(stateOnly.counts).toEqual({ "GET /v1/numbers": 1 });
    expect(stateOnly.code).toBe(1);
  });

  it("the table and the Markdown say health was not read", async () => {
    const { file } = await driftedTenant();
    const table = await audit(["--stack-file", file, "--no-health"]);
    expect(table.stderr).toBe("");
    expect(table.counts).toEqual({ "GET /v1/numbers": 1 });
    const lines = table.stdout.split("\n");
    expect(lines[3]).toMatch(
      /^ {2}health {3}state and connection only, from the account's list .*: sendable, quality rating and Meta status were not read; --health reads them$/,
    );
    expect(lines).toContain("  unhealthy (state only)  1");

    const md = await audit(["--stack-file", file, "--fail-on", "changed", "--markdown"]);
    expect(md.counts).toEqual({ "GET /v1/numbers": 1 });
    expect(md.stdout).toMatch(
      /\nHealth: state and connection only, from the account's list .*sendable, quality rating and Meta status were not read; --health reads them\n/,
    );
    expect(md.stdout).toContain("| unhealthy (state only) | 1 |");
    expect(md.stdout).toContain("### Unhealthy — declared and present, but not OPEN or not fully connected (health not read) (1)");
  });

  it("--health and --no-health together are a usage error, before any request", async () => {
    const { file } = await driftedTenant();
    const res = await audit(["--stack-file", file, "--health", "--no-health"]);
    expectUserError(res, /^pilotstatus drift: choose one of --health and --no-health$/);
    expect(res.counts).toEqual({});
  });

  it("as a library: health: false makes one request; failOn without unhealthy does too, unless health: true", async () => {
    const { file } = await driftedTenant();
    const settings = { apiKey: emu.tenantKey, baseUrl: emu.url };
    const cases: Array<[Parameters<typeof auditDrift>[0], Record<string, number>, "full" | "stateOnly"]> = [
      [{ stackFiles: [file], settings, health: false }, { "GET /v1/numbers": 1 }, "stateOnly"],
      [{ stackFiles: [file], settings, failOn: ["changed", "missing", "unmanaged"] }, { "GET /v1/numbers": 1 }, "stateOnly"],
      [{ stackFiles: [file], settings, failOn: ["changed"], health: true }, { "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 }, "full"],
      [{ stackFiles: [file], settings }, { "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 }, "full"],
    ];
    for (const [options, counts, healthCheck] of cases) {
      await emu.control.resetRequests();
      const report = await auditDrift(options);
      expect((await emu.control.requests()).counts, JSON.stringify(options.failOn)).toEqual(counts);
      expect(report.healthCheck).toBe(healthCheck);
      expect(report.summary).toMatchObject({ declared: 4, managed: 3, changed: 1, missing: 1, unmanaged: 1 });
    }
  });
});
