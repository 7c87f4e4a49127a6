/** The error a create or update throws when the resource exists but did not finish: the engine keeps it in state. */
/**
 * Thrown from create/update when the number exists but did not finish (e.g. not paired in time).
 * The host turns `id` + `properties` into ErrorResourceInitFailed, so the number stays in state and
 * the next `pulumi up` resumes instead of creating a second one.
 */
export class PartialFailure extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, reason: string) {
    super(reason);
    this.name = "PartialFailure";
    this.id = id;
    this.properties = properties;
    this.reasons = [reason];
  }
}
