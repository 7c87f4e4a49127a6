/**
 * Several tenants in one `pilotstatus drift` run, on the emulator's two tenants: numbers declared with
 * `account: "<name>"` are audited with that account's key (from PILOT_STATUS_API_KEY_<NAME> or --accounts-file),
 * one list per tenant, one report with a section per tenant. Bad use (an account with no key, a name that is not
 * valid, one number declared in two accounts of one tenant) is one line, exit 2, before any request; no key is ever
 * printed.
 */
import { describe, expect, it } from "vitest";
import { DriftReport, auditDrift } from "../../provider/drift";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { expectUserError, useCliRig } from "./cliRig";
import { type CliResult, runCli } from "./runCli";

const { emu, tmp, env } = useCliRig("drift-tenants-");

/**
 * The default tenant has Sales and Support, declared without an account; the other tenant has Acme and Acme BR,
 * declared under account "acme" (in a stack of its own), plus "Acme side", which no stack declares.
 */
async function twoTenants(): Promise<{
  dev: string;
  acme: string;
  ids: Record<"sales" | "support" | "acme" | "acmeBr" | "side", string>;
  numbers: Record<string, StateNumber>;
}> {
  const mk = async (
    tenant: "default" | "other",
    name: string,
    displayName: string,
    number: string,
    account?: string,
  ): Promise<StateNumber> => {
    const n = await emu.control.createNumber({ tenant, name: displayName, number, state: "OPEN" });
    return { kind: "WhatsAppNumber", name, id: n.id, displayName, number: `+${number}`, ...(account !== undefined ? { account } : {}) };
  };
  const sales = await mk("default", "sales", "Sales", "5511990000001");
  const support = await mk("default", "support", "Support", "5511990000002");
  const acme = await mk("other", "acme", "Acme", "5521990000001", "acme");
  const acmeBr = await mk("other", "acme-br", "Acme BR", "5521990000002", "acme");
  const side = await emu.control.createNumber({ tenant: "other", name: "Acme side", number: "5521990000099", state: "OPEN" });
  const dev = await writeStackFile(tmp.path, `dev-${sales.id}.json`, stackExport("dev", "numbers", [sales, support]));
  const acmeFile = await writeStackFile(tmp.path, `acme-${sales.id}.json`, stackExport("acme", "numbers", [acme, acmeBr]));
  return {
    dev,
    acme: acmeFile,
    ids: { sales: sales.id, support: support.id, acme: acme.id, acmeBr: acmeBr.id, side: side.id },
    numbers: { sales, support, acme, acmeBr },
  };
}

async function accountsFile(content: unknown, file = "accounts.json"): Promise<string> {
  return writeStackFile(tmp.path, file, content);
}

async function run(args: string[], over: NodeJS.ProcessEnv = {}) {
  await emu.control.resetRequests();
  const res = await runCli(["drift", ...args], env(over));
  const { counts, total } = await emu.control.requests();
  return { ...res, counts, total };
}

async function runJson(args: string[], over: NodeJS.ProcessEnv = {}) {
  const res = await run([...args, "--json"], over);
  expect(res.stderr).toBe("");
  return { ...res, report: DriftReport.parse(JSON.parse(res.stdout)) };
}

const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id).sort();

/** Neither tenant's key is anywhere in what the CLI printed. */
function expectNoKey(res: CliResult): void {
  for (const key of [emu.tenantKey, emu.otherTenantKey]) {
    expect(res.stdout).not.toContain(key);
    expect(res.stderr).not.toContain(key);
  }
}

