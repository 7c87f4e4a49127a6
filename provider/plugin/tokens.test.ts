import { describe, expect, it } from "vitest";
import { FUNCTION_NAMES } from "../dataSources/functions";
import { RESOURCE_KIND_NAMES } from "../resources/kinds";
import { PLUGIN_PACKAGE, functionOfToken, kindOfUrn } from "./tokens";

describe("kindOfUrn()", () => {
  it("reads the kind of a resource's URN", () => {
    expect(kindOfUrn("urn:pulumi:dev::proj::pilotstatus:index:WhatsAppNumber::support")).toBe("WhatsAppNumber");
    expect(kindOfUrn("urn:pulumi:dev::proj::pilotstatus:index:MetaNumber::sales")).toBe("MetaNumber");
  });

  it("takes the last type when the URN has a parent type", () => {
    expect(kindOfUrn("urn:pulumi:dev::proj::a:b:C$pilotstatus:index:MetaNumber::x")).toBe("MetaNumber");
    expect(kindOfUrn("urn:pulumi:dev::proj::a:b:C$d:e:F$pilotstatus:index:WhatsAppNumber::x")).toBe("WhatsAppNumber");
  });

  it("keeps a name with `::` in it out of the type", () => {
    expect(kindOfUrn("urn:pulumi:dev::proj::pilotstatus:index:WhatsAppNumber::odd::name")).toBe("WhatsAppNumber");
  });

  it("refuses an unknown type, naming the type and the types it has", () => {
    const run = () => kindOfUrn("urn:pulumi:dev::proj::pilotstatus:index:Nope::x");
    expect(run).toThrow(`${PLUGIN_PACKAGE} has no resource type "pilotstatus:index:Nope"`);
    expect(run).toThrow("pilotstatus:index:WhatsAppNumber, pilotstatus:index:MetaNumber");
    for (const kind of RESOURCE_KIND_NAMES) expect(run).toThrow(`pilotstatus:index:${kind}`);
  });

  it("refuses a parent type alone and another package's type of the same name", () => {
    expect(() => kindOfUrn("urn:pulumi:dev::proj::pilotstatus:index:MetaNumber$a:b:C::x")).toThrow('no resource type "a:b:C"');
    expect(() => kindOfUrn("urn:pulumi:dev::proj::other:index:WhatsAppNumber::x")).toThrow('no resource type "other:index:WhatsAppNumber"');
  });

  it("refuses a malformed URN", () => {
    expect(() => kindOfUrn("not-a-urn")).toThrow('no resource type ""');
  });
});

describe("functionOfToken()", () => {
  it("reads each function's token", () => {
    expect(functionOfToken("pilotstatus:index:getNumbers")).toBe("getNumbers");
    for (const name of FUNCTION_NAMES) expect(functionOfToken(`pilotstatus:index:${name}`)).toBe(name);
  });

  it("refuses an unknown token, naming the token and the functions it has", () => {
    const run = () => functionOfToken("pilotstatus:index:getNope");
    expect(run).toThrow(`${PLUGIN_PACKAGE} has no function "pilotstatus:index:getNope"; it has `);
    for (const name of FUNCTION_NAMES) expect(run).toThrow(`pilotstatus:index:${name}`);
    expect(() => functionOfToken("getNumbers")).toThrow('no function "getNumbers"');
  });
});
