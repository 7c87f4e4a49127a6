/** Argument checking shared by the data sources: zod, before any request, errors naming the argument. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PilotStatusError } from "../client";
import { issuePath, MAX_ISSUES, unknownKeys } from "../client/zodIssues";

/** Every argument of an `...Output` variant may be an Output (of a resource, or a secret). */
export type InputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** ISO 8601 instant with a zone; seconds required so it cannot be read as a date alone. */
export function isoInstant() {
  return z.iso.datetime({
    offset: true,
    error: "must be an ISO 8601 date-time with a zone, e.g. 2026-07-03T15:00:00Z",
  });
}

/**
 * Parses `args` or throws an `invalid_argument` PilotStatusError such as
 * "getRecentCalls: `limit` must be ...". Values are never echoed: an argument may be a key.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown, dataSource: string): z.output<S> {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const keys = unknownKeys(issue);
    if (issue.code === "unrecognized_keys") {
      return `unknown argument${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${k}\``).join(", ")}`;
    }
    const name = issue.path.length > 0 ? `\`${issuePath(issue)}\` ` : "";
    return `${name}${issue.message}`;
  });
  throw new PilotStatusError({ kind: "invalid_argument", message: `${dataSource}: ${issues.join("; ")}` });
}
