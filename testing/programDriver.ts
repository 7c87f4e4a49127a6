// Runs a Pulumi program under Pulumi's own mocks runtime, forwarding every dynamic resource to a REAL provider host:
// Check then Create (or Read when the program gets/imports by id), as the engine's step generator would for a stack
// with no prior state. Other resources echo their inputs.
//
// Provider config under mocks: the engine hands the whole stack config (`project:key`, secrets wrapped) to the
// dynamic host's Configure; the program side sees it through pulumi.Config. runProgram does both from `config`:
// setAllConfig(plain values, secret keys) for the program and host.configure(config) for the host.
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import * as settings from "@pulumi/pulumi/runtime/settings";
import type { ProviderHost } from "./providerHost";
import {
  UNKNOWN,
  isSecretValue,
  secret,
  secretKeys as secretKeysOf,
  stripSecrets,
  stripSecretsFromMap,
  type PropertyMap,
  type SecretValue,
} from "./propertyValues";

export const DYNAMIC_RESOURCE_TYPE = "pulumi-nodejs:dynamic:Resource";

export function isDynamicResourceType(type: string): boolean {
  return type === DYNAMIC_RESOURCE_TYPE || type.startsWith("pulumi-nodejs:dynamic/");
}

export type ProgramExports = Record<string, unknown>;

export interface RunProgramOptions {
  readonly program: () => Promise<ProgramExports | undefined> | ProgramExports | undefined;
  readonly host: ProviderHost;
  /** Stack config in `project:key` form; wrap a value with secret() to make it a secret. */
  readonly config?: Record<string, string | SecretValue>;
  readonly project?: string;
  readonly stack?: string;
  /** Preview: Check runs on the host, Create does not (the host does not support previews). */
  readonly preview?: boolean;
  /**
   * Send `config` to the host's Configure first (default true; the engine always does). The host calls a provider's
   * configure() only the first time it deserializes that `__provider` string, so a different config for the same
   * provider needs a fresh host.
   */
  readonly configureHost?: boolean;
}

export interface ProgramResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly id: string;
  readonly operation: "create" | "read" | "echo";
  /** Checked inputs (secrets unwrapped; see secretInputs). Includes `__provider` for dynamic resources. */
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
  readonly secretInputs: string[];
  readonly secretOutputs: string[];
}

export interface ProgramResult {
  /** Stack exports, fully resolved, secrets unwrapped (see secretOutputs); unknown ones are undefined. */
  readonly outputs: Record<string, unknown>;
  readonly secretOutputs: string[];
  readonly unknownOutputs: string[];
  readonly resources: ProgramResource[];
}

// settings.waitForRPCs is @internal (absent from the .d.ts) but is what runtime.disconnect() awaits.
function waitForRPCs(): Promise<void> {
  const fn: unknown = (settings as unknown as Record<string, unknown>).waitForRPCs;
  if (typeof fn !== "function") throw new Error("@pulumi/pulumi/runtime/settings no longer exports waitForRPCs");
  return (fn as () => Promise<void>)();
}

// Internal members of Output (output.js OutputImpl) used to read a value without apply(), which skips unknowns.
interface OutputInternals {
  promise(withUnknowns?: boolean): Promise<unknown>;
  readonly isKnown: Promise<boolean>;
  readonly isSecret: Promise<boolean>;
}

function internals(o: pulumi.Output<unknown>): OutputInternals {
  const x = o as unknown as Partial<OutputInternals>;
  if (typeof x.promise !== "function" || !(x.isKnown instanceof Promise) || !(x.isSecret instanceof Promise)) {
    throw new Error("unexpected Output shape: this @pulumi/pulumi version changed its internals");
  }
  return x as OutputInternals;
}

/** Mock inputs (rpc.deserializeProperties output) → wire form: unknown → sentinel, secret wrappers kept. */
function toWire(v: unknown): unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (isSecretValue(v)) return secret(toWire(v.value));
  if (Array.isArray(v)) return v.map(toWire);
  if (typeof v === "object" && v !== null) {
    if (pulumi.asset.Asset.isInstance(v) || pulumi.asset.Archive.isInstance(v)) {
      throw new Error("assets and archives are not supported by runProgram");
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  }
  return v;
}

function toWireMap(v: unknown): PropertyMap {
  const wired = toWire(v);
  return typeof wired === "object" && wired !== null && !Array.isArray(wired) ? (wired as PropertyMap) : {};
}

function describeFailures(failures: { property: string; reason: string }[]): string {
  return failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
}

