/**
 * The stack without the Pulumi CLI: the program runs under Pulumi's mocks runtime and every resource goes to the
 * REAL dynamic-provider host (testing/programDriver + testing/providerHost), as `pulumi up` would send it.
 */
import { writeFile } from "node:fs/promises";
import { type ProgramExports, type ProgramResource, type ProgramResult, isDynamicResourceType, runProgram } from "../testing/programDriver";
import { type ProviderHost, startProviderHost } from "../testing/providerHost";
import type { PropertyMap, SecretValue } from "../testing/propertyValues";
import type { DemoStack, ProgramPlan, Refusal, SettledResult, UpResult } from "./demoStack";
import type { Narrator } from "./narrator";
import { toStackExport } from "../testing/stackExport";

export interface DriverStackOptions {
  /** The program directory: the host resolves `pulumi-pilotstatus/host` from here. */
  readonly cwd: string;
  readonly project: string;
  readonly stack: string;
  readonly config: Record<string, string | SecretValue>;
  readonly program: () => ProgramExports;
  readonly narrator: Narrator;
}

/** Fields whose change a refresh reports. */
const WATCHED = ["name", "number", "state", "isFullyConnected"] as const;

const kindOf = (type: string) => type.split(":").pop() ?? type;
const verb = (r: ProgramResource) => (r.operation !== "create" ? r.operation : r.inputs.adoptExisting === true ? "adopted" : "created");

export class DriverStack implements DemoStack {
  readonly how = "program driver (Pulumi's mocks runtime) + the real dynamic-provider host";
  private result: ProgramResult | undefined;
  /** The last previewRefresh()'s reads by resource name: what a refresh would store. */
  private readonly refreshed = new Map<string, { outputs: PropertyMap; inputs: PropertyMap }>();

  private constructor(
    private readonly host: ProviderHost,
    private readonly opts: DriverStackOptions,
  ) {}

  static async start(opts: DriverStackOptions): Promise<DriverStack> {
    const host = await startProviderHost({ cwd: opts.cwd, project: opts.project, stack: opts.stack });
    return new DriverStack(host, opts);
  }

  async up(): Promise<UpResult> {
    const { narrator } = this.opts;
    const result = await runProgram({
      program: this.opts.program,
      host: this.host,
      config: this.opts.config,
      project: this.opts.project,
      stack: this.opts.stack,
    });
    this.result = result;
    for (const r of result.resources) {
      for (const key of [...r.secretOutputs, ...r.secretInputs]) {
        const value = r.outputs[key] ?? r.inputs[key];
        if (typeof value === "string") narrator.addSecret(value);
      }
    }
    narrator.block(result.resources.map((r) => `+ ${kindOf(r.type).padEnd(15)} ${r.name.padEnd(10)} ${verb(r)} (${r.id})`).join("\n"));
    return { outputs: result.outputs, secretOutputs: result.secretOutputs };
  }

  /**
   * What `pulumi refresh --preview-only` asks the provider: Read(id, old outputs, old inputs) of every number, shown
   * as what changed. The reads are kept (not written anywhere) for previewProgram() and declare().
   */
  async previewRefresh(): Promise<void> {
    const { narrator } = this.opts;
    this.refreshed.clear();
    for (const r of this.dynamicResources()) {
      const read = await this.host.read(r.id, r.urn, r.outputs, r.inputs);
      if (read.id === "") {
        narrator.block(`- ${r.name}: deleted outside Pulumi`);
        continue;
      }
      this.refreshed.set(r.name, { outputs: read.properties, inputs: read.inputs ?? r.inputs });
      const changes = WATCHED.filter((k) => JSON.stringify(read.properties[k]) !== JSON.stringify(r.outputs[k])).map(
        (k) => `${k}: ${JSON.stringify(r.outputs[k])} → ${JSON.stringify(read.properties[k])}`,
      );
      narrator.block(changes.length === 0 ? `  ${r.name}: unchanged` : `~ ${r.name}: ${changes.join(", ")}`);
    }
  }

