/**
 * zod types for free text the provider sends to the API and prints: a number's display name and the pairing
 * redirect URL. Refused with what is wrong and where, never echoing the characters that are the problem.
 */
import { z } from "zod";
import { isHttpsOrLoopback } from "../client/baseUrl";
import { findCharacter, isInvisible, onlyInvisible, unsafeCharacter } from "../client/text";

const MAX_NAME = 100;

export const NAME_DESCRIPTION =
  "Display name of the number (at most 100 characters; no control, line-break or bidirectional-control characters, " +
  "and not only invisible ones).";
const MAX_URL = 2048;

/**
 * A display name: no control characters (C0/C1, incl. tab, newline, NUL), line separators, bidi
 * embeddings/overrides/isolates, lone surrogates or noncharacters; trimmed; not empty and not made only of
 * invisible characters (zero-width spaces and joiners, word joiner, BOM, fillers...); at most 100 characters.
 */
export function displayName() {
  return z
    .string()
    .superRefine((raw, ctx) => {
      const unsafe = unsafeCharacter(raw);
      if (unsafe !== undefined) ctx.addIssue({ code: "custom", message: `contains ${unsafe}`, continue: false });
    })
    .trim()
    .min(1, "must not be empty")
    .max(MAX_NAME, `must be at most ${MAX_NAME} characters`)
    .superRefine((name, ctx) => {
      const invisible = onlyInvisible(name);
      if (invisible !== undefined) {
        ctx.addIssue({ code: "custom", message: `is made only of invisible characters (${invisible}): give it a visible name` });
      }
    });
}

/** A URL the phone's owner is sent to: absolute, https (http only to a loopback host, the baseUrl rule), printable. */
export function redirectUrl() {
  return z.string().superRefine((raw, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message, continue: false });
    if (raw.length > MAX_URL) return fail(`must be at most ${MAX_URL} characters`);
    // The URL parser would silently drop some of these (tab, newline): refuse them instead of sending another URL.
    const unsafe = unsafeCharacter(raw);
    if (unsafe !== undefined) return fail(`contains ${unsafe}`);
    const hidden = findCharacter(raw, (ch) =>
      isInvisible(ch) ? "invisible character" : /^\s$/u.test(ch) ? "whitespace character" : undefined,
    );
    if (hidden !== undefined) return fail(`contains ${hidden}`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail("is not an absolute URL: write it as https://host/path");
    }
    if (!isHttpsOrLoopback(url)) {
      return fail("must use https:// (http:// only to a loopback host such as 127.0.0.1, localhost or ::1)");
    }
    return undefined;
  });
}
