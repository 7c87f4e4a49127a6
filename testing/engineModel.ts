/**
 * The engine's call order for a stack's resources, over the gRPC harness: what `pulumi up`, `refresh` and `destroy`
 * send a dynamic provider, learned from the real CLI (v3.274.1) and pkg/resource/deploy (step_generator.go, step.go):
 * - up: ignoreChanges is applied to the new inputs from the OLD INPUTS first (a path the old inputs lack is dropped),
 *   then Check(olds = old inputs), then Diff(olds = old OUTPUTS, news, oldInputs). A replace deletes first when the
 *   provider or the program asks for it; protect refuses a replace; retainOnDelete skips the Delete. A "same" step
 *   keeps the old outputs and stores the new inputs.
 * - refresh: Read(id, old outputs, old inputs); an empty id drops the resource; otherwise read's inputs (when
 *   given) REPLACE the stored inputs, and the change shown is the provider's Diff with old and new swapped
 *   (olds = refreshed outputs, news = old inputs, oldInputs = refreshed inputs), inverted.
 * - refresh and destroy run with the provider configuration stored at the last up, not the current config.
 * - get (a ReadResource step): Read(id, props = { __provider }) with no inputs.
 */
import { isDeepStrictEqual } from "node:util";
import type { DiffResult, ProviderHost } from "./providerHost";
import type { PropertyMap, SecretValue } from "./propertyValues";

export type ProviderConfig = Record<string, string | SecretValue>;

export interface ResourceOptions {
  readonly ignoreChanges?: readonly string[];
  /** The program's own setting; when absent the provider's Diff decides. */
  readonly deleteBeforeReplace?: boolean;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
}

export interface StoredResource {
  readonly urn: string;
  readonly id: string;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
  readonly options: ResourceOptions;
}

export type UpOp = "create" | "same" | "update" | "replace";
export type RefreshOp = "same" | "update" | "delete";

/** Starts a provider host configured with the given config (the engine starts one per deployment). */
export type HostFactory = (config: ProviderConfig) => Promise<ProviderHost>;

/** Top-level ignoreChanges as the engine applies it: take the old input's value, or drop the key if it had none. */
export function applyIgnoreChanges(oldInputs: PropertyMap, news: PropertyMap, ignore: readonly string[]): PropertyMap {
  const out: PropertyMap = { ...news };
  for (const key of ignore) {
    if (key in oldInputs) out[key] = oldInputs[key];
    else delete out[key];
  }
  return out;
}

export class EngineModel {
  private readonly resources = new Map<string, StoredResource>();
  private storedConfig: ProviderConfig | undefined;
  private host: { config: ProviderConfig; host: ProviderHost } | undefined;

  constructor(private readonly startHost: HostFactory) {}

  state(name: string): StoredResource | undefined {
    return this.resources.get(name);
  }

  /** One resource of a `pulumi up` with the current config. */
  async up(urn: string, news: PropertyMap, config: ProviderConfig, options: ResourceOptions = {}): Promise<UpOp> {
    const host = await this.hostFor(config);
    this.storedConfig = config;
    const old = this.resources.get(urn);
    const declared = old && options.ignoreChanges ? applyIgnoreChanges(old.inputs, news, options.ignoreChanges) : news;
    const { inputs, failures } = await host.check(urn, old?.inputs ?? {}, declared);
    if (failures.length > 0) {
      throw new Error(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    if (!old) {
      const created = await host.create(urn, inputs);
      this.resources.set(urn, { urn, id: created.id, inputs, outputs: created.properties, options });
      return "create";
    }
    const diff = await host.diff(old.id, urn, old.outputs, inputs, old.inputs);
    if (diff.changes !== "some") {
      this.resources.set(urn, { ...old, inputs, options });
      return "same";
    }
    if (diff.replaces.length === 0) {
      const updated = await host.update(old.id, urn, old.outputs, inputs, old.inputs);
      this.resources.set(urn, { ...old, inputs, outputs: updated.properties, options });
      return "update";
    }
    if (old.options.protect || options.protect) {
      throw new Error(`unable to replace resource "${urn}" as it is currently marked for protection`);
    }
    const deleteOld = () => (old.options.retainOnDelete ? Promise.resolve() : host.delete(old.id, urn, old.outputs, old.inputs));
    const deleteFirst = options.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    if (deleteFirst) {
      await deleteOld();
      // Deleted: a failed create now leaves nothing in state, as the engine does.
      this.resources.delete(urn);
    }
    const created = await host.create(urn, inputs);
    if (!deleteFirst) await deleteOld();
    this.resources.set(urn, { urn, id: created.id, inputs, outputs: created.properties, options });
    return "replace";
  }

  /** `pulumi refresh` of one resource, with the config stored at the last up. */
  async refresh(urn: string): Promise<{ op: RefreshOp; diff?: DiffResult }> {
    const old = this.need(urn);
    const host = await this.hostFor(this.stored());
    const read = await host.read(old.id, urn, old.outputs, old.inputs);
    if (read.id === "") {
      this.resources.delete(urn);
      return { op: "delete" };
    }
    const inputs = read.inputs ?? old.inputs;
    this.resources.set(urn, { ...old, id: read.id, inputs, outputs: read.properties });
    const diff = await host.diff(read.id, urn, read.properties, old.inputs, inputs);
    const changed = diff.changes === "some" || (diff.changes === "unknown" && !isDeepStrictEqual(inputs, old.inputs));
    return { op: changed ? "update" : "same", diff };
  }

  /** `pulumi destroy` of one resource, with the config stored at the last up. */
  async destroy(urn: string): Promise<void> {
    const old = this.need(urn);
    if (old.options.protect) throw new Error(`resource "${urn}" cannot be deleted because it is protected`);
    const host = await this.hostFor(this.stored());
    if (!old.options.retainOnDelete) await host.delete(old.id, urn, old.outputs, old.inputs);
    this.resources.delete(urn);
  }

  /** `X.get(name, id)`: a Read with only the serialized provider; an empty id is the engine's "does not exist". */
  async get(urn: string, id: string, provider: string, config: ProviderConfig): Promise<PropertyMap | undefined> {
    const host = await this.hostFor(config);
    const read = await host.read(id, urn, { __provider: provider });
    return read.id === "" ? undefined : read.properties;
  }

  async stop(): Promise<void> {
    await this.host?.host.stop();
    this.host = undefined;
  }

  private async hostFor(config: ProviderConfig): Promise<ProviderHost> {
    if (this.host && isDeepStrictEqual(this.host.config, config)) return this.host.host;
    await this.host?.host.stop();
    this.host = { config, host: await this.startHost(config) };
    return this.host.host;
  }

  private stored(): ProviderConfig {
    if (!this.storedConfig) throw new Error("engine model: no `up` yet, so no provider configuration is stored");
    return this.storedConfig;
  }

  private need(urn: string): StoredResource {
    const r = this.resources.get(urn);
    if (!r) throw new Error(`engine model: ${urn} is not in the state`);
    return r;
  }
}
