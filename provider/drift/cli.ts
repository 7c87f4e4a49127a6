#!/usr/bin/env node
/** The package's bin: `pilotstatus drift ...` (see command.ts). */
import { runCli } from "./command";

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    // exitCode, not exit(): a large report on a pipe must finish writing first.
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pilotstatus: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
