/**
 * Phone numbers in E.164 with a leading "+". The API writes them two ways (list: digits only, detail:
 * "+55…"), so both inputs and API responses go through `normalizePhoneNumber`: a user who writes
 * "+55 11 99999-9999" and an API that answers "5511999999999" must never show a diff.
 *
 * That form is syntactic only (digits, no leading zero, 8–15 of them), so an API value is never judged: a number the
 * service holds stays as it wrote it. User input (`phoneNumberInput`) is also checked against each country's
 * numbering plan with libphonenumber-js ("min" metadata: lengths and number ranges per country), so a number no
 * country issues, such as +1 000 000 0000, is refused before any request.
 */
import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  Metadata,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/min";
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
    const refuse = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    // Echo only what is short and phone-like: anything else may be a secret pasted into the wrong property.
    const shown = echoIfPlain(raw, /^[+\d\s().-]*$/);
    const subject = shown ?? "the number";
    const hidden = shown !== undefined ? "" : ` (its value, ${characters(raw.length)}, is not shown)`;
    const normalized = normalizePhoneNumber(raw);
    if (normalized === undefined) {
      return refuse(
        `${shown !== undefined ? `${shown} is not` : "is not"} an E.164 phone number${hidden}: write it as +<country code><number>, ${minDigits}–15 digits, e.g. +5511999999999`,
      );
    }
    const problem = phoneNumberProblem(normalized);
    if (problem !== undefined) return refuse(`${subject}${hidden} ${problem}`);
    const digits = normalized.length - 1;
    if (digits < minDigits) {
      return refuse(
        `${subject}${hidden} has ${digits} digits: the API takes ${minDigits}–15 digits (country code included) for this kind of number; write it in full as +<country code><number>`,
      );
    }
    return normalized;
  });
}

/**
 * What libphonenumber finds wrong with `e164` ("+<digits>"), as the rest of a sentence whose subject is the number
 * ("is too short for Brazil (+55): …"), or undefined when it is a valid number written in international form.
 */
export function phoneNumberProblem(e164: string): string | undefined {
  const length = validatePhoneNumberLength(e164);
  if (length === "INVALID_COUNTRY" || length === "NOT_A_NUMBER") {
    return `does not start with a country calling code: write it as +<country code><number>, e.g. +5511999999999`;
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return `is not a phone number: write it as +<country code><number>, e.g. +5511999999999`;
  const code = parsed.countryCallingCode;
  // A number of a shared code (+1) that fits no country's ranges has no country: the code's main country's plan speaks.
  const country = parsed.country ?? parsed.getPossibleCountries()[0] ?? mainCountry(code);
  const where = `${regionName(code, country)} (+${code})`;
  const national = e164.length - 1 - code.length;
  const rule = lengthRule(code, country);
  if (length === "TOO_SHORT" || length === "TOO_LONG" || length === "INVALID_LENGTH") {
    const what = length === "TOO_SHORT" ? "too short" : length === "TOO_LONG" ? "too long" : "not a possible length";
    return `is ${what} for ${where}: ${rule ?? "numbers there have a different length"}, this one has ${national}; check for a missing or extra digit`;
  }
  if (parsed.number !== e164 && parsed.isValid()) {
    // libphonenumber dropped a national (trunk) prefix, e.g. the 0 in "+44 07911 123456": not written after the code.
    return `is not written in international form for ${where}: write ${parsed.number} (no trunk prefix such as 0 after +${code})`;
  }
  if (!parsed.isValid()) {
    const hint = RANGE_HINTS[code] ?? "check the area code and the digits after it";
    return `is not a valid phone number for ${where}: ${rule !== undefined ? `${rule}, and ` : ""}no number there begins this way (${hint}); write a number in use there as +<country code><number>`;
  }
  return undefined;
}

/** What the numbering plan says about how many digits follow the country code, e.g. "numbers there have 10 digits after +1". */
function lengthRule(code: string, country: CountryCode | undefined): string | undefined {
  if (country === undefined) return undefined;
  const metadata = new Metadata();
  metadata.selectNumberingPlan(country);
  const lengths = metadata.numberingPlan?.possibleLengths() ?? [];
  if (lengths.length === 0) return undefined;
  return `numbers there have ${listLengths(lengths)} digits after +${code}`;
}

/** [10] → "10"; [8, 9, 10, 11] → "8–11"; [9, 11] → "9 or 11"; [5, 6, 8] → "5, 6 or 8". */
function listLengths(lengths: readonly number[]): string {
  const sorted = [...new Set(lengths)].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (sorted.length > 2 && last - first === sorted.length - 1) return `${first}–${last}`;
  if (sorted.length === 1) return String(first);
  return `${sorted.slice(0, -1).join(", ")} or ${last}`;
}

/** Calling codes shared by several countries, named as users know them; others are named after their country. */
const SHARED_CODES: Record<string, string> = { "1": "the United States/Canada" };
/** The country whose plan a shared calling code follows (libphonenumber lists countries alphabetically). */
const MAIN_COUNTRY: Record<string, CountryCode> = {
  "1": "US",
  "7": "RU",
  "44": "GB",
  "47": "NO",
  "61": "AU",
  "262": "RE",
  "590": "GP",
  "599": "CW",
};

function mainCountry(code: string): CountryCode | undefined {
  return MAIN_COUNTRY[code] ?? getCountries().find((c) => getCountryCallingCode(c) === code);
}

/** What makes a number invalid where the plan has a well-known rule. */
const RANGE_HINTS: Record<string, string> = { "1": "in NANP the area code and the exchange each start with 2–9" };
/** Country names read with "the" ("for the United Kingdom"). */
const WITH_THE = new Set([
  "AE",
  "BS",
  "CD",
  "CF",
  "CG",
  "CZ",
  "DO",
  "FO",
  "GB",
  "GM",
  "KM",
  "KY",
  "MH",
  "MV",
  "NL",
  "PH",
  "SB",
  "TC",
  "US",
  "VA",
  "VG",
  "VI",
]);
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

function regionName(code: string, country: CountryCode | undefined): string {
  const shared = SHARED_CODES[code];
  if (shared !== undefined) return shared;
  if (country === undefined) return "the international numbering plan";
  const name = REGION_NAMES.of(country) ?? country;
  return WITH_THE.has(country) ? `the ${name}` : name;
}
