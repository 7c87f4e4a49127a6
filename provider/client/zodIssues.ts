/**
 * zod issues in words, in one place: the HTTP client, the provider's config, data-source arguments, resource
 * inputs, the drift audit's stack exports and the emulator all describe failures with these pieces.
 *
 * Why one owner: the rule is that values are never echoed, they may be secrets (an API key, a message body).
 * Only paths, key names and zod's own messages are shown. Each site still chooses its sentence around them.
 */
import type { z } from "zod";

/** The most issues one message lists. */
export const MAX_ISSUES = 5;

/** Where an issue is, as "a.b.0"; "" at the root. `path` overrides the issue's own (e.g. a prefix added by the caller). */
export function issuePath(issue: z.core.$ZodIssue, path: readonly PropertyKey[] = issue.path): string {
  return path.map(String).join(".");
}

/** The keys an unrecognized_keys issue names; [] for any other issue. */
export function unknownKeys(issue: z.core.$ZodIssue): readonly string[] {
  return issue.code === "unrecognized_keys" ? issue.keys : [];
}

/** zod's message without its "Invalid input: " prefix, for sites that put the path first ("x" expected string, …). */
export function issueReason(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, "");
}

/** The issues as one line: "path: message; …", at most MAX_ISSUES, `rootLabel` for an issue at the root. */
export function describeIssues(error: z.ZodError, rootLabel: string): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${i.path.length ? issuePath(i) : rootLabel}: ${i.message}`)
    .join("; ");
}
