/**
 * The one place for the built bins' paths: each is read from the `bin` field of its package's package.json, found
 * as an installed package is (`require.resolve("<pkg>/package.json")`), so the tests, the harness and the demo run
 * exactly the file `npx <bin>` would.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

// createRequire: the same lookup compiled (CommonJS, dist/testing/) and from source under vitest.
const load = createRequire(__filename);

function binOf(pkg: string, bin: string): string {
  const manifest = load.resolve(`${pkg}/package.json`);
  const json = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
  const rel = typeof json.bin === "string" ? json.bin : json.bin?.[bin];
  if (rel === undefined) throw new Error(`${manifest} declares no bin "${bin}"`);
  return path.join(path.dirname(manifest), rel);
}

/** `pilotstatus` (the drift audit) of the root package: dist/provider/drift/cli.js. */
export const PILOTSTATUS_BIN = binOf("pulumi-pilotstatus", "pilotstatus");
/** `pilotstatus-emulator` of the emulator package: emulator/dist/cli.js. */
export const EMULATOR_BIN = binOf("pulumi-pilotstatus-emulator", "pilotstatus-emulator");
