/** Runs the package's drift audit (`pilotstatus drift`, dist/provider/drift/cli.js) as a user's CI would. */
import { existsSync } from "node:fs";
import { PILOTSTATUS_BIN } from "../testing/bins";
import { type NodeRun, runNode } from "../testing/runNode";

export const DRIFT_CLI = PILOTSTATUS_BIN;

export type AuditRun = NodeRun;

export function runDriftAudit(args: readonly string[], credentials: { apiKey: string; baseUrl: string }): Promise<AuditRun> {
  if (!existsSync(DRIFT_CLI)) return Promise.reject(new Error(`${DRIFT_CLI} is missing: run \`npm run build\``));
  // Only what the audit needs: the key goes by environment, never on the command line.
  return runNode(DRIFT_CLI, args, {
    PATH: process.env.PATH,
    PILOT_STATUS_API_KEY: credentials.apiKey,
    PILOT_STATUS_BASE_URL: credentials.baseUrl,
  });
}
