/**
 * `diff` for both resources, with no request: compare the declared inputs with what state holds.
 * `__provider` is ignored, so shipping a fixed provider never replaces a number.
 */
import { isUnknown } from "./unknown";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  /** Every input that changed, replacing or not (the plugin's detailed diff; the dynamic face ignores it). */
  diffs: string[];
  deleteBeforeReplace: boolean;
}

export interface DiffRules {
  /** Inputs whose change replaces the number. */
  replaceOnChange: readonly string[];
  /** Inputs recorded in state but acted on only at creation: a change is an in-place update. */
  inPlace: readonly string[];
  /** Verdicts for inputs that old outputs cannot show (secrets, compared by fingerprint). */
  decided?: Readonly<Record<string, boolean>>;
}

export function diffInputs(olds: Record<string, unknown>, news: Record<string, unknown>, rules: DiffRules): DiffOutcome {
  const changed = (key: string) => {
    const next = news[key];
    if (isUnknown(next)) return true;
    const verdict = rules.decided?.[key];
    // Inputs are normalized by check, so equal values serialize equally.
    return verdict ?? JSON.stringify(olds[key]) !== JSON.stringify(next);
  };
  const replaces = rules.replaceOnChange.filter(changed);
  const updates = rules.inPlace.filter(changed);
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    diffs: [...replaces, ...updates],
    // The service refuses a duplicate number: the old one must go first when the phone number stays.
    deleteBeforeReplace: replaces.length > 0 && !replaces.includes("number"),
  };
}
