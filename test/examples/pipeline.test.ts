// examples/pipeline/check-drift.sh: its exit codes and job summary, with the real drift audit (built CLI) against the
// emulator. The Pulumi CLI cannot be installed here, so `pulumi` on PATH is a small script that answers `preview`
// with a given output and exit code (the cases the script tells apart) and `stack export` with a stack file.
import { spawn } from "node:child_process";
import { chmod, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stackExport, writeStackFile } from "../../testing/stackExport";
import { useEmulator } from "../support/emulator";
import { useTempDir } from "../support/tempDir";
import { repoRoot } from "../support/compiled";
import { PILOTSTATUS_BIN as DRIFT_CLI } from "../../testing/bins";

const SCRIPT = path.join(repoRoot, "examples/pipeline/check-drift.sh");
const STACK = "tenant-a";

const FAKE_PULUMI = `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_PULUMI_LOG, args.join(" ") + "\\n");
if (args[0] === "preview") {
  process.stdout.write(process.env.FAKE_PULUMI_PREVIEW_OUTPUT || "");
  process.exit(Number(process.env.FAKE_PULUMI_PREVIEW_EXIT || "0"));
}
if (args[0] === "stack" && args[1] === "export") {
  process.stdout.write(fs.readFileSync(process.env.FAKE_PULUMI_EXPORT, "utf8"));
  process.exit(0);
}
process.stderr.write("fake pulumi: unsupported command " + args.join(" ") + "\\n");
process.exit(3);
`;

const emu = useEmulator();
const tmp = useTempDir("check-drift-");
let exportFile: string;

beforeAll(async () => {
  await writeFile(path.join(tmp.path, "pulumi"), FAKE_PULUMI);
  await chmod(path.join(tmp.path, "pulumi"), 0o755);
});
beforeEach(async () => {
  const n = await emu.control.createNumber({ name: "Support", number: "+5511900000401", state: "OPEN" });
  exportFile = await writeStackFile(
    tmp.path,
    "export.json",
    stackExport(STACK, "numbers", [
      { kind: "WhatsAppNumber", name: "support", id: n.id, displayName: "Support", number: "+5511900000401" },
    ]),
  );
  await writeFile(path.join(tmp.path, "summary.md"), "");
  await writeFile(path.join(tmp.path, "pulumi.log"), "");
});

interface ScriptRun {
  code: number | null;
  stdout: string;
  summary: string;
  pulumiCalls: string[];
}

function checkDrift(preview: { exit: number; output?: string }, apiKey = emu.tenantKey): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [SCRIPT, STACK], {
      env: {
        PATH: `${tmp.path}${path.delimiter}${process.env.PATH ?? ""}`,
        GITHUB_STEP_SUMMARY: path.join(tmp.path, "summary.md"),
        PILOTSTATUS: `${process.execPath} ${DRIFT_CLI}`,
        PILOT_STATUS_API_KEY: apiKey,
        PILOT_STATUS_BASE_URL: emu.url,
        FAKE_PULUMI_LOG: path.join(tmp.path, "pulumi.log"),
        FAKE_PULUMI_EXPORT: exportFile,
        FAKE_PULUMI_PREVIEW_EXIT: String(preview.exit),
        FAKE_PULUMI_PREVIEW_OUTPUT: preview.output ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.on("error", reject);
    child.on("close", async (code) => {
      const summary = await readFile(path.join(tmp.path, "summary.md"), "utf8");
      const log = await readFile(path.join(tmp.path, "pulumi.log"), "utf8");
      resolve({ code, stdout, summary, pulumiCalls: log.split("\n").filter((l) => l !== "") });
    });
  });
}

describe("examples/pipeline/check-drift.sh", () => {
  it("exits 0 and writes both reports to the job summary when program, state and account agree", async () => {
    const run = await checkDrift({ exit: 0, output: "Resources:\n    2 unchanged\n" });
    expect(run.code).toBe(0);
    expect(run.pulumiCalls).toEqual([
      `preview --stack ${STACK} --refresh --expect-no-changes --diff --non-interactive`,
      `stack export --stack ${STACK} --non-interactive`,
    ]);
    expect(run.stdout).toContain("2 unchanged");
    expect(run.summary).toContain(`## pulumi preview --refresh --expect-no-changes (${STACK})`);
    expect(run.summary).toContain("The program matches the live numbers.");
    expect(run.summary).toContain(`## pilotstatus drift (${STACK})`);
    expect(run.stdout).not.toContain("::error::");
  });

  it("exits 1 when the account drifted from the state, with the audit's finding in the summary", async () => {
    const [live] = (await emu.control.state()).tenants.default?.numbers ?? [];
    await emu.control.rename(live!.id, { name: "Support (renamed in the dashboard)" });
    const run = await checkDrift({ exit: 0 });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::pilotstatus drift found drift in stack ${STACK}`);
    expect(run.summary).toContain("Support (renamed in the dashboard)");
  });

  it("exits 1 when the refreshed preview proposes changes, and still runs the audit", async () => {
    const run = await checkDrift({ exit: 255, output: "  ~ support  name\nerror: no changes were expected but changes were proposed\n" });
    expect(run.code).toBe(1);
    expect(run.summary).toContain("**Changes pending**");
    expect(run.summary).toContain(`## pilotstatus drift (${STACK})`);
  });

  it("exits 2 without auditing when the preview itself fails", async () => {
    const run = await checkDrift({ exit: 255, output: "error: failed to load plugin\n" });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error::pulumi preview failed for stack ${STACK} (exit 255)`);
    expect(run.pulumiCalls).toHaveLength(1);
    expect(run.summary).not.toContain("## pilotstatus drift");
  });

  it("exits 2 when the audit cannot run (a wrong key)", async () => {
    const run = await checkDrift({ exit: 0 }, "ps_not_a_key_of_this_account");
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("::error::pilotstatus drift could not run");
  });
});
