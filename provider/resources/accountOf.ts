/** The account a resource's stored properties name (accounts.ts), and check's refusal of one that cannot be used. */
import type { CheckFailure } from "../engine/controller";
import { accountProblem } from "./hostClient";
import { isUnknown } from "../engine/unknown";

/** The `account` of stored inputs or outputs; undefined = the default settings. */
export function accountOf(props: Record<string, unknown>): string | undefined {
  return typeof props.account === "string" ? props.account : undefined;
}

/** A failure on `account` when this host's configuration has no key for it (before any request), else undefined. */
export function accountRefusal(inputs: Record<string, unknown>): CheckFailure | undefined {
  if (isUnknown(inputs.account)) return undefined;
  const problem = accountProblem(accountOf(inputs));
  return problem === undefined ? undefined : { property: "account", reason: problem };
}