/** One run at a time per process: the mocks runtime, its config and its options are process-global. */
export async function runProgram(opts: RunProgramOptions): Promise<ProgramResult> {
  const project = opts.project ?? "project";
  const stack = opts.stack ?? "stack";
  const preview = opts.preview === true;
  const config = opts.config ?? {};
  const { host } = opts;
  const resources: ProgramResource[] = [];
  const errors: unknown[] = [];
  const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;

  if (opts.configureHost !== false) await host.configure(config);

  const record = (
    r: Omit<ProgramResource, "secretInputs" | "secretOutputs" | "inputs" | "outputs"> & {
      inputs: PropertyMap;
      outputs: PropertyMap;
    },
  ) => {
    resources.push({
      ...r,
      inputs: stripSecretsFromMap(r.inputs),
      outputs: stripSecretsFromMap(r.outputs),
      secretInputs: secretKeysOf(r.inputs),
      secretOutputs: secretKeysOf(r.outputs),
    });
  };

  // The engine marks `additionalSecretOutputs` secret; Pulumi's mock monitor drops that option, so it is read
  // off the registration request (captureAdditionalSecretOutputs) and applied here.
  const additionalSecrets = new Map<string, string[]>();
  const withAdditionalSecrets = (type: string, name: string, outputs: PropertyMap): PropertyMap => {
    const names = additionalSecrets.get(`${type}::${name}`) ?? [];
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, names.includes(k) && !isSecretValue(v) ? secret(v) : v]));
  };

  const newDynamicResource = async (args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> => {
    const urn = urnOf(args.type, args.name);
    const inputs = toWireMap(args.inputs);
    if (args.id) {
      // get()/import: the engine reads by id without checking.
      const read = await host.read(args.id, urn, inputs, inputs);
      if (read.id === "") throw new Error(`${args.type}::${args.name}: no resource with id ${args.id}`);
      const outputs = withAdditionalSecrets(args.type, args.name, read.properties);
      record({ type: args.type, name: args.name, urn, id: read.id, operation: "read", inputs, outputs });
      return { id: read.id, state: outputs };
    }
    const checked = await host.check(urn, {}, inputs);
    if (checked.failures.length > 0) {
      throw new Error(`${args.type}::${args.name} failed check: ${describeFailures(checked.failures)}`);
    }
    const created = await host.create(urn, checked.inputs, { preview });
    record({
      type: args.type,
      name: args.name,
      urn,
      id: created.id,
      operation: "create",
      inputs: checked.inputs,
      outputs: withAdditionalSecrets(args.type, args.name, created.properties),
    });
    return { id: created.id, state: withAdditionalSecrets(args.type, args.name, created.properties) };
  };

  const mocks: pulumi.runtime.Mocks = {
    newResource: async (args) => {
      try {
        if (args.custom !== false && isDynamicResourceType(args.type)) return await newDynamicResource(args);
        const id = args.custom === false ? undefined : args.id || `${args.name}_id`;
        const inputs = toWireMap(args.inputs);
        record({
          type: args.type,
          name: args.name,
          urn: urnOf(args.type, args.name),
          id: id ?? "",
          operation: "echo",
          inputs,
          outputs: inputs,
        });
        return { id, state: inputs };
      } catch (err) {
        // Reported by runProgram once the run settles. Failing the registration instead would reject every Output of
        // the resource, and those nobody awaits would escape as unhandled rejections.
        errors.push(err);
        return { id: undefined, state: {} };
      }
    },
    call: (args) => {
      const message = `runProgram does not mock invokes (called ${args.token})`;
      // The SDK rethrows `new Error(err.details)`, so the message must also be in `details`.
      const err = Object.assign(new Error(message), { details: message });
      errors.push(err);
      throw err;
    },
  };

  // setMocks resets the runtime's global options/state; project and stack are passed explicitly because
  // setMockOptions otherwise keeps the previous run's values.
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  captureAdditionalSecretOutputs(additionalSecrets);
  const secretConfigKeys = Object.keys(config).filter((k) => isSecretValue(config[k]));
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(stripSecrets(v))])), secretConfigKeys);

  let exported: ProgramExports = {};
  try {
    exported = (await opts.program()) ?? {};
  } catch (err) {
    errors.push(err);
  }
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  const unknownOutputs: string[] = [];
  const settled = await Promise.allSettled(
    Object.entries(exported).map(async ([key, value]) => {
      const o = internals(pulumi.output(value));
      const [known, isSecret, resolved] = await Promise.all([o.isKnown, o.isSecret, o.promise()]);
      outputs[key] = known ? resolved : undefined;
      if (isSecret) secretOutputs.push(key);
      if (!known) unknownOutputs.push(key);
    }),
  );
  // Resources nobody exported still have to finish registering.
  await waitForRPCs();
  const firstError = errors[0] ?? settled.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason;
  if (firstError !== undefined) throw firstError instanceof Error ? firstError : new Error(String(firstError));
  return { outputs, secretOutputs: secretOutputs.sort(), unknownOutputs: unknownOutputs.sort(), resources };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getAdditionalsecretoutputsList(): string[];
}

/** Wraps the mock monitor's registerResource to remember each resource's additionalSecretOutputs. */
function captureAdditionalSecretOutputs(into: Map<string, string[]>): void {
  const monitor = (pulumi.runtime as unknown as { getMonitor(): unknown }).getMonitor() as {
    registerResource(req: RegisterRequest, callback: unknown): unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    into.set(`${req.getType()}::${req.getName()}`, req.getAdditionalsecretoutputsList());
    return original(req, callback);
  };
}
