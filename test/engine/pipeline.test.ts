// examples/pipeline/check-drift.sh for real: bash runs it in the project folder of examples/tenant-numbers, with the
// real `pulumi` on PATH (the stack's own environment: its backend, passphrase and plugins) and the built audit, against
// a stack deployed with the real CLI and the emulator in its own process. The stack's config lives outside the project
// (the example's Pulumi.dev.yaml stays as it is), so the script gets it with --config-file, as a user's CI would.
import { execFileSync, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { expect, it } from "vitest";
import type { PulumiStack } from "../../testing/engine/pulumi";
import { describeEngine, requestCounts, useEngine } from "./engineRig";
import { TENANT_NUMBERS, deployTenantNumbers } from "./tenantNumbers";
import { repoRoot } from "../support/compiled";
import { PILOTSTATUS_BIN as DRIFT_CLI } from "../../testing/bins";

/** bash by its path, so a test can hand the script a PATH without it. */
const BASH = execFileSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).trim();
const SCRIPT = path.join(repoRoot, "examples/pipeline/check-drift.sh");
const PROJECT = TENANT_NUMBERS;
/** An `up` plus one or more refreshed previews and audits, on a machine shared with other suites. */
const SCENARIO_TIMEOUT = 180_000;
/** The real CLI's words when --expect-no-changes fails (v3.274.1). */
const CHANGES_PROPOSED = "error: no changes were expected for preview but changes were proposed";
const REFUSED = "refusing to replace this number";

interface ScriptRun {
  readonly code: number | null;
  /** The job log: stdout and stderr as they came. */
  readonly log: string;
  /** The job summary file ("" when the run had none). */
  readonly summary: string;
  /** The command, its exit code, log and summary, for failure messages. */
  readonly output: string;
}

