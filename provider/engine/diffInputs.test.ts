import { describe, expect, it } from "vitest";
import { diffInputs } from "./diffInputs";
import { UNKNOWN } from "./unknown";

const rules = { replaceOnChange: ["name", "number"], inPlace: ["waitUntilConnected"] };
const olds = { name: "A", number: "+5511999999999", waitUntilConnected: false, __provider: "old code", state: "OPEN" };

describe("diffInputs", () => {
  it("sees no change when only the provider code or outputs differ", () => {
    const news = { name: "A", number: "+5511999999999", waitUntilConnected: false, __provider: "new code" };
    expect(diffInputs(olds, news, rules)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  });

  it("replaces on a rename, deleting first because the phone number stays", () => {
    const news = { ...olds, name: "B" };
    expect(diffInputs(olds, news, rules)).toEqual({ changes: true, replaces: ["name"], diffs: ["name"], deleteBeforeReplace: true });
  });

  it("creates first when the phone number changes", () => {
    const news = { ...olds, number: "+5511888888888" };
    expect(diffInputs(olds, news, rules).deleteBeforeReplace).toBe(false);
  });

  it("updates in place for creation-only settings", () => {
    expect(diffInputs(olds, { ...olds, waitUntilConnected: true }, rules)).toEqual({
      changes: true,
      replaces: [],
      diffs: ["waitUntilConnected"],
      deleteBeforeReplace: false,
    });
  });

  it("treats an unknown as a possible change", () => {
    expect(diffInputs(olds, { ...olds, name: UNKNOWN }, rules).replaces).toEqual(["name"]);
  });
});

describe("WhatsAppNumber diff rules", () => {
  it("does not replace a number for linkToApiKey, which acts only at creation", async () => {
    const { WhatsAppNumberInputs } = await import("../resources/whatsAppNumber.schema");
    const { propertiesWhere } = await import("./propertyMeta");
    const replaceOnChange = propertiesWhere(WhatsAppNumberInputs.shape, (m) => m.replaceOnChange);
    expect(replaceOnChange.sort()).toEqual(["account", "name", "number"]);
    const inPlace = Object.keys(WhatsAppNumberInputs.shape).filter((k) => !replaceOnChange.includes(k));
    const stored = { name: "A", number: "+5511999999999" };
    expect(diffInputs(stored, { ...stored, linkToApiKey: true }, { replaceOnChange, inPlace })).toEqual({
      changes: true,
      replaces: [],
      diffs: ["linkToApiKey"],
      deleteBeforeReplace: false,
    });
  });
});
