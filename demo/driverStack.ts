/**
 * The stack without the Pulumi CLI: the program runs under Pulumi's mocks runtime and every resource goes to the
 * REAL dynamic-provider host (testing/programDriver + testing/providerHost), as `pulumi up` would send it.
 */
import { writeFile } from "node:fs/promises";
import { type ProgramExports, type ProgramResource, type ProgramResult, isDynamicResourceType, runProgram } from "../testing/programDriver";
import { type ProviderHost, startProviderHost } from "../testing/providerHost";
import type { SecretValue } from "../testing/propertyValues";
import type { DemoStack, UpResult } from "./demoStack";
import type { Narrator } from "./narrator";
import { toStackExport } from "./stackExport";

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
const verb = (r: ProgramResource) =>
  r.operation !== "create" ? r.operation : r.inputs.adoptExisting === true ? "adopted" : "created";

export class DriverStack implements DemoStack {
  readonly how = "program driver (Pulumi's mocks runtime) + the real dynamic-provider host";
  private result: ProgramResult | undefined;

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
    narrator.block(
      result.resources
        .map((r) => `+ ${kindOf(r.type).padEnd(15)} ${r.name.padEnd(10)} ${verb(r)} (${r.id})`)
        .join("\n"),
    );
    return { outputs: result.outputs, secretOutputs: result.secretOutputs };
  }

  async previewRefresh(): Promise<void> {
    const { narrator } = this.opts;
    for (const r of this.deployed().resources.filter((x) => isDynamicResourceType(x.type))) {
      const read = await this.host.read(r.id, r.urn, r.outputs, r.inputs);
      if (read.id === "") {
        narrator.block(`- ${r.name}: deleted outside Pulumi`);
        continue;
      }
      const changes = WATCHED.filter((k) => JSON.stringify(read.properties[k]) !== JSON.stringify(r.outputs[k])).map(
        (k) => `${k}: ${JSON.stringify(r.outputs[k])} → ${JSON.stringify(read.properties[k])}`,
      );
      if (changes.length === 0) {
        narrator.block(`  ${r.name}: unchanged`);
        continue;
      }
      narrator.block(`~ ${r.name}: ${changes.join(", ")}`);
      // What the next `pulumi up` would do once the refreshed values are in the state.
      const diff = await this.host.diff(r.id, r.urn, read.properties, r.inputs, read.inputs ?? r.inputs);
      if (diff.replaces.length > 0) {
        narrator.block(`    the program still says otherwise: the next \`pulumi up\` would REPLACE it (${diff.replaces.join(", ")})`);
      } else if (diff.changes === "some") {
        narrator.block(`    the next \`pulumi up\` would update it (${diff.diffs.join(", ")})`);
      }
    }
  }

  async exportState(file: string): Promise<void> {
    await writeFile(file, JSON.stringify(toStackExport(this.deployed().resources, this.opts.project, this.opts.stack), null, 2));
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  private deployed(): ProgramResult {
    if (this.result === undefined) throw new Error("up() first");
    return this.result;
  }
}
