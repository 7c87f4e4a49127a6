/**
 * The engine suite's set-up: the real `pulumi` CLI (found, never built here: `npm run -s engine:cli` builds it),
 * the emulator in its own process, and stacks in temp folders. Without a CLI the suite is skipped with its reason
 * in the test names, except under CI=true, where it fails.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorProcess, EmulatorProcessOptions } from "../../testing/engine/emulatorProcess";
import type { CliRun, PulumiStack } from "../../testing/engine/pulumi";
import { emulatorProcess, engineCli, enginePulumi, repoRoot } from "../support/compiled";

const located = await engineCli.locatePulumiCli();
export const cli = located?.path;

/** describe() when a CLI is there; otherwise a visible skip, or under CI a failing test that says what to run. */
export function describeEngine(name: string, body: () => void): void {
  if (cli) {
    // Each scenario runs several CLI commands of a few seconds each.
    describe(name, { timeout: 240_000 }, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("has a Pulumi CLI", () => {
        throw new Error("no Pulumi CLI found (CI=true): run `npm run -s engine:cli` first, as .ci/run does");
      });
    });
  } else {
    describe.skip(`${name} [skipped: no Pulumi CLI; \`npm run -s engine:cli\` provides one]`, body);
  }
}

export const projectDir = (...parts: string[]): string => path.join(repoRoot, ...parts);

export interface EngineRig {
  readonly emulator: EmulatorProcess;
  /** A fresh temp folder for this file. */
  readonly workDir: string;
  /** A new stack of the project in `dir`, with its own backend; its config starts from the project's Pulumi.<stack>.yaml. */
  stack(dir: string, opts?: { stack?: string; env?: NodeJS.ProcessEnv }): Promise<PulumiStack>;
  /** Stops the emulator and starts it again with the same state (and port, unless given), e.g. with another key. */
  restartEmulator(opts?: Omit<EmulatorProcessOptions, "dataFile">): Promise<void>;
}

let stackSeq = 0;

/** For one test file: the emulator process before its tests (reset before each), stopped after them. */
export function useEngine(opts: { sample?: boolean } = {}): EngineRig {
  let emulator: EmulatorProcess | undefined;
  let workDir: string | undefined;
  const dataFile = () => path.join(need(workDir), "emulator.json");
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "pilotstatus-engine-"));
    emulator = await emulatorProcess.startEmulatorProcess({ dataFile: dataFile(), ...(opts.sample ? { sample: true } : {}) });
  });
  afterAll(async () => {
    await emulator?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    if (!opts.sample) await need(emulator).control.reset();
    await need(emulator).control.resetRequests();
  });
  return {
    get emulator() {
      return need(emulator);
    },
    get workDir() {
      return need(workDir);
    },
    async stack(dir, o = {}) {
      const own = path.join(need(workDir), `stack-${++stackSeq}`);
      return enginePulumi.PulumiStack.init({ cli: need(cli), dir, workDir: own, ...o });
    },
    async restartEmulator(o = {}) {
      const port = need(emulator).port;
      await need(emulator).stop();
      emulator = await emulatorProcess.startEmulatorProcess({ dataFile: dataFile(), port, ...(opts.sample ? { sample: true } : {}), ...o });
    },
  };
}

function need<T>(v: T | undefined): T {
  if (v === undefined) throw new Error("engine rig: only available during the file's tests");
  return v;
}

/** Points a stack at the emulator with the default tenant's key as secret config. */
export async function configureForEmulator(stack: PulumiStack, emulator: EmulatorProcess): Promise<void> {
  await stack.config({ plain: { "pilotstatus:baseUrl": emulator.url }, secret: { "pilotstatus:apiKey": emulator.tenantKey } });
}

/** Request counts as `METHOD /route` → n, for assertions. */
export async function requestCounts(emulator: EmulatorProcess): Promise<Record<string, number>> {
  return (await emulator.control.requests()).counts;
}

/** Asserts a CLI run failed, and returns its output for further checks. */
export function expectFailure(run: CliRun): string {
  expect(run.code, run.output).not.toBe(0);
  return run.output;
}
