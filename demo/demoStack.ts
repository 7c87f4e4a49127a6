/** What the narrative needs from a stack, whether the Pulumi CLI runs it or the program driver does. */

export interface UpResult {
  /** Stack outputs; secret ones may be the string "[secret]" (the CLI never reveals them here). */
  readonly outputs: Record<string, unknown>;
  readonly secretOutputs: readonly string[];
}

/** After `pulumi refresh --yes`: each resource's state by name, and the stack's outputs. */
export interface RefreshedState {
  readonly state: Record<string, Record<string, unknown>>;
  readonly outputs: Record<string, unknown>;
}

export interface DemoStack {
  /** One line naming how the stack is run. */
  readonly how: string;
  up(): Promise<UpResult>;
  /** Reads every number back and shows what changed outside Pulumi, without writing it into the state. */
  previewRefresh(): Promise<void>;
  /** The state as `pulumi stack export` writes it. */
  exportState(file: string): Promise<void>;
  /** Takes what the refresh found into the state (`pulumi refresh --yes`); absent where there is no state. */
  acceptRefresh?(): Promise<RefreshedState>;
  stop(): Promise<void>;
}
