// `npm run demo`'s compiled script (dist/demo/run.js) end to end, as a child process: with the real Pulumi CLI when one
// is found (as the engine suite finds it; under CI=true a missing CLI fails), and with its fallback, the program driver.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutAmbientPluginWarnings } from "../../demo/cliOutput";
import { engineCli, repoRoot } from "../support/compiled";

const RUN = path.join(repoRoot, "dist/demo/run.js");
const TEMP_PREFIX = "pilotstatus-demo-";
const RENAMED = "Support (renamed in the dashboard)";

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the demo with `env` added; with `interruptAt`, sends SIGINT (to the demo only) once stdout contains it. */
function runDemo(env: NodeJS.ProcessEnv, interruptAt?: string): Promise<DemoRun> {
  if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run \`npm run build\` first`);
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete full.PILOT_STATUS_API_KEY;
  delete full.PILOT_STATUS_BASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN], { cwd: repoRoot, env: full, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (interruptAt !== undefined && !interrupted && stdout.includes(interruptAt)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a run may leave behind: temp folders, and stack config files beside Pulumi.yaml. */
const leftovers = () => ({
  temp: readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX)),
  project: readdirSync(repoRoot).filter((f) => /^Pulumi\..+\.yaml$/.test(f)),
});

/** Processes whose environment names `dir` (the CLI's and its plugins' PULUMI_HOME is in it); Linux only, else []. */
function processesUsing(dir: string): string[] {
  if (process.platform !== "linux") return [];
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").includes(dir)) {
        found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")}`);
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** processesUsing(dir) once any still exiting are gone (up to a few seconds): orphans stay. */
async function survivorsOf(dir: string): Promise<string[]> {
  for (let i = 0; i < 25 && processesUsing(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 200));
  return processesUsing(dir);
}

function expectNoSecrets(text: string) {
  expect(text).not.toMatch(/\bps_[A-Za-z0-9_]{6,}/); // API keys, e.g. the emulator's tenant key
  expect(text).not.toMatch(/\b[A-Z]{4}-[A-Z]{4}\b/); // the emulator's pairing codes
  expect(text).not.toMatch(/EAAG-demo-/); // the Meta access token
  expect(text).not.toMatch(/data:image\/png;base64/); // QR codes
}

const linesWith = (text: string, needle: string) => text.split("\n").filter((l) => l.includes(needle));

/** The text of the narrative's step whose heading ("7. Preview: …") starts with `title` after its number. */
function step(stdout: string, title: string): string {
  const parts = stdout.split(/^\d+\. (.*)\n=+\n/m);
  // [before, title1, body1, title2, body2, …]
  for (let i = 1; i < parts.length; i += 2) if (parts[i]?.startsWith(title)) return parts[i + 1] ?? "";
  throw new Error(`no step "${title}" in:\n${stdout}`);
}

/** The indented block after the line containing `lead`, as one line (the demo wraps long messages). */
function blockAfter(text: string, lead: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.includes(lead));
  expect(start, `no "${lead}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith("    ")) break;
    block.push(l.trim());
  }
  return block.join(" ");
}

/** The steps both engines show alike: pairing, data sources, the refusal, the audit's finding, the settling. */
function expectCommonStory(stdout: string) {
  expect(stdout).toMatch(/Stack outputs:[\s\S]*pairingCodes: \[secret\]/);
  expect(stdout).toMatch(/getNumberHealth: Marketing is OPEN/);
  expect(stdout).toMatch(/getRecentCalls\(Support\): \d+ calls/);

  // The provider's Check refuses the plan that would undo the rename, saying what differs and the ways out.
  const preview = step(stdout, "Preview: the provider refuses");
  const refusal = blockAfter(preview, `: the provider's Check refuses the plan for support ("name"):`);
  expect(refusal).toMatch(
    /^refusing to replace this number: "name" is "Support \(renamed in the dashboard\)" in the stack's state, "Support" in the program\./,
  );
  expect(refusal).toMatch(/deletes the number and creates it again \(and the phone must be paired again/);
  expect(refusal).toMatch(
    /declare that value in the program; or add "name" to the resource's ignoreChanges; or, .* set allowReplacement: true on it\.$/,
  );
  expect(linesWith(preview, "The preview fails")).toHaveLength(1);
  expect(preview).toMatch(/1\. take the dashboard's value: declare it in the program \(name: "Support \(renamed in the dashboard\)"\)/);
  expect(preview).toMatch(/2\. leave it to the dashboard: add "name" to support's ignoreChanges/);
  expect(preview).toMatch(/3\. or replace the number on purpose: set allowReplacement: true on support/);
  expect(preview).not.toMatch(/\d+ to replace|REPLACE it/);

  // The audit's table names the number, the field and both values, and exits 1.
  const audit = step(stdout, "Drift audit");
  const finding = audit.split("\n").find((l) => l.includes("wa_sample_support") && l.includes(RENAMED));
  expect(finding).toMatch(/\bname\b.*Support\b.*Support \(renamed in the dashboard\)/);
  expect(audit).toMatch(/Exit code 1: drift found/);

  // Declaring the dashboard's name settles it: nothing to refuse, the number keeps its id.
  const declared = step(stdout, "Declare the dashboard's name in the program");
  expect(declared).toContain(`Support's name from config (pilotstatus-demo:supportName)`);
  expect(declared).toContain(`"${RENAMED}" keeps its id wa_sample_support and stays OPEN`);
  expect(step(stdout, "Done")).toMatch(/refused unless the program consents with allowReplacement: true/);
}

describe("the demo's view of the CLI's output", () => {
  const lang = "warning: using pulumi-language-nodejs from $PATH at /repo/testing/engine/bin/pulumi-language-nodejs";
  const dyn = "warning: using pulumi-resource-pulumi-nodejs from $PATH at /repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs";

  it("leaves out the stand-in plugins' warnings, the rows and diagnostics that only carried them, and their count", () => {
    const printed = [
      "Updating (demo):",
      `    pulumi:pulumi:Stack demo-demo  ${lang}`,
      "",
      ` +  pulumi:pulumi:Stack demo-demo creating (0s) ${lang}`,
      ` +  pulumi:pulumi:Stack demo-demo creating (0s) ${dyn}`,
      " +  pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber support created (0.05s) ",
      " +  pulumi:pulumi:Stack demo-demo created (2s) 2 warnings",
      "Diagnostics:",
      "  pulumi:pulumi:Stack (demo-demo):",
      `    ${lang}`,
      `    ${dyn}`,
      "",
      "Resources:",
      "    + 2 created",
    ].join("\n");
    expect(withoutAmbientPluginWarnings(printed)).toBe(
      [
        "Updating (demo):",
        "",
        " +  pulumi:pulumi:Stack demo-demo creating (0s)",
        " +  pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber support created (0.05s) ",
        " +  pulumi:pulumi:Stack demo-demo created (2s)",
        "Resources:",
        "    + 2 created",
      ].join("\n"),
    );
  });

  it("keeps every other diagnostic, and the count that includes it", () => {
    const printed = [
      " +  pulumi:pulumi:Stack demo-demo created (2s) 2 warnings",
      "Diagnostics:",
      "  pulumi:pulumi:Stack (demo-demo):",
      `    ${lang}`,
      "    warning: something the program said",
      "",
      "Resources:",
    ].join("\n");
    expect(withoutAmbientPluginWarnings(printed)).toBe(
      [
        " +  pulumi:pulumi:Stack demo-demo created (2s) 2 warnings",
        "Diagnostics:",
        "  pulumi:pulumi:Stack (demo-demo):",
        "    warning: something the program said",
        "",
        "Resources:",
      ].join("\n"),
    );
    expect(withoutAmbientPluginWarnings("no warnings here\n")).toBe("no warnings here\n");
  });
});

describe("npm run demo: the fallback (program driver)", () => {
  it("PILOT_STATUS_DEMO_ENGINE=driver: deploys, pairs, shows health and calls, the provider refuses to undo the rename, the audit finds it", async () => {
    const before = leftovers();
    const run = await runDemo({ PILOT_STATUS_DEMO_ENGINE: "driver" });

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(linesWith(run.stdout, "PILOT_STATUS_DEMO_ENGINE=driver")).toHaveLength(1);
    expect(run.stdout).not.toContain("$ pulumi");
    expectCommonStory(run.stdout);
    // The driver's refresh shows what changed; its preview sends Check the refreshed inputs as olds, which refuses.
    const refresh = step(run.stdout, "Refresh: what changed outside Pulumi");
    expect(refresh).toMatch(/~ support: name: "Support" → "Support \(renamed in the dashboard\)"/);
    expect(refresh).toMatch(/~ marketing: state: "CONNECTING" → "OPEN"/);
    const preview = step(run.stdout, "Preview: the provider refuses");
    expect(preview).toMatch(/✗ support: Check refused it \(name\)/);
    expect(preview).toContain("The preview fails: ");
    // No state to refresh into: no acceptance step; declaring the name is checked as a preview.
    expect(run.stdout).not.toContain("Accept the dashboard's name");
    const declared = step(run.stdout, "Declare the dashboard's name in the program");
    expect(declared).toMatch(/^ +support: no change$/m);
    expect(declared).toContain("Check has nothing to refuse and Diff finds no change");
    expectNoSecrets(run.stdout + run.stderr);
    expect(leftovers()).toEqual(before);
  }, 120_000);

  describe("without a Pulumi CLI or Go", () => {
    let bare: string;
    beforeAll(async () => {
      bare = await mkdtemp(path.join(tmpdir(), "pilotstatus-nocli-"));
    });
    afterAll(async () => {
      await rm(bare, { recursive: true, force: true });
    });

    it("says why and what to install in one line, falls back, and cleans up and exits 130 on Ctrl-C", async () => {
      const before = leftovers();
      // Nothing on PATH (the demo runs its children with Node's own path) and an empty CLI cache.
      const run = await runDemo({ PATH: bare, PILOT_STATUS_ENGINE_CACHE: path.join(bare, "cache") }, "Stack outputs:");

      const why = linesWith(run.stdout, "No Pulumi CLI");
      expect(why).toHaveLength(1);
      expect(why[0]).toMatch(/no Go to build v\d+\.\d+\.\d+: install the Pulumi CLI .* or Go .*then run `npm run demo` again/);
      expect(run.stdout).toMatch(/\+ WhatsAppNumber +marketing +created/);
      expect(run.code).toBe(130);
      expect(run.stderr).toContain("SIGINT: cleaning up");
      expect(run.stdout).not.toContain("Done");
      expectNoSecrets(run.stdout + run.stderr);
      expect(leftovers()).toEqual(before);
    }, 120_000);

    it("PILOT_STATUS_DEMO_ENGINE=cli fails instead of falling back", async () => {
      const run = await runDemo({ PATH: bare, PILOT_STATUS_ENGINE_CACHE: path.join(bare, "cache"), PILOT_STATUS_DEMO_ENGINE: "cli" });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/demo failed: PILOT_STATUS_DEMO_ENGINE=cli, but no Pulumi CLI/);
      expect(run.stdout).not.toContain("Stack outputs:");
    }, 60_000);
  });
});

const located = await engineCli.locatePulumiCli();

/** describe() when a CLI is found; else a visible skip, or under CI=true a failing test that says what to run. */
function describeWithCli(name: string, body: (cli: NonNullable<typeof located>) => void): void {
  if (located) describe(name, () => body(located));
  else if (process.env.CI === "true") {
    describe(name, () => {
      it("has a Pulumi CLI", () => {
        throw new Error("no Pulumi CLI found (CI=true): run `npm run -s engine:cli` first");
      });
    });
  } else it.skip(`${name} [skipped: no Pulumi CLI; \`npm run -s engine:cli\` provides one]`, () => undefined);
}

/** The demo's temp folder, as its "Running the Pulumi CLI …, with a file backend in <dir>." line names it. */
const workDirOf = (stdout: string) => /with a file backend in (\S+)\.$/m.exec(stdout)?.[1];

describeWithCli("npm run demo: the real Pulumi CLI", (cli) => {
  it("deploys, previews the refresh, is refused at preview, audits the drift, accepts it with `pulumi refresh`, settles it", async () => {
    const before = leftovers();
    const run = await runDemo({ PILOT_STATUS_DEMO_ENGINE: "cli" });

    expect(run.stderr).toBe("");
    expect(run.code, run.stdout).toBe(0);
    expect(linesWith(run.stdout, `Running the Pulumi CLI v${cli.version}`)).toHaveLength(1);
    expect(run.stdout).not.toContain("No Pulumi CLI");
    // The stand-in plugins' "using … from $PATH" warnings are left out of what the demo prints.
    expect(run.stdout).not.toContain("from $PATH");
    // Three numbers and the stack itself.
    expect(run.stdout).toMatch(/\$ pulumi up [^\n]*\n[\s\S]*\+ 4 created/);
    expectCommonStory(run.stdout);

    // `pulumi refresh --preview-only --diff`: the account's values, without running the program.
    const refreshPreview = step(run.stdout, "Refresh: what changed outside Pulumi");
    expect(refreshPreview).toContain("$ pulumi refresh --preview-only --diff");
    expect(refreshPreview).toMatch(/~ name +: "Support" => "Support \(renamed in the dashboard\)"/);
    expect(refreshPreview).toMatch(/~ 1 to update/);
    expect(refreshPreview).not.toMatch(/\d+ to replace/);

    // `pulumi preview --refresh` fails on the provider's refusal; only the refusal is printed.
    const preview = step(run.stdout, "Preview: the provider refuses");
    expect(preview).toMatch(/\$ pulumi preview --refresh[^\n]*\nThe preview fails \(exit code 1\): /);
    expect(preview).not.toContain("error:");

    // `pulumi refresh --yes` takes the rename (the one change to declared properties) into the state; the stack's
    // outputs stay as the last program run left them.
    const refresh = step(run.stdout, "Accept the dashboard's name into the state");
    expect(refresh).toContain("$ pulumi refresh --yes");
    expect(refresh).toMatch(/~ 1 updated/);
    expect(refresh).toContain(`The state now has what the account has: support is named "${RENAMED}", marketing is OPEN.`);
    expect(refresh).toContain('The stack outputs still say states.marketing is "CONNECTING"');

    // Declaring the dashboard's name: `pulumi up` changes no number, and the outputs catch up.
    const declared = step(run.stdout, "Declare the dashboard's name in the program");
    expect(declared).toContain(`$ pulumi config set pilotstatus-demo:supportName "${RENAMED}"`);
    expect(declared).toMatch(/\$ pulumi up [^\n]*\n[\s\S]*Resources:\n +4 unchanged/);
    expect(declared).toContain("No number changed");
    expect(declared).toContain('the stack outputs are current: states.marketing is "OPEN"');

    expectNoSecrets(run.stdout + run.stderr);
    const workDir = workDirOf(run.stdout);
    expect(workDir).toBeDefined();
    expect(existsSync(workDir!)).toBe(false);
    expect(await survivorsOf(workDir!)).toEqual([]);
    expect(leftovers()).toEqual(before);
  }, 180_000);

  it("stops Pulumi, cleans up and exits 130 on Ctrl-C during `pulumi up`", async () => {
    const before = leftovers();
    const run = await runDemo({ PILOT_STATUS_DEMO_ENGINE: "cli" }, "$ pulumi up");

    expect(run.code).toBe(130);
    expect(run.stderr).toContain("SIGINT: cleaning up");
    expect(run.stderr).not.toContain("cleanup:");
    expect(run.stdout).not.toContain("Stack outputs:");
    expectNoSecrets(run.stdout + run.stderr);
    const workDir = workDirOf(run.stdout);
    expect(workDir).toBeDefined();
    expect(existsSync(workDir!)).toBe(false);
    expect(await survivorsOf(workDir!)).toEqual([]);
    expect(leftovers()).toEqual(before);
  }, 120_000);
});
