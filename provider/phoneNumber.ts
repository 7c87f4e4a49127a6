/**
 * Phone numbers in E.164 with a leading "+". The API writes them two ways (list: digits only, detail:
 * "+55…"), so both inputs and API responses go through `normalizePhoneNumber`: a user who writes
 * "+55 11 99999-9999" and an API that answers "5511999999999" must never show a diff.
 */
import { z } from "zod";
import { characters, echoIfPlain } from "./client/text";

const SEPARATORS = /[\s().-]/g;

/** "+5511999999999", or undefined when the text is not a phone number. */
export function normalizePhoneNumber(raw: string): string | undefined {
  const compact = raw.trim().replace(SEPARATORS, "");
  const digits = compact.startsWith("+") ? compact.slice(1) : compact;
  // E.164: up to 15 digits, no leading zero; 10 is the API's published minimum for QR numbers.
  if (!/^[1-9]\d{7,14}$/.test(digits)) return undefined;
  return `+${digits}`;
}

/** E.164 for an API value; one that is no phone number at all is kept as the API wrote it. */
export function toE164(raw: string): string {
  return normalizePhoneNumber(raw) ?? raw;
}

/** Digits without "+", as the list endpoint returns them. */
export function phoneDigits(e164: string): string {
  return e164.replace(/^\+/, "");
}

/** zod type for user input: validates and normalizes; `minDigits` per endpoint (QR 10, Meta 8). */
export function phoneNumberInput(minDigits: number) {
  return z.string().transform((raw, ctx) => {
    const normalized = normalizePhoneNumber(raw);
    if (normalized === undefined || normalized.length - 1 < minDigits) {
      // Echo only what is short and phone-like: anything else may be a secret pasted into the wrong property.
      const shown = echoIfPlain(raw, /^[+\d\s().-]*$/);
      const what = shown !== undefined ? `${shown} is not` : `is not`;
      const hidden = shown !== undefined ? "" : ` (its value, ${characters(raw.length)}, is not shown)`;
      ctx.addIssue({
        code: "custom",
        message: `${what} an E.164 phone number${hidden}: write it as +<country code><number>, ${minDigits}–15 digits, e.g. +5511999999999`,
      });
      return z.NEVER;
    }
    return normalized;
  });
}
