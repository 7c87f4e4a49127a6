/** Runs the built `pilotstatus` bin (dist/provider/drift/cli.js) as a real child process. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type NodeRun, runNode } from "../../testing/runNode";

export const CLI = resolve(__dirname, "../../dist/provider/drift/cli.js");

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p .\` before these tests`);
}

export type CliResult = NodeRun;

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  // Only what the test gives: no key or base URL leaks in from the developer's shell.
  return runNode(CLI, args, { PATH: env.PATH ?? join(__dirname, "no-such-bin"), ...env });
}
