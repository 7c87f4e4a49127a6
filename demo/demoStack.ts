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

/** A change the provider's Check refused (a Check failure), as `pulumi preview` reports it. */
export interface Refusal {
  /** The resource's name, e.g. "support". */
  readonly resource: string;
  /** The input it names, e.g. "name". */
  readonly property: string;
  /** The provider's reason, as it wrote it. */
  readonly reason: string;
}

/** What the program would do with the refreshed state: the provider's refusals, else the resources it would change. */
export interface ProgramPlan {
  readonly refusals: readonly Refusal[];
  /** Resources the plan would update or replace (names), when nothing is refused. */
  readonly changes: readonly string[];
  /** The CLI's exit code, where a CLI ran. */
  readonly exitCode?: number | null;
}

/** After the program declares new values (config) and runs again. */
export interface SettledResult {
  /** Resources it changed, or would change (names); none when the declaration matches the account. */
  readonly changes: readonly string[];
  /** The stack's outputs after the run; absent where no program run is recorded (the driver's preview). */
  readonly outputs?: Record<string, unknown>;
}

export interface DemoStack {
  /** One line naming how the stack is run. */
  readonly how: string;
  up(): Promise<UpResult>;
  /**
   * Reads every number back and shows what changed outside Pulumi, without running the program or writing the
   * state (`pulumi refresh --preview-only --diff`).
   */
  previewRefresh(): Promise<void>;
  /** What the program would do once refreshed (`pulumi preview --refresh`): the provider may refuse it. */
  previewProgram(): Promise<ProgramPlan>;
  /** The state as `pulumi stack export` writes it. */
  exportState(file: string): Promise<void>;
  /** Takes what the refresh found into the state (`pulumi refresh --yes`); absent where there is no state. */
  acceptRefresh?(): Promise<RefreshedState>;
  /**
   * Sets plain stack config the program reads (standing for an edit of the program), then runs the program on the
   * refreshed state: `pulumi up` with the CLI, Check and Diff of a preview run with the driver.
   */
  declare(config: Record<string, string>): Promise<SettledResult>;
  stop(): Promise<void>;
}
