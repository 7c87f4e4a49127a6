import { describe, expect, it } from "vitest";
import { checkInputs } from "./checkInputs";
import { MetaNumberInputs } from "../resources/metaNumber.schema";
import { UNKNOWN } from "./unknown";
import { WhatsAppNumberInputs } from "../resources/whatsAppNumber.schema";

const check = (news: Record<string, unknown>) => checkInputs(WhatsAppNumberInputs, news, "WhatsAppNumber");

describe("checkInputs", () => {
  it("normalizes the number and fills defaults, keeping __provider out of validation", () => {
    const out = check({ name: " Support ", number: "+55 11 99999-9999", __provider: "exports.handler = 1" });
    expect(out.failures).toEqual([]);
    expect(out.inputs).toEqual({
      name: "Support",
      number: "+5511999999999",
      pairingMethod: "code",
      sendPairingLinkViaWhatsApp: false,
      waitUntilConnected: false,
      waitTimeoutSeconds: 600,
      allowReplacement: false,
      adoptExisting: false,
    });
  });

  it("names each failing property and says what is wrong", () => {
    const out = check({ name: "", number: "12", waitTimeoutSeconds: "soon", nmae: "x" });
    const byProperty = Object.fromEntries(out.failures.map((f) => [f.property, f.reason]));
    expect(byProperty.name).toMatch(/"name" must not be empty/);
    expect(byProperty.number).toMatch(/E\.164/);
    expect(byProperty.waitTimeoutSeconds).toMatch(/"waitTimeoutSeconds" expected number, received string/);
    expect(byProperty.nmae).toMatch(/WhatsAppNumber has no property "nmae"/);
  });

  it("reports a missing required property as required", () => {
    const out = check({ number: "+5511999999999" });
    expect(out.failures).toEqual([{ property: "name", reason: '"name" is required' }]);
  });

  it("lets preview unknowns through without reporting them", () => {
    const out = check({ name: UNKNOWN, number: "+5511999999999" });
    expect(out.failures).toEqual([]);
    expect(out.inputs.name).toBe(UNKNOWN);
    expect(out.inputs.number).toBe("+5511999999999");
  });

  it("validates Meta inputs with the Meta schema", () => {
    const out = checkInputs(MetaNumberInputs, { name: "M", number: "+5511999999999", metaPhoneId: "1" }, "MetaNumber");
    expect(out.failures.map((f) => f.property).sort()).toEqual(["accessToken", "wabaId"]);
  });
});
