/**
 * The stack with the real Pulumi CLI, in the engine suite's offline environment (testing/engine/pulumi.ts): file
 * backend, PULUMI_HOME and the stack's config file all in the demo's temp folder, so nothing is left in the
 * project. Every command it starts is stopped (SIGTERM: Pulumi cancels and shuts its plugins down) and waited for
 * on cleanup, before the temp folder goes; none is started once cleaning up began.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { LocatedCli } from "../testing/engine/cli";
import { type CliRun, PulumiStack } from "../testing/engine/pulumi";
import { withoutAmbientPluginWarnings } from "./cliOutput";
import type { DemoStack, ProgramPlan, RefreshedState, Refusal, SettledResult, UpResult } from "./demoStack";
import type { Narrator } from "./narrator";

/** How `pulumi stack output --json` shows a secret output without --show-secrets. */
const SECRET_PLACEHOLDER = "[secret]";
/** After SIGTERM, how long a command may take to cancel before it is killed. */
const STOP_GRACE_MS = 20_000;

export interface CliStackOptions {
  readonly cli: LocatedCli;
  /** The project directory (Pulumi.yaml). */
  readonly cwd: string;
  /** The demo's temp folder. */
  readonly workDir: string;
  /** The stack's name, unless the project has a Pulumi.<stack>.yaml of its own (then a unique one). */
  readonly stack: string;
  readonly narrator: Narrator;
  readonly config: { plain: Record<string, string>; secret: Record<string, string> };
}

interface InFlight {
  pid?: number;
  done: Promise<void>;
}

export class CliStack implements DemoStack {
  readonly how: string;
  readonly stack: string;
  private engine: PulumiStack | undefined;
  private readonly inFlight = new Set<InFlight>();
  private stopping = false;

  constructor(private readonly opts: CliStackOptions) {
    const where = { PATH: "on PATH", cache: "cached", built: "just built" }[opts.cli.source];
    this.how = `the Pulumi CLI v${opts.cli.version} (${where}: ${opts.cli.path}), with a file backend in ${opts.workDir}`;
    const own = (name: string) => path.join(opts.cwd, `Pulumi.${name}.yaml`);
    // Never one the project has a Pulumi.<stack>.yaml for: PulumiStack.init would start from it. (init itself never
    // writes into the project: it runs `stack init` on a copy of Pulumi.yaml in the temp folder.)
    this.stack = existsSync(own(opts.stack)) ? `${opts.stack}-${path.basename(opts.workDir).slice(-6).toLowerCase()}` : opts.stack;
  }

  /** `pulumi stack init` and the stack's config (secrets encrypted by the passphrase provider). */
  async init(): Promise<void> {
    const { cli, cwd, workDir, config } = this.opts;
    this.engine = await this.track(() => PulumiStack.init({ cli: cli.path, dir: cwd, workDir, stack: this.stack }));
    await this.track(() => this.need().config(config));
  }

  async up(): Promise<UpResult> {
    // The outputs are printed from `pulumi stack output` below, as one line each.
    await this.show(["up", "--yes", "--skip-preview", "--suppress-progress", "--suppress-outputs"]);
    const outputs = await this.outputs();
    return { outputs, secretOutputs: Object.keys(outputs).filter((k) => outputs[k] === SECRET_PLACEHOLDER) };
  }

  /** `pulumi refresh --preview-only --diff`: reads every number back and shows what changed; writes nothing. */
  async previewRefresh(): Promise<void> {
    await this.show(["refresh", "--preview-only", "--diff", "--suppress-progress"]);
  }

  /**
   * `pulumi preview --refresh`: the program against the refreshed state. A change the provider refuses fails the
   * preview (exit 1); its refusals are returned for the narrative to print, the rest of the output (the refresh
   * again) is not shown. Any other failure throws.
   */
  async previewProgram(): Promise<ProgramPlan> {
    const args = ["preview", "--refresh", "--suppress-progress"];
    this.opts.narrator.say(`$ pulumi ${args.join(" ")}`);
    const run = await this.tracked(args);
    if (run.code === 0) {
      this.opts.narrator.block(withoutAmbientPluginWarnings(run.stdout));
      return { refusals: [], changes: changedResources(run.stdout, ["update", "replace", "create", "delete"]) };
    }
    const refusals = checkFailuresIn(run.output);
    if (refusals.length === 0) throw this.failure(args, run);
    return { refusals, changes: [], exitCode: run.code };
  }