  /**
   * What `pulumi preview --refresh` asks the provider for each number, in the engine's order: Check(olds = the
   * refreshed inputs, news = the program's inputs), then, unless Check refused, Diff(olds = the refreshed outputs).
   */
  async previewProgram(): Promise<ProgramPlan> {
    const { narrator } = this.opts;
    narrator.say(
      "Per number, what `pulumi preview --refresh` asks the provider: Check (olds: the refreshed inputs, news: the program's), then Diff:",
    );
    const plan = await this.plan(this.dynamicResources());
    narrator.block(plan.lines.join("\n"));
    return { refusals: plan.refusals, changes: plan.changes };
  }

  /**
   * The program run again with `config` added, as a preview (Check only, nothing created), then the same Check and
   * Diff as previewProgram() against the refreshed numbers: what `pulumi preview --refresh` would plan.
   */
  async declare(config: Record<string, string>): Promise<SettledResult> {
    const { narrator } = this.opts;
    for (const [key, value] of Object.entries(config)) narrator.say(`config ${key} = ${JSON.stringify(value)}`);
    narrator.say("The program runs again as a preview (nothing is created), then Check and Diff against the refreshed numbers:");
    const result = await runProgram({
      program: this.opts.program,
      host: this.host,
      config: { ...this.opts.config, ...config },
      project: this.opts.project,
      stack: this.opts.stack,
      preview: true,
    });
    const deployed = new Map(this.dynamicResources().map((r) => [r.name, r]));
    // The program's new inputs, on the deployed resources' ids.
    const declared = result.resources.flatMap((r) => {
      const old = deployed.get(r.name);
      return old && isDynamicResourceType(r.type) ? [{ ...old, inputs: r.inputs }] : [];
    });
    const plan = await this.plan(declared);
    narrator.block(plan.lines.join("\n"));
    if (plan.refusals.length > 0) {
      throw new Error(`the provider still refuses: ${plan.refusals.map((f) => `${f.resource}: ${f.reason}`).join("; ")}`);
    }
    return { changes: plan.changes };
  }

  private async plan(resources: readonly ProgramResource[]): Promise<{ lines: string[]; refusals: Refusal[]; changes: string[] }> {
    const lines: string[] = [];
    const refusals: Refusal[] = [];
    const changes: string[] = [];
    for (const r of resources) {
      const refreshed = this.refreshed.get(r.name);
      if (refreshed === undefined) throw new Error(`${r.name}: previewRefresh() first`);
      const checked = await this.host.check(r.urn, refreshed.inputs, r.inputs);
      if (checked.failures.length > 0) {
        refusals.push(...checked.failures.map((f) => ({ resource: r.name, property: f.property, reason: f.reason })));
        lines.push(`✗ ${r.name}: Check refused it (${checked.failures.map((f) => f.property).join(", ")})`);
        continue;
      }
      const diff = await this.host.diff(r.id, r.urn, refreshed.outputs, checked.inputs, refreshed.inputs);
      if (diff.changes !== "some") {
        lines.push(`  ${r.name}: no change`);
      } else {
        changes.push(r.name);
        lines.push(
          `~ ${r.name}: would ${diff.replaces.length > 0 ? `REPLACE it (${diff.replaces.join(", ")})` : `update it (${diff.diffs.join(", ")})`}`,
        );
      }
    }
    return { lines, refusals, changes };
  }

  async exportState(file: string): Promise<void> {
    await writeFile(file, JSON.stringify(toStackExport(this.deployed().resources, this.opts.project, this.opts.stack), null, 2));
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  private dynamicResources(): ProgramResource[] {
    return this.deployed().resources.filter((x) => isDynamicResourceType(x.type));
  }

  private deployed(): ProgramResult {
    if (this.result === undefined) throw new Error("up() first");
    return this.result;
  }
}
