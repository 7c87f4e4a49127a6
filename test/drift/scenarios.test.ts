/**
 * The drift audit end to end: real stack export files in a temp dir, the emulator as the account,
 * the built CLI as a child process. Each test changes the account out of band and checks the buckets,
 * the JSON (against the published schema), the exit code and the API requests made.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DriftReport } from "../../provider/drift";
import { assertBuilt, runCli } from "./runCli";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { emulatorEnv, useEmulator } from "../support/emulator";
import { useTempDir } from "../support/tempDir";

const emu = useEmulator();
const tmp = useTempDir("drift-scenarios-");

beforeAll(() => {
  assertBuilt();
});

const env = () => emulatorEnv(emu);

/** Three numbers in the account, declared exactly as they are: two QR numbers and a Meta number. */
async function tenant(): Promise<{ sales: StateNumber; support: StateNumber; meta: StateNumber }> {
  const mk = async (kind: StateNumber["kind"], name: string, displayName: string, number: string): Promise<StateNumber> => {
    const n = await emu.control.createNumber({
      name: displayName,
      number,
      provider: kind === "MetaNumber" ? "META" : "PILOT_STATUS",
      state: "OPEN",
    });
    return { kind, name, id: n.id, displayName, number: `+${number}` };
  };
  return {
    sales: await mk("WhatsAppNumber", "sales", "Sales", "5511990000001"),
    support: await mk("WhatsAppNumber", "support", "Support", "5511990000002"),
    meta: await mk("MetaNumber", "official", "Official", "5511990000003"),
  };
}

async function audit(files: string[], extra: string[] = []) {
  await emu.control.resetRequests();
  const res = await runCli(["drift", ...files.flatMap((f) => ["--stack-file", f]), "--json", ...extra], env());
  expect(res.stderr).toBe("");
  const report = DriftReport.parse(JSON.parse(res.stdout));
  const { counts } = await emu.control.requests();
  return { ...res, report, counts };
}

const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id).sort();

