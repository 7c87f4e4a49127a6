// Runs an example under Pulumi's mocks runtime with the REAL dynamic-provider host, as `pulumi up` would: the example is
// compiled by tsc with its own tsconfig.json (so a type error in it fails its test) into dist/examples/<name>/, inside
// the repository, where `pulumi-pilotstatus` resolves through the root node_modules self-link as it does for a user's
// project through its own node_modules.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { ProgramResult } from "../../testing/programDriver";
import type { ProviderHost } from "../../testing/providerHost";
import type { SecretValue } from "../../testing/propertyValues";
import { programDriver, providerHost, repoRoot } from "../support/compiled";

const load = createRequire(import.meta.url);

export interface Example {
  readonly name: string;
  /** examples/<name>: the program directory, the host's cwd. */
  readonly dir: string;
  /** `name:` of its Pulumi.yaml. */
  readonly project: string;
  readonly program: () => Record<string, unknown>;
}

function tsc(args: readonly string[]): Promise<void> {
  const bin = load.resolve("typescript/bin/tsc", { paths: [repoRoot] });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot }, (err, stdout, stderr) => {
      if (err) reject(new Error(`tsc ${args.join(" ")} failed:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

export async function compileExample(name: string): Promise<Example> {
  const dir = path.join(repoRoot, "examples", name);
  const outDir = path.join(repoRoot, "dist", "examples", name);
  await tsc(["-p", path.join(dir, "tsconfig.json"), "--outDir", outDir]);
  const project = /^name:\s*(\S+)\s*$/m.exec(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))?.[1];
  if (project === undefined) throw new Error(`examples/${name}/Pulumi.yaml has no name`);
  const mod = load(path.join(outDir, "program.js")) as { program?: unknown };
  if (typeof mod.program !== "function") throw new Error(`examples/${name}/program.ts does not export program()`);
  return { name, dir, project, program: mod.program as () => Record<string, unknown> };
}

export function startExampleHost(example: Example): Promise<ProviderHost> {
  return providerHost.startProviderHost({
    cwd: example.dir,
    project: example.project,
    stack: "dev",
    // Nothing from the developer's shell: the stack config is the only source of key and URL.
    env: { PILOT_STATUS_API_KEY: "", PILOT_STATUS_BASE_URL: "" },
  });
}

export function runExample(example: Example, host: ProviderHost, config: Record<string, string | SecretValue>): Promise<ProgramResult> {
  return programDriver.runProgram({ program: example.program, host, config, project: example.project, stack: "dev" });
}

export interface ExampleRig {
  readonly example: Example;
  readonly host: ProviderHost;
}

/** For one test file: compiles the example and starts its provider host before the tests, stops the host after. */
export function useExample(name: string): ExampleRig {
  let example: Example | undefined;
  let host: ProviderHost | undefined;
  beforeAll(async () => {
    example = await compileExample(name);
    host = await startExampleHost(example);
  });
  afterAll(async () => {
    await host?.stop();
  });
  const missing = (): never => {
    throw new Error(`useExample("${name}"): only available during the file's tests`);
  };
  return {
    get example() {
      return example ?? missing();
    },
    get host() {
      return host ?? missing();
    },
  };
}
