import { describe, expect, it } from "vitest";
import { normalizePhoneNumber, phoneDigits, phoneNumberInput, toE164 } from "./phoneNumber";

/** The issue of `phoneNumberInput(minDigits)` for `raw`, or undefined when it is accepted. */
function refusal(raw: string, minDigits = 10): string | undefined {
  const out = phoneNumberInput(minDigits).safeParse(raw);
  return out.success ? undefined : (out.error.issues[0]?.message ?? "");
}

describe("normalizePhoneNumber", () => {
  it("gives the list's digits and the detail's +digits the same form", () => {
    expect(normalizePhoneNumber("5511999999999")).toBe("+5511999999999");
    expect(normalizePhoneNumber("+5511999999999")).toBe("+5511999999999");
    expect(normalizePhoneNumber(" +55 (11) 99999-9999 ")).toBe("+5511999999999");
  });

  it("refuses what is not a phone number", () => {
    for (const bad of ["", "+", "abc", "+0511999999999", "+55119999999999999", "55-11-9999x9999"]) {
      expect(normalizePhoneNumber(bad), bad).toBeUndefined();
    }
  });

  it("round-trips to the API's digit form", () => {
    expect(phoneDigits(normalizePhoneNumber("+55 11 99999 9999")!)).toBe("5511999999999");
  });
});

describe("API values", () => {
  // The rule before libphonenumber: what the API answers must keep its form, or every refresh would show a diff.
  const oldRule = (raw: string) => {
    const digits = raw
      .trim()
      .replace(/[\s().-]/g, "")
      .replace(/^\+/, "");
    return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
  };
  // Valid ones, and ones libphonenumber refuses (area code 000, an unassigned calling code, a trunk 0, too long for
  // the country): the API's own data is normalised, never judged.
  const answers = [
    "5511999999999",
    "+5511999999999",
    "10000000000",
    "+10000000000",
    "55119999999",
    "99912345678",
    "4407911123456",
    "551199999",
    "5511999999999999",
    "376312345",
  ];

  it("normalise exactly as before, valid or not", () => {
    for (const raw of answers) {
      expect(normalizePhoneNumber(raw), raw).toBe(oldRule(raw));
      expect(toE164(raw), raw).toBe(oldRule(raw) ?? raw);
    }
  });

  it("that are no phone number at all are kept as the API wrote them", () => {
    for (const raw of ["", "abc", "0"]) expect(toE164(raw)).toBe(raw);
  });
});

describe("phoneNumberInput", () => {
  it("accepts a Brazilian mobile, with or without +, ignoring spaces, dashes and brackets", () => {
    for (const raw of ["+5511999999999", "5511999999999", " +55 (11) 99999-9999 ", "+55.11.98888.0001"]) {
      expect(phoneNumberInput(10).parse(raw), raw).toBe(raw.includes("8888") ? "+5511988880001" : "+5511999999999");
    }
    expect(phoneNumberInput(8).parse("+55 21 99000-0001")).toBe("+5521990000001");
  });

  it("refuses +1 000 000 0000, naming the country and its rule", () => {
    const message = refusal("+1 000 000 0000");
    expect(message).toMatch(/^"\+1 000 000 0000" is not a valid phone number for the United States\/Canada \(\+1\): /);
    expect(message).toContain("numbers there have 10 digits after +1");
    expect(message).toContain("the area code and the exchange each start with 2–9");
    expect(refusal("+1 (201) 555-0123")).toBeUndefined();
  });

  it("refuses a number whose length the country never uses, saying which lengths it does", () => {
    expect(refusal("+551199999")).toBe(
      '"+551199999" is too short for Brazil (+55): numbers there have 8–11 digits after +55, this one has 7; check for a missing or extra digit',
    );
    expect(refusal("+55 11 99999-99999")).toMatch(
      /^"\+55 11 99999-99999" is too long for Brazil \(\+55\): numbers there have 8–11 digits after \+55, this one has 12;/,
    );
    // 9 digits after +55, a length Brazil uses, but no Brazilian number begins this way: two digits are missing.
    expect(refusal("+55 11 999-9999")).toMatch(
      /^"\+55 11 999-9999" is not a valid phone number for Brazil \(\+55\): numbers there have 8–11 digits after \+55, and /,
    );
  });

  it("refuses a calling code no country has, and a trunk prefix after the code", () => {
    expect(refusal("+999 1234 5678")).toMatch(/does not start with a country calling code: write it as \+<country code><number>/);
    expect(refusal("+44 07400 123456")).toContain("write +447400123456 (no trunk prefix such as 0 after +44)");
  });

  it("keeps the API's minimum per endpoint on top (QR 10 digits, Meta 8)", () => {
    // Andorra: 6 digits after +376, a valid number of 9 digits in all.
    expect(refusal("+376 312 345", 10)).toBe(
      '"+376 312 345" has 9 digits: the API takes 10–15 digits (country code included) for this kind of number; write it in full as +<country code><number>',
    );
    expect(phoneNumberInput(8).parse("+376 312 345")).toBe("+376312345");
    expect(refusal("+551199", 8)).toMatch(/E\.164.*8–15 digits/);
    expect(refusal("+551199", 10)).toMatch(/E\.164.*10–15 digits/);
  });
});

describe("what a phone number error shows", () => {
  it("never a value that is not phone-like or is long (a secret pasted there)", () => {
    for (const bad of ["EAAGm0PX4ZCpsBAKZC0123456789", "ps_live_0123456789abcdef", "+55 11 ".repeat(10), "+55\u202e11"]) {
      const message = refusal(bad) ?? "";
      expect(message, bad).toMatch(/E\.164/);
      expect(message, bad).not.toContain(bad);
      expect(message.length, bad).toBeLessThan(200);
    }
  });
  it("nor a long phone-like value that libphonenumber refuses", () => {
    const padded = `+1 ${"0".repeat(10).split("").join("    ")}`; // 10 digits, but longer than any echo
    const message = refusal(padded) ?? "";
    expect(message).toMatch(
      /^the number \(its value, \d+ characters, is not shown\) is not a valid phone number for the United States\/Canada/,
    );
    expect(message).not.toContain("0 0");
  });
  it("a short phone-like value is shown, to help", () => {
    expect(refusal("+55 11 99")).toContain('"+55 11 99"');
  });
});