describe("pilotstatus drift on the emulator", () => {
  it("reports an untouched account as in sync: exit 0, one list call and one detail call per declared number", async () => {
    const t = await tenant();
    const file = await writeStackFile(tmp.path, "sync.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const { code, report, counts } = await audit([file]);
    expect(code).toBe(0);
    expect(ids(report.inSync)).toEqual(ids([t.sales, t.support, t.meta]));
    expect(report.summary).toEqual({
      accountTotal: 3,
      declared: 3,
      managed: 3,
      inSync: 3,
      changed: 0,
      missing: 0,
      unmanaged: 0,
      unhealthy: 0,
      ignored: 0,
    });
    expect(report.coverage).toBe(100);
    expect(report.drifted).toBe(false);
    expect(report.inSync.find((e) => e.id === t.meta.id)).toMatchObject({
      urn: `urn:pulumi:dev::numbers::pulumi-nodejs:dynamic/pilotstatus:MetaNumber::official`,
      resourceType: "MetaNumber",
      stack: "numbers/dev",
      source: file,
    });
    expect(counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });
  });

  it("finds an out-of-band rename and number change, field by field", async () => {
    const t = await tenant();
    await emu.control.rename(t.sales.id, { name: "Sales (old)" });
    await emu.control.rename(t.support.id, { number: "5511990000009" });
    const file = await writeStackFile(tmp.path, "rename.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const { code, report } = await audit([file]);
    expect(code).toBe(1);
    expect(report.changed.map((c) => [c.id, c.changes])).toEqual(
      [
        [t.sales.id, [{ field: "name", state: "Sales", account: "Sales (old)" }]],
        [t.support.id, [{ field: "number", state: "+5511990000002", account: "+5511990000009" }]],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(ids(report.inSync)).toEqual([t.meta.id]);
  });

  it("finds an out-of-band delete as missing, without a detail call for it", async () => {
    const t = await tenant();
    await emu.control.deleteNumber(t.support.id);
    const file = await writeStackFile(tmp.path, "delete.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const { code, report, counts } = await audit([file]);
    expect(code).toBe(1);
    expect(report.missing).toEqual([
      expect.objectContaining({ id: t.support.id, name: "Support", number: "+5511990000002", sameNumberInAccount: null }),
    ]);
    expect(report.summary).toMatchObject({ accountTotal: 2, managed: 2, missing: 1 });
    expect(counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 2 });
  });

  it("finds a number created outside Pulumi as unmanaged, from the list alone", async () => {
    const t = await tenant();
    const extra = await emu.control.createNumber({ name: "Side project", number: "5511990000042", state: "OPEN" });
    const file = await writeStackFile(tmp.path, "extra.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const { code, report, counts } = await audit([file]);
    expect(code).toBe(1);
    expect(report.unmanaged).toEqual([
      { id: extra.id, name: "Side project", number: "+5511990000042", provider: "PILOT_STATUS", state: "OPEN" },
    ]);
    expect(report.coverage).toBe(75);
    expect(counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });
  });

  it("flags a disconnected number and a RED Meta number as unhealthy, with their reasons", async () => {
    const t = await tenant();
    await emu.control.disconnect(t.sales.id);
    await emu.control.setHealth(t.meta.id, { qualityRating: "RED" });
    const file = await writeStackFile(tmp.path, "health.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const { code, report } = await audit([file]);
    expect(code).toBe(1);
    const reasons = Object.fromEntries(report.unhealthy.map((u) => [u.id, u.reasons.map((r) => r.code)]));
    expect(reasons).toEqual({ [t.sales.id]: ["STATE_NOT_OPEN", "NOT_SENDABLE"], [t.meta.id]: ["QUALITY_NOT_GREEN"] });
    expect(report.unhealthy.find((u) => u.id === t.meta.id)!.health).toMatchObject({ qualityRating: "RED", metaStatus: "CONNECTED" });
    // Configuration is unchanged: unhealthy overlays in-sync.
    expect(report.summary).toMatchObject({ inSync: 3, changed: 0, unhealthy: 2 });

    // Health problems alone do not fail a job that asks only about configuration drift. Such a job reads the
    // list only (one request), so its report keeps what the list shows (the disconnect), not the RED rating...
    const narrow = await audit([file], ["--fail-on", "changed,missing,unmanaged"]);
    expect(narrow.code).toBe(0);
    expect(narrow.counts).toEqual({ "GET /v1/numbers": 1 });
    expect(narrow.report.healthCheck).toBe("stateOnly");
    expect(narrow.report.unhealthy.map((u) => [u.id, u.reasons.map((r) => r.code)])).toEqual([[t.sales.id, ["STATE_NOT_OPEN"]]]);
    // ...and with --health it reads every detail and reports both, as the full audit does.
    const narrowWithHealth = await audit([file], ["--fail-on", "changed,missing,unmanaged", "--health"]);
    expect(narrowWithHealth.code).toBe(0);
    expect(narrowWithHealth.report.unhealthy).toHaveLength(2);
  });

  it("combines several stack files of one tenant; a file left out turns its numbers unmanaged", async () => {
    const t = await tenant();
    const dev = await writeStackFile(tmp.path, "dev.json", stackExport("dev", "numbers", [t.sales]));
    const prod = await writeStackFile(tmp.path, "prod.json", stackExport("prod", "numbers", [t.support, t.meta]));
    const both = await audit([dev, prod]);
    expect(both.code).toBe(0);
    expect(both.report.summary).toMatchObject({ declared: 3, managed: 3, unmanaged: 0 });
    expect(both.report.sources).toEqual([
      { kind: "file", name: dev, numbers: 1, stacks: ["numbers/dev"] },
      { kind: "file", name: prod, numbers: 2, stacks: ["numbers/prod"] },
    ]);
    expect(both.report.inSync.find((e) => e.id === t.support.id)!.stack).toBe("numbers/prod");

    const devOnly = await audit([dev]);
    expect(devOnly.code).toBe(1);
    expect(ids(devOnly.report.unmanaged)).toEqual(ids([t.support, t.meta]));
    expect(devOnly.report.coverage).toBe(33.3);
    expect(devOnly.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 1 });
  });

  it("leaves ignored numbers (by id and by phone number, flag and file) out of buckets and coverage", async () => {
    const t = await tenant();
    const lab = await emu.control.createNumber({ name: "Lab", number: "5511990000050", state: "OPEN" });
    const qa = await emu.control.createNumber({ name: "QA", number: "5511990000051", state: "OPEN" });
    const file = await writeStackFile(tmp.path, "ignore.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));
    const ignoreFile = await writeStackFile(tmp.path, "ignore.txt", "# numbers we keep by hand\n+55 11 99000-0051  # QA phone\n");

    const without = await audit([file]);
    expect(ids(without.report.unmanaged)).toEqual(ids([lab, qa]));

    const { code, report } = await audit([file], ["--ignore", lab.id, "--ignore-file", ignoreFile]);
    expect(code).toBe(0);
    expect(report.unmanaged).toEqual([]);
    expect(report.ignored).toEqual(ids([lab, qa]));
    expect(report.summary).toMatchObject({ ignored: 2, accountTotal: 3, managed: 3 });
    expect(report.coverage).toBe(100);
  });

  it("prints a readable table by default and Markdown for a CI summary", async () => {
    const t = await tenant();
    await emu.control.rename(t.sales.id, { name: "Sales | BR" });
    await emu.control.deleteNumber(t.support.id);
    const extra = await emu.control.createNumber({ name: "Side", number: "5511990000060", state: "OPEN" });
    const file = await writeStackFile(tmp.path, "render.json", stackExport("dev", "numbers", [t.sales, t.support, t.meta]));

    const table = await runCli(["drift", "--stack-file", file], env());
    expect(table.code).toBe(1);
    expect(table.stderr).toBe("");
    const lines = table.stdout.split("\n");
    expect(lines).toContain("Coverage: 66.6% (2 of 3 numbers in the account are managed)");
    expect(lines.find((l) => l.includes(t.sales.id))).toMatch(/sales\s+name\s+Sales\s+→\s+Sales \| BR/);
    expect(lines.find((l) => l.includes(t.support.id))).toMatch(/support\s+numbers\/dev\s+Support\s+\+5511990000002/);
    expect(lines.find((l) => l.includes(extra.id))).toMatch(/Side\s+\+5511990000060\s+PILOT_STATUS\s+OPEN/);
    expect(lines.at(-2)).toBe("Drift found: changed 1, missing 1, unmanaged 1.");

    const md = await runCli(["drift", "--stack-file", file, "--markdown"], env());
    expect(md.code).toBe(1);
    expect(md.stdout.split("\n")[0]).toBe("## Pilot Status drift audit: drift found");
    expect(md.stdout).toContain("| Bucket | Count |");
    expect(md.stdout).toContain("| changed | 1 |");
    expect(md.stdout).toContain("### Changed — the account differs from the state (1)");
    expect(md.stdout).toContain(`| \`${t.sales.id}\` | \`sales\` | numbers/dev | name | Sales | Sales \\| BR |`);
    expect(md.stdout).toContain("### Missing — in the state, gone from the account (1)");
    expect(md.stdout).toContain("### Unmanaged — in the account, in no given stack (1)");
    expect(md.stdout).not.toContain("### Unhealthy");
  });
});
