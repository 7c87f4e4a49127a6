// `npm run demo`'s compiled script (dist/demo/run.js) end to end, as a child process: with the real Pulumi CLI when one
// is found (as the engine suite finds it; under CI=true a missing CLI fails), and with its fallback, the program driver.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutAmbientPluginWarnings } from "../../demo/cliOutput";
import { engineCli, repoRoot } from "../testing/compiled";

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
  if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run \`npx tsc -p .\` first`);
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

/** The steps both engines show alike: pairing, data sources, the audit's finding. */
function expectCommonStory(stdout: string) {
  expect(stdout).toMatch(/Stack outputs:[\s\S]*pairingCodes: \[secret\]/);
  expect(stdout).toMatch(/getNumberHealth: Marketing is OPEN/);
  expect(stdout).toMatch(/getRecentCalls\(Support\): \d+ calls/);
  // The audit's table names the number, the field and both values, and exits 1.
  const finding = stdout.split("\n").find((l) => l.includes("wa_sample_support") && l.includes(RENAMED));
  expect(finding).toMatch(/\bname\b.*Support\b.*Support \(renamed in the dashboard\)/);
  expect(stdout).toMatch(/Exit code 1: drift found/);
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
  it("PILOT_STATUS_DEMO_ENGINE=driver: deploys, pairs, shows health and calls, and its drift audit finds the rename", async () => {
    const before = leftovers();
    const run = await runDemo({ PILOT_STATUS_DEMO_ENGINE: "driver" });

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(linesWith(run.stdout, "PILOT_STATUS_DEMO_ENGINE=driver")).toHaveLength(1);
    expect(run.stdout).not.toContain("$ pulumi");
    expectCommonStory(run.stdout);
    // The driver's refresh shows the rename, and says what the next `pulumi up` would do.
    expect(run.stdout).toMatch(/~ support: name: "Support" → "Support \(renamed in the dashboard\)"/);
    expect(run.stdout).toMatch(/the next `pulumi up` would REPLACE it \(name\)/);
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
  it("deploys with `pulumi up`, previews the refresh, audits the drift, accepts it with `pulumi refresh`", async () => {
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

    // `pulumi preview --refresh --diff`: the refreshed values, then the program's replace of the renamed number.
    const preview = run.stdout.slice(run.stdout.indexOf("$ pulumi preview"), run.stdout.indexOf("Drift audit"));
    expect(preview).toMatch(/~ name +: "Support" => "Support \(renamed in the dashboard\)"/);
    expect(preview).toMatch(/~ state +: "CONNECTING" => "OPEN"/);
    expect(preview).toMatch(/~ name +: "Support \(renamed in the dashboard\)" => "Support"/);
    expect(preview).toMatch(/\+-1 to replace/);

    // `pulumi refresh --yes` takes the rename (the one change to declared properties) into the state; the stack's
    // outputs stay as the last program run left them.
    const refresh = run.stdout.slice(run.stdout.indexOf("$ pulumi refresh"));
    expect(refresh).toMatch(/~ 1 updated/);
    expect(refresh).toContain(`The state now has what the account has: support is named "${RENAMED}", marketing is OPEN.`);
    expect(refresh).toContain('The stack outputs still say states.marketing is "CONNECTING"');

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
