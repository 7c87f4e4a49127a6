/** Runs the built `pilotstatus` bin (dist/provider/drift/cli.js) as a real child process. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PILOTSTATUS_BIN } from "../../testing/bins";
import { type NodeRun, runNode } from "../../testing/runNode";

export const CLI = PILOTSTATUS_BIN;

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
}

export type CliResult = NodeRun;

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  // Only what the test gives: no key or base URL leaks in from the developer's shell.
  return runNode(CLI, args, { PATH: env.PATH ?? join(__dirname, "no-such-bin"), ...env });
}

export interface TimedCliResult extends CliResult {
  /** The child was still running after `timeoutMs` and was killed. */
  timedOut: boolean;
  ms: number;
}

/** runCli, but a child that has not ended after `timeoutMs` is killed (SIGKILL) and reported as timed out. */
export function runCliWithin(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<TimedCliResult> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: env.PATH ?? join(__dirname, "no-such-bin"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut, ms: performance.now() - started });
    });
  });
}
