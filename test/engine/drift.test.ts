// `pilotstatus drift --stack <stack>` against the real CLI's `pulumi stack export`: examples/tenant-numbers deployed
// with the real `pulumi up`, the built audit (dist/provider/drift/cli.js) run as a user runs it — in the project
// folder, with the PATH and backend of the stack's CLI runs (`stack.env`) — against the emulator in its own process.
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { expect, it } from "vitest";
import { DriftReport } from "../../provider/drift";
import type { PulumiStack } from "../../testing/engine/pulumi";
import { describeEngine, requestCounts, useEngine } from "./engineRig";
import { TENANT_NUMBERS, deployTenantNumbers } from "./tenantNumbers";
import { PILOTSTATUS_BIN as DRIFT_CLI } from "../../testing/bins";

const PROJECT = TENANT_NUMBERS;
/** An `up` plus a few audits, on a machine shared with other suites. */
const SCENARIO_TIMEOUT = 120_000;
const TYPE = "pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber";

interface DriftRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The command, its exit code and output, for failure messages. */
  readonly output: string;
}

describeEngine("engine: pilotstatus drift --stack with the real pulumi stack export", () => {
  const rig = useEngine();

  /** The audit's environment: the stack's CLI environment (PATH to the real CLI, its backend) plus the tenant key. */
  const auditEnv = (stack: PulumiStack, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...stack.env,
    PILOT_STATUS_API_KEY: rig.emulator.tenantKey,
    PILOT_STATUS_BASE_URL: rig.emulator.url,
    ...extra,
  });

  /** Runs `pilotstatus drift <args>` in `cwd` (default: the project folder, as a user would). */
  function drift(args: readonly string[], env: NodeJS.ProcessEnv, cwd = PROJECT): Promise<DriftRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [DRIFT_CLI, "drift", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({ code, stdout, stderr, output: `$ pilotstatus drift ${args.join(" ")} (in ${cwd}) → exit ${code}\n${stdout}${stderr}` }),
      );
    });
  }

  /** The audit's --json report, validated against the published schema. */
  function report(run: DriftRun): DriftReport {
    expect(run.stderr, run.output).toBe("");
    return DriftReport.parse(JSON.parse(run.stdout));
  }

  const deployed = () => deployTenantNumbers(rig);

  it("exits 0 on a deployed, paired stack: table and JSON name the stack, one list and one detail request per number", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack, ids } = await deployed();

    const table = await drift(["--stack", stack.stack], auditEnv(stack));
    expect(table.code, table.output).toBe(0);
    expect(table.stderr, table.output).toBe("");
    expect(table.stdout, table.output).toContain(`  state    ${stack.stack} (3 numbers, tenant-numbers/${stack.stack})`);
    expect(table.stdout, table.output).toContain("Coverage: 100.0% (3 of 3 numbers in the account are managed)");
    expect(table.stdout, table.output).toMatch(/^ {2}in sync {4}3$/m);
    expect(table.stdout, table.output).toContain("No drift: the account matches the state.");
    // The list once, then each declared number's detail (health lives there); nothing else.
    expect(await requestCounts(rig.emulator), table.output).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });

    const json = await drift(["--stack", stack.stack, "--json"], auditEnv(stack));
    expect(json.code, json.output).toBe(0);
    const r = report(json);
    expect(r.sources, json.output).toEqual([{ kind: "stack", name: stack.stack, numbers: 3, stacks: [`tenant-numbers/${stack.stack}`] }]);
    expect(r.summary, json.output).toEqual({
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
    expect(r.drifted, json.output).toBe(false);
    // The ids and URNs are the ones the real engine wrote into the state.
    const state = (await stack.resources()).filter((res) => res.type === TYPE);
    expect(r.inSync.map((e) => e.id).sort(), json.output).toEqual(state.map((res) => res.id).sort());
    expect(r.inSync.map((e) => e.id).sort(), json.output).toEqual(Object.values(ids).sort());
    expect(
      r.inSync.find((e) => e.id === ids.Support),
      json.output,
    ).toMatchObject({
      urn: `urn:pulumi:${stack.stack}::tenant-numbers::${TYPE}::wa-5511900000101`,
      resourceType: "WhatsAppNumber",
      stack: `tenant-numbers/${stack.stack}`,
      source: stack.stack,
    });
  });

  it("exits 1 after an out-of-band rename (changed, state → account), and 0 again once pulumi refresh took it in", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack, ids } = await deployed();
    await rig.emulator.control.rename(ids.Support, { name: "Support (dashboard)" });

    const table = await drift(["--stack", stack.stack], auditEnv(stack));
    expect(table.code, table.output).toBe(1);
    expect(table.stdout, table.output).toContain("Changed — the account differs from the state (1)");
    expect(table.stdout, table.output).toMatch(
      new RegExp(`${ids.Support}\\s+wa-5511900000101\\s+name\\s+Support\\s+→\\s+Support \\(dashboard\\)`),
    );
    expect(table.stdout, table.output).toContain("Drift found: changed 1.");

    await rig.emulator.control.resetRequests();
    const json = await drift(["--stack", stack.stack, "--json"], auditEnv(stack));
    expect(json.code, json.output).toBe(1);
    const r = report(json);
    expect(r.drifted, json.output).toBe(true);
    expect(
      r.changed.map((c) => [c.id, c.changes]),
      json.output,
    ).toEqual([[ids.Support, [{ field: "name", state: "Support", account: "Support (dashboard)" }]]]);
    expect(r.inSync.map((e) => e.id).sort(), json.output).toEqual([ids.Billing, ids.Sales].sort());
    expect(await requestCounts(rig.emulator), json.output).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });

    // refresh writes the dashboard's name into the state: state and account agree again (the program still
    // declares "Support", which `pulumi preview` would show; that is the pipeline's other check).
    await stack.refresh();
    const after = await drift(["--stack", stack.stack], auditEnv(stack));
    expect(after.code, after.output).toBe(0);
  });

  it("exits 1 on a number nobody declared (created through the control API): unmanaged, costing no extra request; --ignore accepts it", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack, ids } = await deployed();
    const extra = await rig.emulator.control.createNumber({ name: "Marketing test", number: "5511900000199", state: "OPEN" });

    const table = await drift(["--stack", stack.stack], auditEnv(stack));
    expect(table.code, table.output).toBe(1);
    expect(table.stdout, table.output).toContain("Coverage: 75.0% (3 of 4 numbers in the account are managed)");
    expect(table.stdout, table.output).toContain("Unmanaged — in the account, in no given stack (1)");
    expect(table.stdout, table.output).toMatch(new RegExp(`${extra.id}\\s+Marketing test\\s+\\+5511900000199\\s+PILOT_STATUS\\s+OPEN`));
    expect(table.stdout, table.output).toContain("Drift found: unmanaged 1.");
    // An unmanaged number is seen in the list: no detail request for it.
    expect(await requestCounts(rig.emulator), table.output).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });

    const json = await drift(["--stack", stack.stack, "--json"], auditEnv(stack));
    expect(json.code, json.output).toBe(1);
    const r = report(json);
    expect(
      r.unmanaged.map((u) => u.id),
      json.output,
    ).toEqual([extra.id]);
    expect(r.inSync.map((e) => e.id).sort(), json.output).toEqual(Object.values(ids).sort());
    expect(r.coverage, json.output).toBe(75);

    const ignored = await drift(["--stack", stack.stack, "--json", "--ignore", "+5511900000199"], auditEnv(stack));
    expect(ignored.code, ignored.output).toBe(0);
    const withIgnore = report(ignored);
    // An ignored number is counted as such and left out of the rest, coverage included.
    expect(withIgnore.ignored, ignored.output).toEqual([extra.id]);
    expect(withIgnore.summary, ignored.output).toMatchObject({ accountTotal: 3, unmanaged: 0, ignored: 1, inSync: 3 });
    expect(withIgnore.coverage, ignored.output).toBe(100);
  });

  it("exits 1 on a number deleted out of band (missing) and on one disconnected (unhealthy); --fail-on picks which count", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack, ids } = await deployed();
    await rig.emulator.control.deleteNumber(ids.Billing);
    await rig.emulator.control.disconnect(ids.Sales);

    const json = await drift(["--stack", stack.stack, "--json"], auditEnv(stack));
    expect(json.code, json.output).toBe(1);
    const r = report(json);
    expect(
      r.missing.map((m) => m.id),
      json.output,
    ).toEqual([ids.Billing]);
    expect(
      r.unhealthy.map((u) => u.id),
      json.output,
    ).toEqual([ids.Sales]);
    expect(r.summary, json.output).toMatchObject({ accountTotal: 2, declared: 3, managed: 2, missing: 1, unhealthy: 1 });

    const configOnly = await drift(["--stack", stack.stack, "--fail-on", "changed,unmanaged"], auditEnv(stack));
    expect(configOnly.code, configOnly.output).toBe(0);
    expect(configOnly.stdout, configOnly.output).toContain(
      "No drift counted (--fail-on changed,unmanaged); also found: missing 1, unhealthy 1.",
    );
  });

  it("exits 2 with one line on stderr and no API request on usage errors: no key, a bad flag, a wrong key", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();
    const noKey = { ...auditEnv(stack) };
    delete noKey.PILOT_STATUS_API_KEY;

    const cases: Array<[string, readonly string[], NodeJS.ProcessEnv, RegExp]> = [
      ["no key", ["--stack", stack.stack], noKey, /^pilotstatus drift: no API key: export PILOT_STATUS_API_KEY=ps_\.\.\./],
      ["missing --stack value", ["--stack"], auditEnv(stack), /^pilotstatus drift: option '--stack <value>' argument missing/],
      [
        "no stack at all",
        ["--json"],
        auditEnv(stack),
        /^pilotstatus drift: no stack given: pass --stack-file <export\.json> or --stack <name>/,
      ],
      ["unknown flag", ["--stack", stack.stack, "--stacks", "x"], auditEnv(stack), /^pilotstatus drift: unknown option '--stacks'/],
    ];
    for (const [what, args, env, message] of cases) {
      const run = await drift(args, env);
      expect(run.code, `${what}: ${run.output}`).toBe(2);
      expect(run.stdout, `${what}: ${run.output}`).toBe("");
      expect(run.stderr.trimEnd().split("\n"), `${what}: ${run.output}`).toHaveLength(1);
      expect(run.stderr, `${what}: ${run.output}`).toMatch(message);
    }
    expect((await rig.emulator.control.requests()).total).toBe(0);

    // A wrong key is found out by the first request (401), and says which variable to fix.
    const wrongKey = await drift(["--stack", stack.stack], auditEnv(stack, { PILOT_STATUS_API_KEY: "ps_not_a_key_of_this_account" }));
    expect(wrongKey.code, wrongKey.output).toBe(2);
    expect(wrongKey.stderr, wrongKey.output).toMatch(
      /^pilotstatus drift: Pilot Status rejected the key in PILOT_STATUS_API_KEY \(401 on GET \/v1\/numbers\)/,
    );
    expect(await requestCounts(rig.emulator), wrongKey.output).toEqual({ "GET /v1/numbers": 1 });
  });

  it("finds the stack the way the CLI does: by name in the project folder, fully qualified elsewhere; exits 2 with the CLI's own error otherwise", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();
    const elsewhere = path.join(rig.workDir, "elsewhere");
    await mkdir(elsewhere, { recursive: true });

    // Outside the project, a short name means nothing to the CLI: its own message is passed on.
    const short = await drift(["--stack", stack.stack], auditEnv(stack), elsewhere);
    expect(short.code, short.output).toBe(2);
    expect(short.stderr, short.output).toMatch(
      new RegExp(`^pilotstatus drift: \`pulumi stack export --stack ${stack.stack}\` failed: error: no Pulumi.yaml project file found`),
    );
    // A file backend's stacks are organization/<project>/<stack>.
    const qualified = `organization/tenant-numbers/${stack.stack}`;
    const full = await drift(["--stack", qualified, "--json"], auditEnv(stack), elsewhere);
    expect(full.code, full.output).toBe(0);
    expect(report(full).sources, full.output).toEqual([
      { kind: "stack", name: qualified, numbers: 3, stacks: [`tenant-numbers/${stack.stack}`] },
    ]);

    await rig.emulator.control.resetRequests();
    const unknown = await drift(["--stack", "no-such-stack"], auditEnv(stack));
    expect(unknown.code, unknown.output).toBe(2);
    expect(unknown.stderr, unknown.output).toBe(
      "pilotstatus drift: `pulumi stack export --stack no-such-stack` failed: error: no stack named 'no-such-stack' found\n",
    );

    // Without the CLI on PATH the audit says so and points to --stack-file.
    const noCli = await drift(["--stack", stack.stack], auditEnv(stack, { PATH: path.join(rig.workDir, "no-such-bin") }));
    expect(noCli.code, noCli.output).toBe(2);
    expect(noCli.stderr, noCli.output).toBe(
      `pilotstatus drift: the Pulumi CLI (pulumi) is not on PATH: install it, or run \`pulumi stack export --stack ${stack.stack} > state.json\` elsewhere and pass --stack-file state.json\n`,
    );
    // The state is read before the account: none of these asked the API anything.
    expect((await rig.emulator.control.requests()).total).toBe(0);
  });

  it("gives the same audit from a `pulumi stack export --file` file, without the CLI", { timeout: SCENARIO_TIMEOUT }, async () => {
    const { stack, ids } = await deployed();
    await rig.emulator.control.rename(ids.Sales, { name: "Sales (dashboard)" });
    const file = path.join(rig.workDir, `export-${Date.now()}.json`);
    await stack.ok(["stack", "export", "--file", file]);

    const viaCli = await drift(["--stack", stack.stack, "--json"], auditEnv(stack));
    await rig.emulator.control.resetRequests();
    // A file needs no CLI and no project folder.
    const viaFile = await drift(
      ["--stack-file", file, "--json"],
      auditEnv(stack, { PATH: path.join(rig.workDir, "no-such-bin") }),
      rig.workDir,
    );
    expect(viaFile.code, viaFile.output).toBe(1);
    expect(viaCli.code, viaCli.output).toBe(1);
    expect(await requestCounts(rig.emulator), viaFile.output).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 3 });

    const a = report(viaCli);
    const b = report(viaFile);
    expect(b.sources, viaFile.output).toEqual([{ kind: "file", name: file, numbers: 3, stacks: [`tenant-numbers/${stack.stack}`] }]);
    // Everything but the source's label and the time is the same.
    const comparable = (r: DriftReport) =>
      JSON.parse(
        JSON.stringify({ ...r, generatedAt: "", sources: [] }).replaceAll(JSON.stringify(file), JSON.stringify(stack.stack)),
      ) as unknown;
    expect(comparable(b), `${viaCli.output}\n${viaFile.output}`).toEqual(comparable(a));
    expect(
      b.changed.map((c) => c.id),
      viaFile.output,
    ).toEqual([ids.Sales]);

    const table = await drift(["--stack-file", file], auditEnv(stack), rig.workDir);
    expect(table.code, table.output).toBe(1);
    expect(table.stdout, table.output).toContain(`  state    ${file} (3 numbers, tenant-numbers/${stack.stack})`);
    expect(table.stdout, table.output).toMatch(
      new RegExp(`${ids.Sales}\\s+wa-5511900000102\\s+name\\s+Sales\\s+→\\s+Sales \\(dashboard\\)`),
    );
  });
});
