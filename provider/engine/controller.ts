/**
 * What a resource's controller answers the engine: its operations and their results, in our own small types shaped
 * like `@pulumi/pulumi/dynamic`'s (structurally assignable to them), so the dynamic face (host.ts) hands them over as
 * they are and a provider-plugin face can adapt them without the controllers knowing which face called.
 */
import type { ConfigSource } from "../config";
import type { CheckFailure, CheckOutcome } from "./checkInputs";
import type { DiffOutcome } from "./diffInputs";

export type { CheckFailure };

export type Props = Record<string, unknown>;

export interface ConfigureRequest {
  /** The provider configuration (the stack config, or what the engine stored at the last `pulumi up`). */
  readonly config: ConfigSource;
}

/** Check's answer: the normalized inputs, or why they are refused. */
export type CheckResult = CheckOutcome;

export type DiffResult = DiffOutcome;

export interface CreateResult {
  id: string;
  outs: Props;
}

/** `id` "" (with empty `props`): the resource is gone. */
export interface ReadResult {
  id: string;
  props: Props;
  inputs?: Props;
}

export interface UpdateResult {
  outs: Props;
}

/** One resource kind's operations; a failure is thrown (a `PartialFailure` when the resource exists but did not finish). */
export interface ResourceController {
  configure(req: ConfigureRequest): Promise<void>;
  check(olds: Props, news: Props): Promise<CheckResult>;
  diff(id: string, olds: Props, news: Props): Promise<DiffResult>;
  create(inputs: Props): Promise<CreateResult>;
  read(id: string, props: Props): Promise<ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<UpdateResult>;
  delete(id: string, props: Props): Promise<void>;
}