describe("pilotstatus drift over two tenants", () => {
  it("audits both in one run, the named account's key from PILOT_STATUS_API_KEY_<NAME>: one list each, a section per tenant", async () => {
    const t = await twoTenants();
    const res = await runJson(["--stack-file", t.dev, "--stack-file", t.acme], { PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey });
    expectNoKey(res);
    // One list per tenant, one detail per declared number.
    expect(res.counts).toEqual({ "GET /v1/numbers": 2, "GET /v1/numbers/:id": 4 });
    const { report } = res;
    expect(res.code).toBe(1); // "Acme side" is unmanaged in the other tenant
    expect(report.tenants).toHaveLength(2);
    const [dflt, acme] = report.tenants!;
    expect(dflt).toMatchObject({ account: null, accounts: [], baseUrl: emu.url, drifted: false, coverage: 100 });
    expect(ids(dflt!.inSync)).toEqual([t.ids.sales, t.ids.support].sort());
    expect(dflt!.unmanaged).toEqual([]);
    expect(acme).toMatchObject({ account: "acme", accounts: ["acme"], baseUrl: emu.url, drifted: true, coverage: 66.6 });
    expect(ids(acme!.inSync)).toEqual([t.ids.acme, t.ids.acmeBr].sort());
    expect(acme!.unmanaged.map((u) => u.id)).toEqual([t.ids.side]);
    expect(acme!.inSync.every((e) => e.account === "acme")).toBe(true);
    expect(acme!.api).toMatchObject({ listRequests: 1, detailRequests: 2 });
    // The top level is the sum.
    expect(report.summary).toEqual({
      accountTotal: 5,
      declared: 4,
      managed: 4,
      inSync: 4,
      changed: 0,
      missing: 0,
      unmanaged: 1,
      unhealthy: 0,
      ignored: 0,
    });
    expect(report.coverage).toBe(80);
    expect(report.api).toMatchObject({ listRequests: 2, detailRequests: 4 });
    expect(report.baseUrl).toBe(emu.url);
    expect(report.drifted).toBe(true);
  });

  it("takes the named account's key (and base URL) from --accounts-file just as well", async () => {
    const t = await twoTenants();
    const file = await accountsFile({ acme: { apiKey: emu.otherTenantKey, baseUrl: emu.url, requestTimeoutSeconds: 30 } });
    const res = await runJson(["--stack-file", t.dev, "--stack-file", t.acme, "--accounts-file", file]);
    expectNoKey(res);
    expect(res.counts).toEqual({ "GET /v1/numbers": 2, "GET /v1/numbers/:id": 4 });
    expect(res.report.tenants!.map((x) => [x.account, x.summary.inSync, x.summary.unmanaged])).toEqual([
      [null, 2, 0],
      ["acme", 2, 1],
    ]);
    // Only named accounts: the default key is not needed, and the default tenant is not read.
    const only = await runJson(["--stack-file", t.acme, "--accounts-file", file], { PILOT_STATUS_API_KEY: "" });
    expect(only.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 2 });
    expect(only.report.tenants!.map((x) => x.account)).toEqual(["acme"]);
    expect(only.report.summary).toMatchObject({ declared: 2, inSync: 2, unmanaged: 1 });
  });

  it("an out-of-band rename in one tenant shows only in that tenant's section", async () => {
    const t = await twoTenants();
    await emu.control.rename(t.ids.acmeBr, { name: "Acme BR (old)" });
    const over = { PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey };
    const { report, code } = await runJson(["--stack-file", t.dev, "--stack-file", t.acme, "--fail-on", "changed"], over);
    expect(code).toBe(1);
    const [dflt, acme] = report.tenants!;
    expect(dflt!.changed).toEqual([]);
    expect(dflt!.drifted).toBe(false);
    expect(acme!.changed.map((c) => [c.id, c.account, c.changes])).toEqual([
      [t.ids.acmeBr, "acme", [{ field: "name", state: "Acme BR", account: "Acme BR (old)" }]],
    ]);
    expect(report.changed.map((c) => c.id)).toEqual([t.ids.acmeBr]);

    // The table and the Markdown: one section per tenant, headed by its account and base URL, then one total line.
    const table = await run(["--stack-file", t.dev, "--stack-file", t.acme, "--fail-on", "changed"], over);
    expectNoKey(table);
    expect(table.code).toBe(1);
    const lines = table.stdout.split("\n");
    const dfltAt = lines.indexOf(`Tenant: default account at ${emu.url}`);
    const acmeAt = lines.indexOf(`Tenant: acme at ${emu.url}`);
    expect(dfltAt).toBeGreaterThan(0);
    expect(acmeAt).toBeGreaterThan(dfltAt);
    const renamed = lines.findIndex((l) => l.includes(t.ids.acmeBr) && l.includes("Acme BR (old)"));
    expect(renamed).toBeGreaterThan(acmeAt);
    expect(lines.slice(dfltAt, acmeAt).some((l) => l.startsWith("Changed"))).toBe(false);
    expect(lines.slice(dfltAt, acmeAt)).toContain("Coverage: 100.0% (2 of 2 numbers in the account are managed)");
    expect(lines.filter((l) => l.startsWith("Total over"))).toEqual([
      "Total over 2 tenants: in sync 3, changed 1, missing 0, unmanaged 1, unhealthy (state only) 0, ignored 0; coverage 80.0% (4 of 5 numbers in the accounts are managed).",
    ]);
    expect(lines.at(-2)).toBe("Drift found: changed 1.");

    const md = await run(["--stack-file", t.dev, "--stack-file", t.acme, "--fail-on", "changed", "--markdown"], over);
    expectNoKey(md);
    expect(md.stdout.split("\n")[0]).toBe("## Pilot Status drift audit: drift found");
    expect(md.stdout).toContain(`### Tenant: default account at \`${emu.url}\` — in sync`);
    expect(md.stdout).toContain(`### Tenant: \`acme\` at \`${emu.url}\` — drift found`);
    const acmeSection = md.stdout.slice(md.stdout.indexOf("### Tenant: `acme`"));
    expect(acmeSection).toContain("#### Changed — the account differs from the state (1)");
    expect(md.stdout.slice(0, md.stdout.indexOf("### Tenant: `acme`"))).not.toContain("Changed —");
    expect(md.stdout).toContain("**Total over 2 tenants: in sync 3, changed 1,");
  });

  it("unmanaged is per tenant: a number declared only in the other tenant's stack is unmanaged in its own tenant", async () => {
    const t = await twoTenants();
    // Sales is declared under "acme" (the other tenant) by mistake, and no longer in the default account's stack.
    const misplaced = await writeStackFile(
      tmp.path,
      `misplaced-${t.ids.sales}.json`,
      stackExport("acme", "numbers", [t.numbers.acme!, t.numbers.acmeBr!, { ...t.numbers.sales!, name: "sales-acme", account: "acme" }]),
    );
    const devSupport = await writeStackFile(tmp.path, `support-${t.ids.sales}.json`, stackExport("dev", "numbers", [t.numbers.support!]));
    const { report, code } = await runJson(["--stack-file", devSupport, "--stack-file", misplaced], {
      PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey,
    });
    expect(code).toBe(1);
    const [dflt, acme] = report.tenants!;
    // In the default tenant, no stack declares Sales under one of its accounts: unmanaged there ...
    expect(dflt!.unmanaged.map((u) => u.id)).toEqual([t.ids.sales]);
    // ... and in acme's tenant it is missing (it is another tenant's), beside acme's own unmanaged number.
    expect(acme!.missing.map((m) => [m.id, m.account])).toEqual([[t.ids.sales, "acme"]]);
    expect(acme!.unmanaged.map((u) => u.id)).toEqual([t.ids.side]);
    expect(report.summary).toMatchObject({ declared: 4, managed: 3, missing: 1, unmanaged: 2 });
  });

  it("two accounts with the same key are one tenant: listed once, with both accounts' numbers", async () => {
    const t = await twoTenants();
    const acme2 = { ...t.numbers.acmeBr!, account: "acme-2" };
    const file = await writeStackFile(tmp.path, `acme2-${t.ids.sales}.json`, stackExport("acme", "numbers", [t.numbers.acme!, acme2]));
    const res = await runJson(["--stack-file", file], {
      PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey,
      PILOT_STATUS_API_KEY_ACME_2: emu.otherTenantKey,
    });
    expect(res.counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 2 });
    expect(res.report.tenants).toHaveLength(1);
    expect(res.report.tenants![0]).toMatchObject({ account: "acme", accounts: ["acme", "acme-2"] });
    expect(res.report.summary).toMatchObject({ declared: 2, inSync: 2, unmanaged: 1 });
  });

  it("as a library: auditDrift({ accounts }) and auditDrift({ accountsFile })", async () => {
    const t = await twoTenants();
    const settings = { apiKey: emu.tenantKey, baseUrl: emu.url };
    const fromObject = await auditDrift({
      stackFiles: [t.dev, t.acme],
      settings,
      accounts: { acme: { apiKey: emu.otherTenantKey } },
      env: {},
    });
    expect(fromObject.tenants!.map((x) => [x.account, x.baseUrl, x.summary.inSync])).toEqual([
      [null, emu.url, 2],
      ["acme", emu.url, 2],
    ]);
    const file = await accountsFile({ acme: { apiKey: emu.otherTenantKey } }, "lib-accounts.json");
    const fromFile = await auditDrift({ stackFiles: [t.dev, t.acme], settings, accountsFile: file, env: {} });
    expect(fromFile.summary).toEqual(fromObject.summary);
    expect(JSON.stringify(fromFile)).not.toContain(emu.otherTenantKey);
    await expect(auditDrift({ stackFiles: [t.acme], settings, env: {} })).rejects.toThrowError(
      /^unknown account "acme" .*export PILOT_STATUS_API_KEY_ACME=ps_\.\.\./,
    );
  });

  it("a rejected key names the account and where its key came from", async () => {
    const t = await twoTenants();
    const res = await run(["--stack-file", t.dev, "--stack-file", t.acme], { PILOT_STATUS_API_KEY_ACME: "ps_wrong_key_000000" });
    expectUserError(
      res,
      /^pilotstatus drift: Pilot Status rejected the key of account "acme" \(from PILOT_STATUS_API_KEY_ACME; 401 on GET \/v1\/numbers\): set it to a valid tenant-scoped key$/,
    );
    expect(res.stderr).not.toContain("ps_wrong_key_000000");
  });
});