describeEngine("engine: examples/pipeline/check-drift.sh with the real CLI", () => {
  const rig = useEngine();
  let runs = 0;

  /**
   * `bash check-drift.sh <args>` in the project folder. The environment is the stack's CLI environment plus what a CI
   * job sets: the tenant key for the audit, the API's URL (the emulator's), the audit command and a job summary file.
   */
  async function checkDrift(
    stack: PulumiStack,
    args: readonly string[],
    opts: { env?: NodeJS.ProcessEnv; summary?: boolean } = {},
  ): Promise<ScriptRun> {
    const summaryFile = path.join(rig.workDir, `summary-${++runs}.md`);
    const env: NodeJS.ProcessEnv = {
      ...stack.env,
      PILOT_STATUS_API_KEY: rig.emulator.tenantKey,
      PILOT_STATUS_BASE_URL: rig.emulator.url,
      PILOTSTATUS: `${process.execPath} ${DRIFT_CLI}`,
      ...opts.env,
    };
    delete env.GITHUB_STEP_SUMMARY;
    if (opts.summary ?? true) {
      await writeFile(summaryFile, "");
      env.GITHUB_STEP_SUMMARY = summaryFile;
    }
    const { code, log } = await new Promise<{ code: number | null; log: string }>((resolve, reject) => {
      const child = spawn(BASH, [SCRIPT, ...args], { cwd: PROJECT, env, stdio: ["ignore", "pipe", "pipe"] });
      let log = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (log += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (log += d));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, log }));
    });
    const summary = (opts.summary ?? true) ? await readFile(summaryFile, "utf8") : "";
    return { code, log, summary, output: `$ check-drift.sh ${args.join(" ")} → exit ${code}\n--- log\n${log}\n--- summary\n${summary}` };
  }

  /** The script's arguments for this stack. */
  const argsOf = (stack: PulumiStack): string[] => ["--config-file", stack.configFile, stack.stack];

  const deployed = () => deployTenantNumbers(rig);

  it("exits 0 when program, state and account agree, with both reports in the job summary (or on stdout outside Actions)", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();

    const run = await checkDrift(stack, argsOf(stack));
    expect(run.code, run.output).toBe(0);
    // The real preview's own report, in the job log.
    expect(run.log, run.output).toMatch(/4 unchanged/);
    expect(run.log, run.output).not.toContain("::error::");
    expect(run.summary, run.output).toContain(`## pulumi preview --refresh --expect-no-changes (${stack.stack})`);
    expect(run.summary, run.output).toContain("The program matches the live numbers.");
    expect(run.summary, run.output).toContain(`## pilotstatus drift (${stack.stack})`);
    expect(run.summary, run.output).toContain("## Pilot Status drift audit: in sync");
    expect(run.summary, run.output).toContain("No drift: the account matches the state.");
    // The refreshed preview reads each number once; the audit lists the account and reads each declared number.
    expect(await requestCounts(rig.emulator), run.output).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 6 });

    // Outside GitHub Actions (no $GITHUB_STEP_SUMMARY) the same reports go to stdout.
    const local = await checkDrift(stack, argsOf(stack), { summary: false });
    expect(local.code, local.output).toBe(0);
    expect(local.log, local.output).toContain("The program matches the live numbers.");
    expect(local.log, local.output).toContain("## Pilot Status drift audit: in sync");
  });

  it("exits 1 after an out-of-band rename: the provider refuses to replace the number, and the audit still runs and finds it", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack, ids } = await deployed();
    await rig.emulator.control.rename(ids.Support, { name: "Support (dashboard)" });

    // Undoing the rename would replace the number (the API cannot rename): the provider's Check refuses it.
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.output).not.toBe(0);
    expect(preview.output, preview.output).toContain(REFUSED);

    const run = await checkDrift(stack, argsOf(stack));
    expect(run.code, run.output).toBe(1);
    expect(run.log, run.output).toContain(`"name" is "Support (dashboard)" in the stack's state, "Support" in the program`);
    expect(run.log, run.output).toContain(
      "::error::pulumi preview --refresh: the account differs from the program in a way only a replacement could apply",
    );
    expect(run.log, run.output).toContain(`::error::pilotstatus drift found drift in stack ${stack.stack} (see the job summary)`);
    expect(run.summary, run.output).toContain(
      "**Changes pending**: the account differs from the program, and applying it would replace a number",
    );
    expect(run.summary, run.output).not.toContain("**pulumi preview failed**");
    expect(run.summary, run.output).toContain("## Pilot Status drift audit: drift found");
    expect(run.summary, run.output).toMatch(
      new RegExp(
        `\\| \`${ids.Support}\` \\| \`wa-5511900000101\` \\| tenant-numbers/${stack.stack} \\| name \\| Support \\| Support \\(dashboard\\) \\|`,
      ),
    );
    // A preview never writes the refresh into the state: the rename stays drift until someone deals with it.
    expect((await stack.resource("wa-5511900000101"))?.outputs?.name, run.output).toBe("Support");
  });

  it("exits 1 after an out-of-band delete: the refreshed preview proposes to create it again", { timeout: SCENARIO_TIMEOUT }, async () => {
    const { stack, ids } = await deployed();
    await rig.emulator.control.deleteNumber(ids.Billing);

    // The real CLI exits 7 (its code for --expect-no-changes) with these words.
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.output).toBe(7);
    expect(preview.output, preview.output).toContain(CHANGES_PROPOSED);

    const run = await checkDrift(stack, argsOf(stack));
    expect(run.code, run.output).toBe(1);
    expect(run.log, run.output).toContain(CHANGES_PROPOSED);
    expect(run.log, run.output).toContain(
      `::error::pulumi preview --refresh: the program would change stack ${stack.stack} (see the diff in the log)`,
    );
    expect(run.summary, run.output).toContain("**Changes pending**: the program would change the stack");
    expect(run.summary, run.output).toContain("## Pilot Status drift audit: drift found");
  });

  it("exits 1 on account drift the program cannot see: the preview passes, the audit finds a number nobody declared", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();
    const extra = await rig.emulator.control.createNumber({ name: "Marketing test", number: "5511900000199", state: "OPEN" });

    const run = await checkDrift(stack, argsOf(stack));
    expect(run.code, run.output).toBe(1);
    expect(run.log, run.output).not.toContain(CHANGES_PROPOSED);
    expect(run.summary, run.output).toContain("The program matches the live numbers.");
    expect(run.log, run.output).toContain(`::error::pilotstatus drift found drift in stack ${stack.stack}`);
    expect(run.summary, run.output).toContain("### Unmanaged — in the account, in no given stack (1)");
    expect(run.summary, run.output).toContain(`| \`${extra.id}\` | Marketing test | +5511900000199 | PILOT\\_STATUS | OPEN |`);
  });

  it("exits 2 without auditing when the preview cannot run: no such stack, a program config the provider refuses", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();

    const noStack = await checkDrift(stack, ["--config-file", stack.configFile, "no-such-stack"]);
    expect(noStack.code, noStack.output).toBe(2);
    expect(noStack.log, noStack.output).toContain("error: no stack named 'no-such-stack' found");
    // The CLI's exit code for a stack not found (6 in its exit-code taxonomy).
    expect(noStack.log, noStack.output).toContain("::error::pulumi preview failed for stack no-such-stack (exit 6)");
    expect(noStack.summary, noStack.output).toContain("**pulumi preview failed** (exit 6)");
    expect(noStack.summary, noStack.output).not.toContain("## pilotstatus drift");

    // A typo in the stack's list of numbers: the provider's check refuses it before any request.
    await stack.configJson("tenant-numbers:numbers", [
      { name: "Support", number: "+55 11 90000-0101" },
      { name: "Sales", number: "+55 11 90000-0102" },
      { name: "Billing", number: "not a phone" },
    ]);
    const badProgram = await checkDrift(stack, argsOf(stack));
    expect(badProgram.code, badProgram.output).toBe(2);
    expect(badProgram.log, badProgram.output).toContain("is not an E.164 phone number");
    expect(badProgram.log, badProgram.output).not.toContain(CHANGES_PROPOSED);
    expect(badProgram.log, badProgram.output).toContain(`::error::pulumi preview failed for stack ${stack.stack} (exit `);
    expect(badProgram.summary, badProgram.output).not.toContain("## pilotstatus drift");
    // The audit never ran: nobody listed the account.
    expect((await requestCounts(rig.emulator))["GET /v1/numbers"], badProgram.output).toBeUndefined();
  });

  it("after a key rotation exits 2 (the refresh reads with the key recorded at the last up) until pulumi up records the new key, then 0", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();
    const rotated = "ps_engine_rotated_tenant_key_0001";
    // The old key is revoked: the account answers only the new one, which goes into the stack config and the CI secret.
    await rig.restartEmulator({ tenantKey: rotated });
    try {
      await stack.config({ secret: { "pilotstatus:apiKey": rotated } });
      const env = { PILOT_STATUS_API_KEY: rotated };

      const before = await checkDrift(stack, argsOf(stack), { env });
      expect(before.code, before.output).toBe(2);
      // The engine configures the refresh's provider from the state (the default provider's inputs of the last up),
      // not from the stack config as it is now: the revoked key is refused.
      expect(before.log, before.output).toMatch(/Pilot Status rejected the API key on GET \/v1\/numbers\/wa_\w+ \(401\)/);
      expect(before.log, before.output).not.toContain(CHANGES_PROPOSED);
      expect(before.log, before.output).toContain(`::error::pulumi preview failed for stack ${stack.stack} (exit `);
      expect(before.summary, before.output).not.toContain("## pilotstatus drift");

      // `pulumi up` changes no number (and asks the API nothing) but records the new key for later refreshes.
      await rig.emulator.control.resetRequests();
      const up = await stack.up();
      expect(up.stdout, up.output).toMatch(/4 unchanged/);
      expect((await rig.emulator.control.requests()).total, up.output).toBe(0);

      const after = await checkDrift(stack, argsOf(stack), { env });
      expect(after.code, after.output).toBe(0);
      expect(after.summary, after.output).toContain("## Pilot Status drift audit: in sync");
    } finally {
      await rig.restartEmulator();
    }
  });

  it("exits 2 when the audit or the script cannot run: a wrong tenant key for the audit, no Pulumi CLI on PATH, no stack argument", {
    timeout: SCENARIO_TIMEOUT,
  }, async () => {
    const { stack } = await deployed();

    const wrongKey = await checkDrift(stack, argsOf(stack), { env: { PILOT_STATUS_API_KEY: "ps_not_a_key_of_this_account" } });
    expect(wrongKey.code, wrongKey.output).toBe(2);
    expect(wrongKey.summary, wrongKey.output).toContain("The program matches the live numbers.");
    expect(wrongKey.log, wrongKey.output).toContain(
      "pilotstatus drift: Pilot Status rejected the key in PILOT_STATUS_API_KEY (401 on GET /v1/numbers)",
    );
    expect(wrongKey.log, wrongKey.output).toContain(`::error::pilotstatus drift could not run for stack ${stack.stack} (exit 2)`);

    // bash is run by its path; the script finds no pulumi (nor anything else) on this PATH.
    const noCli = await checkDrift(stack, argsOf(stack), { env: { PATH: path.join(rig.workDir, "no-such-bin") } });
    expect(noCli.code, noCli.output).toBe(2);
    expect(noCli.log, noCli.output).toContain("::error::the Pulumi CLI (pulumi) is not on PATH");
    expect(noCli.summary, noCli.output).toBe("");

    const noArg = await checkDrift(stack, ["--config-file", stack.configFile]);
    expect(noArg.code, noArg.output).toBe(2);
    expect(noArg.log, noArg.output).toContain("usage: check-drift.sh [--config-file <path>] <stack>");
    expect(noArg.summary, noArg.output).toBe("");
  });
});
