/**
 * The API cannot change a number in place: a new name, phone number or Meta id or credential means deleting the
 * number and creating it again, and a QR number must then be paired again by someone holding the phone. So Check
 * refuses such a change unless the program opted in (`allowReplacement: true`). Check compares with the inputs in
 * state, which after `pulumi refresh` are the account's own values: a dashboard rename brought in by refresh is
 * refused the same way, instead of the next `up` deleting the number to "fix" it. Preview runs Check too, so it
 * already shows the refusal.
 */
import { quote } from "../client/text";
import type { CheckFailure } from "../engine/checkInputs";
import type { ResourceKind } from "./kinds";
import { isUnknown } from "../engine/unknown";

export const ALLOW_REPLACEMENT = "allowReplacement";

export interface GuardRules {
  /** Inputs whose change replaces the number. */
  readonly replaceOnChange: readonly string[];
  /** Inputs never echoed in a message. */
  readonly secret: readonly string[];
  /** The resource kind: a QR number (`WhatsAppNumber`) must be paired again after a replacement. */
  readonly kind: ResourceKind;
  /** Inputs the stored state cannot hold (an imported number's write-only inputs): not compared. */
  readonly skip?: readonly string[];
}

const MAX_ECHO = 80;

function show(value: unknown): string {
  if (value === undefined) return "not set";
  // A value from the state may be the account's own (after refresh), not validated: escaped and capped.
  if (typeof value === "string") return quote(value, MAX_ECHO);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

/** The replacing changes between the stored inputs and the checked new ones, as Check failures (none with consent). */
export function replacementRefusals(olds: Record<string, unknown>, news: Record<string, unknown>, rules: GuardRules): CheckFailure[] {
  if (news[ALLOW_REPLACEMENT] === true) return [];
  // A first create has no old inputs at all; a key absent on one side only (an account given to a number that had
  // none) is a change like any other.
  if (Object.keys(olds).length === 0) return [];
  const changed = rules.replaceOnChange.filter((key) => {
    // An unknown (preview) is checked again once known.
    if (isUnknown(news[key]) || isUnknown(olds[key])) return false;
    if (rules.skip?.includes(key)) return false;
    return JSON.stringify(olds[key]) !== JSON.stringify(news[key]);
  });
  if (changed.length === 0) return [];
  const what = changed
    .map((k) =>
      rules.secret.includes(k) ? `"${k}" changed` : `"${k}" is ${show(olds[k])} in the stack's state, ${show(news[k])} in the program`,
    )
    .join("; ");
  const repair = rules.kind === "WhatsAppNumber" ? " (and the phone must be paired again: new QR / pairing code)" : "";
  const keys = changed.map((k) => `"${k}"`).join(", ");
  const reason =
    `refusing to replace this number: ${what}. The Pilot Status API cannot change this in place, so applying it ` +
    `deletes the number and creates it again${repair}. If the state's value came from the dashboard (pulumi refresh), ` +
    `declare that value in the program; or add ${keys} to the resource's ignoreChanges; or, to replace the number, ` +
    `set ${ALLOW_REPLACEMENT}: true on it.`;
  return [{ property: changed[0] ?? "", reason }];
}