describe("bad use of accounts: one line, exit 2, before any request, no key shown", () => {
  it("an account the stacks use with no key anywhere: names the variable and the file flag", async () => {
    const t = await twoTenants();
    const res = await run(["--stack-file", t.dev, "--stack-file", t.acme]);
    expectUserError(
      res,
      /^pilotstatus drift: unknown account "acme" \(declared by WhatsAppNumber "acme" of "numbers\/acme" \(.*acme-.*\.json\) and 1 more\): export PILOT_STATUS_API_KEY_ACME=ps_\.\.\. or give it in an accounts file \(--accounts-file\), as \{"acme": \{"apiKey": "ps_\.\.\."\}\}\.$/,
    );
    expect(res.total).toBe(0);
    expectNoKey(res);

    // In the accounts file without a key, while another account has one there.
    const file = await accountsFile({ acme: { baseUrl: emu.url }, other: { apiKey: emu.otherTenantKey } }, "no-key.json");
    const noKey = await run(["--stack-file", t.dev, "--stack-file", t.acme, "--accounts-file", file]);
    expectUserError(
      noKey,
      /^pilotstatus drift: account "acme" has no API key in the accounts file .*no-key\.json \(declared by .*\): export PILOT_STATUS_API_KEY_ACME=ps_\.\.\. or give it in the accounts file .*no-key\.json \(--accounts-file\), as .*\. Accounts with a key: "other"\.$/,
    );
    expect(noKey.total).toBe(0);
    expectNoKey(noKey);
  });

  it("an account name that is not valid, in a stack or in the accounts file", async () => {
    const t = await twoTenants();
    const bad = await writeStackFile(
      tmp.path,
      `bad-name-${t.ids.sales}.json`,
      stackExport("acme", "numbers", [{ ...t.numbers.acme!, account: "acme corp!" }]),
    );
    const res = await run(["--stack-file", bad], { PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey });
    expectUserError(
      res,
      /^pilotstatus drift: account name "acme corp!" is not valid: use letters, digits, "-" and "_", starting with a letter, at most 64 characters \(declared by WhatsAppNumber "acme" .*\)$/,
    );
    expect(res.total).toBe(0);

    const file = await accountsFile({ "9lives": { apiKey: emu.otherTenantKey } }, "bad-names.json");
    const inFile = await run(["--stack-file", t.acme, "--accounts-file", file]);
    expectUserError(
      inFile,
      /^pilotstatus drift: the accounts file .*bad-names\.json: account name "9lives" is not valid: use letters, digits/,
    );
    expect(inFile.total).toBe(0);
    expectNoKey(inFile);
  });

  it("the same phone number declared in two accounts of one tenant: names both resources and accounts", async () => {
    const t = await twoTenants();
    // "acme-2" has acme's key: one tenant. Its stack declares Acme's phone number again, under another id.
    const twin = { ...t.numbers.acme!, name: "acme-again", id: "wa_twin_0001", account: "acme-2" };
    const file = await writeStackFile(tmp.path, `twin-${t.ids.sales}.json`, stackExport("acme2", "numbers", [twin]));
    const over = { PILOT_STATUS_API_KEY_ACME: emu.otherTenantKey, PILOT_STATUS_API_KEY_ACME_2: emu.otherTenantKey };
    const res = await run(["--stack-file", t.acme, "--stack-file", file], over);
    expectUserError(
      res,
      /^pilotstatus drift: the phone number \+5521990000001 is declared in account "acme" by WhatsAppNumber "acme" of "numbers\/acme" \(.*\) and in account "acme-2" by WhatsAppNumber "acme-again" of "numbers\/acme2" \(.*\); the two accounts have the same key and base URL, so they are one tenant\. A number can be declared once per tenant/,
    );
    expect(res.total).toBe(0);
    expectNoKey(res);

    // With its own tenant's key, "acme-2" is another tenant: no error, and the number is missing there.
    const apart = await runJson(["--stack-file", t.acme, "--stack-file", file], { ...over, PILOT_STATUS_API_KEY_ACME_2: emu.tenantKey });
    expect(apart.report.tenants!.map((x) => [x.account, x.summary.missing])).toEqual([
      ["acme", 0],
      ["acme-2", 1],
    ]);
  });

  it("an accounts file that is not JSON, or not accounts: no line of it is shown", async () => {
    const t = await twoTenants();
    const notJson = await accountsFile(`PILOT_STATUS_API_KEY_ACME=${emu.otherTenantKey}\n`, "accounts.env");
    const res = await run(["--stack-file", t.acme, "--accounts-file", notJson]);
    expectUserError(
      res,
      /^pilotstatus drift: the accounts file .*accounts\.env is not valid JSON \(.*\); expected \{"<account>": \{"apiKey": "ps_\.\.\.", "baseUrl": "\.\.\."\}\}$/,
    );
    expectNoKey(res);
    const shape = await accountsFile({ acme: { apiKey: emu.otherTenantKey, token: emu.otherTenantKey } }, "shape.json");
    const bad = await run(["--stack-file", t.acme, "--accounts-file", shape]);
    expectUserError(
      bad,
      /^pilotstatus drift: the accounts file .*shape\.json: acme is not valid: each account takes apiKey, baseUrl and requestTimeoutSeconds, as text \("token"\)\. The value is not shown, in case it is a secret\.$/,
    );
    expectNoKey(bad);
    const missing = await run(["--stack-file", t.acme, "--accounts-file", `${tmp.path}/nope.json`]);
    expectUserError(missing, /^pilotstatus drift: cannot read accounts file .*nope\.json: no such file$/);
    for (const r of [res, bad, missing]) expect(r.total).toBe(0);
  });

  it("a secret as the --accounts-file path is refused unshown; a key from the file is redacted from every later message", async () => {
    const t = await twoTenants();
    const LIVE = "ps_live_9f8e7d6c5b4a3928172635445362718a";
    const asPath = await run(["--stack-file", t.acme, "--accounts-file", LIVE]);
    expectUserError(asPath, /^pilotstatus drift: --accounts-file takes a path; the value given looks like a secret \(not shown\)/);
    expect(asPath.stderr).not.toContain(LIVE.slice(0, 12));

    // A key of no known shape, known only from the file: a path that holds it is not echoed.
    const plainKey = "letmein-acme-2024";
    const file = await accountsFile({ acme: { apiKey: plainKey } }, "plain-key.json");
    const res = await run(["--accounts-file", file, "--stack-file", `${tmp.path}/${plainKey}.json`]);
    expectUserError(res, /^pilotstatus drift: cannot read stack file .*\[redacted\]\.json: no such file$/);
    expect(res.stderr).not.toContain(plainKey);
  });
});
