/** zod issues as one line: "path: message; …" (at most five; values are never echoed, they may be secrets). */
import type { z } from "zod";

export function describeIssues(error: z.ZodError, rootLabel: string): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : rootLabel}: ${i.message}`)
    .join("; ");
}
