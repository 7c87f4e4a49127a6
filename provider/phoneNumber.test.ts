import { describe, expect, it } from "vitest";
import { normalizePhoneNumber, phoneDigits, phoneNumberInput } from "./phoneNumber";

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

describe("phoneNumberInput", () => {
  it("enforces the per-endpoint minimum and says how to write the number", () => {
    expect(phoneNumberInput(10).parse("+55119999999")).toBe("+55119999999");
    const short = phoneNumberInput(10).safeParse("+551199999");
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toMatch(/E\.164.*10–15 digits/);
    expect(phoneNumberInput(8).safeParse("+551199999").success).toBe(true);
  });
});

describe("what a phone number error shows", () => {
  it("never a value that is not phone-like or is long (a secret pasted there)", () => {
    for (const bad of ["EAAGm0PX4ZCpsBAKZC0123456789", "ps_live_0123456789abcdef", "+55 11 ".repeat(10), "+55\u202e11"]) {
      const message = phoneNumberInput(10).safeParse(bad).error?.issues[0]?.message ?? "";
      expect(message, bad).toMatch(/E\.164/);
      expect(message, bad).not.toContain(bad);
      expect(message.length, bad).toBeLessThan(200);
    }
  });
  it("a short phone-like value is shown, to help", () => {
    expect(phoneNumberInput(10).safeParse("+55 11 99").error?.issues[0]?.message).toContain('"+55 11 99"');
  });
});
