/**
 * Ids we put into a URL path. Conservative on purpose: an id such as `../api-keys`, `a/b` or
 * `%2e%2e` could otherwise address a different route with the caller's key.
 */
import { PilotStatusError } from "./errors";
import { quote } from "./text";

const SAFE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export function isSafeId(id: unknown): id is string {
  return typeof id === "string" && SAFE_ID.test(id) && !id.includes("..") && id !== ".";
}

/** Validates an id and returns it encoded for one path segment. */
export function pathSegment(id: unknown, what: string): string {
  if (!isSafeId(id)) {
    const shown = typeof id === "string" ? quote(id) : typeof id;
    throw new PilotStatusError({
      kind: "invalid_argument",
      message:
        `Refusing ${what} id ${shown}: ids may contain only letters, digits, "_", ".", ":" and "-" ` +
        `(1–128 characters, no ".."), so that it cannot change the request path.`,
    });
  }
  return encodeURIComponent(id);
}
