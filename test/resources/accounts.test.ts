// Several tenants through one provider host: each resource names its account; only the name is stored, and every
// operation (create, read for refresh, delete for destroy) uses that account's key from the host's configuration.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Rig, checked, startRig, typeOf } from "./hostRig";

let rig: Rig;
const numbersOf = async (tenant: "default" | "other") => (await rig.emu.control.state()).tenants[tenant]?.numbers ?? [];

beforeAll(async () => {
  rig = await startRig();
  await rig.host.configure(
    {
      "pilotstatus:apiKey": rig.emu.tenantKey,
      "pilotstatus:baseUrl": rig.emu.url,
      "pilotstatus:accounts": JSON.stringify({ beta: { apiKey: rig.emu.otherTenantKey } }),
    },
    { secretKeys: ["pilotstatus:apiKey", "pilotstatus:accounts"] },
  );
});
afterAll(async () => {
  await rig.stop();
});

describe("accounts through the host", () => {
  it("a number of account beta is created, read and deleted in beta's tenant only, with only the name in state", async () => {
    const { urn, inputs } = await checked(rig, "WhatsAppNumber", "beta-support", {
      name: "Beta support",
      number: "+5511977770001",
      account: "beta",
    });
    const created = await rig.host.create(urn, inputs);
    expect(created.properties.account).toBe("beta");
    expect(JSON.stringify(created.properties)).not.toContain(rig.emu.otherTenantKey);
    expect((await numbersOf("other")).map((n) => n.id)).toEqual([created.id]);
    expect(await numbersOf("default")).toEqual([]);

    const read = await rig.host.read(created.id, urn, created.properties, inputs);
    expect(read.id).toBe(created.id);
    // The account stays in the inputs refresh stores, so the next diff shows no change.
    expect(read.inputs?.account).toBe("beta");
    const diff = await rig.host.diff(created.id, urn, read.properties, inputs, read.inputs);
    expect(diff.changes).not.toBe("some");

    await rig.host.delete(created.id, urn, read.properties, read.inputs);
    expect(await numbersOf("other")).toEqual([]);
  });

  it("the same phone number in the default account and in beta are two numbers in two tenants", async () => {
    const a = await checked(rig, "WhatsAppNumber", "a", { name: "Same", number: "+5511977770002" });
    const b = await checked(rig, "WhatsAppNumber", "b", { name: "Same", number: "+5511977770002", account: "beta" });
    const [ca, cb] = await Promise.all([rig.host.create(a.urn, a.inputs), rig.host.create(b.urn, b.inputs)]);
    expect((await numbersOf("default")).map((n) => n.id)).toEqual([ca.id]);
    expect((await numbersOf("other")).map((n) => n.id)).toEqual([cb.id]);
  });

  it("an unknown account or an invalid name is refused at check, before any request", async () => {
    await rig.emu.control.resetRequests();
    const urn = rig.host.urn(typeOf("WhatsAppNumber"), "gamma");
    const unknown = await rig.host.check(
      urn,
      {},
      { name: "G", number: "+5511977770003", account: "gamma", __provider: rig.provider.WhatsAppNumber },
    );
    expect(unknown.failures).toHaveLength(1);
    expect(unknown.failures[0]!.property).toBe("account");
    expect(unknown.failures[0]!.reason).toMatch(
      /Unknown Pilot Status account "gamma".*pilotstatus:accounts\.gamma\.apiKey.*Accounts with a key: beta/,
    );
    const bad = await rig.host.check(
      urn,
      {},
      { name: "G", number: "+5511977770003", account: "no spaces", __provider: rig.provider.WhatsAppNumber },
    );
    expect(bad.failures[0]!.property).toBe("account");
    expect((await rig.emu.control.requests()).total).toBe(0);
  });

  it("changing a number's account is a replacement, refused without allowReplacement", async () => {
    const { urn, inputs } = await checked(rig, "WhatsAppNumber", "mover", { name: "Mover", number: "+5511977770004" });
    const created = await rig.host.create(urn, inputs);
    const moved = await rig.host.check(urn, created.properties, {
      name: "Mover",
      number: "+5511977770004",
      account: "beta",
      __provider: rig.provider.WhatsAppNumber,
    });
    expect(moved.failures.map((f) => f.property)).toEqual(["account"]);
    expect(moved.failures[0]!.reason).toMatch(/allowReplacement/);
  });
});
