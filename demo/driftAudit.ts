/** Runs the package's drift audit (`pilotstatus drift`, dist/provider/drift/cli.js) as a user's CI would. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";

export const DRIFT_CLI = path.join(__dirname, "../provider/drift/cli.js");

export interface AuditRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runDriftAudit(args: readonly string[], credentials: { apiKey: string; baseUrl: string }): Promise<AuditRun> {
  if (!existsSync(DRIFT_CLI)) return Promise.reject(new Error(`${DRIFT_CLI} is missing: run \`npm run build\``));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIFT_CLI, ...args], {
      // Only what the audit needs: the key goes by environment, never on the command line.
      env: { PATH: process.env.PATH, PILOT_STATUS_API_KEY: credentials.apiKey, PILOT_STATUS_BASE_URL: credentials.baseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