  /** `pulumi config set` of each value (the program reads it), then `pulumi up`. */
  async declare(config: Record<string, string>): Promise<SettledResult> {
    for (const [key, value] of Object.entries(config)) {
      this.opts.narrator.say(`$ pulumi config set ${key} ${JSON.stringify(value)}`);
      await this.cli(["config", "set", key, value]);
    }
    const up = await this.show(["up", "--yes", "--skip-preview", "--suppress-progress", "--suppress-outputs"]);
    return { changes: changedResources(up.stdout, ["updated", "replaced", "created", "deleted"]), outputs: await this.outputs() };
  }

  async exportState(file: string): Promise<void> {
    await this.cli(["stack", "export", "--file", file]);
  }

  async acceptRefresh(): Promise<RefreshedState> {
    await this.show(["refresh", "--yes", "--skip-preview", "--suppress-progress", "--suppress-outputs"]);
    const resources = await this.track(() => this.need().resources());
    const state = Object.fromEntries(resources.map((r) => [r.urn.split("::").pop() ?? r.urn, r.outputs ?? {}]));
    return { state, outputs: await this.outputs() };
  }

  /** Stops what is still running and waits for it: the temp folder is removed after this. */
  async stop(): Promise<void> {
    this.stopping = true;
    const live = [...this.inFlight];
    for (const r of live) if (r.pid !== undefined) signal(r.pid, "SIGTERM");
    const settled = Promise.allSettled(live.map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_GRACE_MS))),
    ]);
    clearTimeout(timer);
    if (late) {
      for (const r of this.inFlight) if (r.pid !== undefined) signal(r.pid, "SIGKILL");
      await settled;
    }
  }

  /** `pulumi stack output --json`: as of the last program run; secret ones are "[secret]". */
  private async outputs(): Promise<Record<string, unknown>> {
    return z.record(z.string(), z.unknown()).parse(await this.track(() => this.need().outputs()));
  }

  /** Prints the command, runs it, prints its output (redacted). */
  private async show(args: readonly string[]): Promise<CliRun> {
    this.opts.narrator.say(`$ pulumi ${args.join(" ")}`);
    const run = await this.cli(args);
    this.opts.narrator.block(withoutAmbientPluginWarnings(run.stdout));
    return run;
  }

  /** `pulumi <args>` (the engine adds --stack, --config-file, --non-interactive); throws unless it exits 0. */
  private async cli(args: readonly string[]): Promise<CliRun> {
    const run = await this.tracked(args);
    if (run.code !== 0) throw this.failure(args, run);
    return run;
  }

  /** `pulumi <args>`, whatever its exit code; stop() stops it. */
  private tracked(args: readonly string[]): Promise<CliRun> {
    return this.track((entry) => this.need().run(args, { onSpawn: (pid) => (entry.pid = pid) }));
  }

  /** A failed command's error: the command, its exit code and the tail of its output (redacted). */
  private failure(args: readonly string[], run: CliRun): Error {
    const tail = withoutAmbientPluginWarnings(run.output).trim().split("\n").slice(-20).join("\n");
    return new Error(this.opts.narrator.redact(`\`pulumi ${args.join(" ")}\` exited with ${run.code ?? run.signal}:\n${tail}`));
  }

  /** Starts a command unless stopping; stop() signals and waits for it until it ends. */
  private track<T>(start: (entry: InFlight) => Promise<T>): Promise<T> {
    if (this.stopping) return Promise.reject(new Error("the demo is stopping"));
    const entry: InFlight = { done: Promise.resolve() };
    const promise = start(entry);
    entry.done = promise.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(entry);
    return promise.finally(() => this.inFlight.delete(entry));
  }

  private need(): PulumiStack {
    if (this.engine === undefined) throw new Error("init() first");
    return this.engine;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * The Check failures in a CLI run's output, one per resource and input, as the engine prints them:
 * "error: <type> resource '<name>': property <input> value {<value>} has a problem: <reason>".
 */
export function checkFailuresIn(output: string): Refusal[] {
  const found = new Map<string, Refusal>();
  for (const line of output.split("\n")) {
    const m = /^\s*error: \S+ resource '([^']+)': property (\S+) value .*? has a problem: (.*\S)\s*$/.exec(line);
    if (m) found.set(`${m[1]}/${m[2]}`, { resource: m[1] ?? "", property: m[2] ?? "", reason: m[3] ?? "" });
  }
  return [...found.values()];
}

/** Names of the program's resources (not the stack) whose row in a CLI run's output ends in one of `ops`. */
function changedResources(output: string, ops: readonly string[]): string[] {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    const m = /^\s*\S{1,2}\s+(\S+:\S+:\S+) (\S+) (\w+)/.exec(line);
    if (m && m[1] !== "pulumi:pulumi:Stack" && ops.includes(m[3] ?? "")) names.add(m[2] ?? "");
  }
  return [...names];
}
