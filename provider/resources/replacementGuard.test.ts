import { describe, expect, it } from "vitest";
import { replacementRefusals } from "./replacementGuard";
import { UNKNOWN } from "../engine/unknown";

const QR = { replaceOnChange: ["name", "number"], secret: [], kind: "WhatsAppNumber" } as const;
const META = { replaceOnChange: ["name", "accessToken"], secret: ["accessToken"], kind: "MetaNumber" } as const;

describe("replacementRefusals", () => {
  it("refuses a replacing change, saying what differs, what applying it does and the three ways out", () => {
    const [f] = replacementRefusals({ name: "Support (dashboard)", number: "+55" }, { name: "Support", number: "+55" }, QR);
    expect(f?.property).toBe("name");
    expect(f?.reason).toContain(`"name" is "Support (dashboard)" in the stack's state, "Support" in the program`);
    expect(f?.reason).toMatch(/deletes the number and creates it again \(and the phone must be paired again/);
    expect(f?.reason).toMatch(
      /declare that value in the program; or add "name" to the resource's ignoreChanges; or, to replace the number, set allowReplacement: true/,
    );
  });

  it("allows it with consent, on a first create, for equal values and for preview unknowns", () => {
    expect(replacementRefusals({ name: "A" }, { name: "B", allowReplacement: true }, QR)).toEqual([]);
    expect(replacementRefusals({}, { name: "B" }, QR)).toEqual([]);
    expect(replacementRefusals({ name: "A", number: "+55" }, { name: "A", number: "+55", waitUntilConnected: true }, QR)).toEqual([]);
    expect(replacementRefusals({ name: "A" }, { name: UNKNOWN }, QR)).toEqual([]);
  });

  it("never echoes a secret, and caps an echoed value", () => {
    const [f] = replacementRefusals({ accessToken: "EAAG-old-secret" }, { accessToken: "EAAG-new-secret" }, META);
    expect(f?.reason).toContain(`"accessToken" changed`);
    expect(f?.reason).not.toMatch(/EAAG-/);
    expect(f?.reason).not.toContain("paired again");
    const [long] = replacementRefusals({ name: "x".repeat(500) }, { name: "y" }, META);
    expect(long?.reason.length).toBeLessThan(800);
  });

  it("does not compare what an imported state cannot hold (skip), and still compares the rest", () => {
    const imported = { name: "Official", number: "+5511999990055", wabaId: "w1" };
    const given = { ...imported, metaPhoneId: "p1", accessToken: "EAAG-token" };
    expect(replacementRefusals(imported, given, META)).toHaveLength(1);
    expect(replacementRefusals(imported, given, { ...META, skip: ["metaPhoneId", "accessToken"] })).toEqual([]);
    const [renamed] = replacementRefusals(imported, { ...given, name: "Other" }, { ...META, skip: ["metaPhoneId", "accessToken"] });
    expect(renamed?.property).toBe("name");
  });
});
