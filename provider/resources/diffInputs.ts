/**
 * `diff` for both resources, with no request: compare the declared inputs with what state holds.
 * `__provider` is ignored, so shipping a fixed provider never replaces a number.
 */
import { isUnknown } from "./unknown";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface DiffRules {
  /** Inputs whose change replaces the number. */
  replaceOnChange: readonly string[];
  /** Inputs recorded in state but acted on only at creation: a change is an in-place update. */
  inPlace: readonly string[];
  /** How to read an input's current value out of the old outputs (e.g. a fingerprint for a secret). */
  current?: (olds: Record<string, unknown>, key: string, news: Record<string, unknown>) => unknown;
  /** Compare values as the API would (already-normalized inputs compare as strings). */
  same?: (key: string, old: unknown, next: unknown) => boolean;
}

export function diffInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: DiffRules,
): DiffOutcome {
  const read = rules.current ?? ((o: Record<string, unknown>, key: string) => o[key]);
  const same = rules.same ?? ((_k: string, a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b));
  const changed = (key: string) => {
    const next = news[key];
    return isUnknown(next) || !same(key, read(olds, key, news), next);
  };
  const replaces = rules.replaceOnChange.filter(changed);
  const updates = rules.inPlace.filter(changed);
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    // The service refuses a duplicate number: the old one must go first when the phone number stays.
    deleteBeforeReplace: replaces.length > 0 && !replaces.includes("number"),
  };
}
