// `npm run demo`'s compiled script (dist/demo/run.js) end to end, as a child process, without the Pulumi CLI.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../testing/compiled";

const RUN = path.join(repoRoot, "dist/demo/run.js");
const TEMP_PARENT = path.join(repoRoot, ".pulumi");

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the demo; with `interruptAt`, sends SIGINT once stdout contains that text. */
function runDemo(interruptAt?: string): Promise<DemoRun> {
  if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run \`npx tsc -p .\` first`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // A Pulumi command that does not exist: the demo must detect that and fall back to the program driver.
    PILOTSTATUS_DEMO_PULUMI: path.join(repoRoot, "no-such-dir", "pulumi"),
  };
  delete env.PILOT_STATUS_API_KEY;
  delete env.PILOT_STATUS_BASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
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

const tempFolders = () => (existsSync(TEMP_PARENT) ? readdirSync(TEMP_PARENT).filter((f) => f.startsWith("demo-")) : []);

function expectNoSecrets(text: string) {
  expect(text).not.toMatch(/\bps_[A-Za-z0-9_]{6,}/); // API keys, e.g. the emulator's tenant key
  expect(text).not.toMatch(/\b[A-Z]{4}-[A-Z]{4}\b/); // the emulator's pairing codes
  expect(text).not.toMatch(/EAAG-demo-/); // the Meta access token
  expect(text).not.toMatch(/data:image\/png;base64/); // QR codes
}

describe("npm run demo (dist/demo/run.js)", () => {
  it("deploys, pairs, shows health and calls, and its drift audit finds the out-of-band rename", async () => {
    const before = tempFolders();
    const run = await runDemo();

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.includes("No Pulumi CLI"))).toHaveLength(1);
    expect(run.stdout).toMatch(/Stack outputs:[\s\S]*pairingCodes: \[secret\]/);
    expect(run.stdout).toMatch(/getNumberHealth: Marketing is OPEN/);
    expect(run.stdout).toMatch(/getRecentCalls\(Support\): \d+ calls/);
    // The refresh shows it, and says what the next `pulumi up` would do.
    expect(run.stdout).toMatch(/~ support: name: "Support" → "Support \(renamed in the dashboard\)"/);
    // The audit's table names the number, the field and both values, and exits 1.
    const finding = run.stdout.split("\n").find((l) => l.includes("wa_sample_support") && l.includes("renamed in the dashboard"));
    expect(finding).toMatch(/\bname\b.*Support\b.*Support \(renamed in the dashboard\)/);
    expect(run.stdout).toMatch(/Exit code 1: drift found/);
    expectNoSecrets(run.stdout + run.stderr);
    expect(tempFolders()).toEqual(before);
  });

  it("cleans up and exits 130 on Ctrl-C", async () => {
    const before = tempFolders();
    const run = await runDemo("Stack outputs:");
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("SIGINT: cleaning up");
    expect(run.stdout).not.toContain("8. Done");
    expectNoSecrets(run.stdout + run.stderr);
    expect(tempFolders()).toEqual(before);
  });
});
