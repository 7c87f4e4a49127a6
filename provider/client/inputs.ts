/** Checks on caller input, done before any request so a bad value never reaches the API. */
import type { z } from "zod";
import { PilotStatusError } from "./errors";
import { describeIssues } from "./zodIssues";
import { characters, echoIfPlain } from "./text";

function invalid(message: string): PilotStatusError {
  return new PilotStatusError({ kind: "invalid_argument", message });
}

/** Calls page size: integer 1–100 (DOC 004). */
export function checkLimit(limit: unknown, name = "limit"): number {
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    const shown =
      typeof limit === "number"
        ? String(limit).slice(0, 24)
        : typeof limit === "string"
          ? (echoIfPlain(limit, /^[\d.+-]+$/) ?? "a string")
          : typeof limit;
    throw invalid(`${name} must be an integer from 1 to 100 (got ${shown})`);
  }
  return limit;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant (with a zone) or a Date, normalised to `toISOString()` form. */
export function checkInstant(value: unknown, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(`${name} is an invalid Date`);
    return value.toISOString();
  }
  if (typeof value !== "string" || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    const shown =
      typeof value === "string" ? (echoIfPlain(value, /^[\dT:.+\-Z ]+$/i) ?? `a string of ${characters(value.length)}`) : typeof value;
    throw invalid(`${name} must be an ISO 8601 date-time with a zone, e.g. 2026-07-03T15:00:00.000Z (got ${shown})`);
  }
  return new Date(Date.parse(value)).toISOString();
}

/** Validates a request body; the message names the field but never echoes values (they may be secrets). */
export function checkBody<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error, "(body)");
  throw invalid(`Invalid ${what} request: ${issues}`);
}
