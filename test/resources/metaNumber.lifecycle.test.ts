// MetaNumber through the real dynamic-provider host against the emulator.
import { describe, expect, it } from "vitest";
import { takeRequests, typeOf, useRig } from "./hostRig";

const TYPE = typeOf("MetaNumber");
const TOKEN = "EAAG-meta-token-7c1d9e-never-print";
const APP_SECRET = "app-secret-5b2f-never-print";
const rig = useRig();

const declared = {
  name: "Atendimento",
  number: "+55 11 98888-0001",
  metaPhoneId: "109876543210",
  wabaId: "1234567890",
  accessToken: TOKEN,
  appSecret: APP_SECRET,
};

describe("MetaNumber lifecycle", () => {
  it("creates with one POST, hides the credentials, and replaces only when they change", async () => {
    const urn = rig.host.urn(TYPE, "official");
    const { inputs, failures } = await rig.host.check(urn, {}, { ...declared, __provider: rig.provider.MetaNumber });
    expect(failures).toEqual([]);
    await takeRequests(rig.emu);

    const created = await rig.host.create(urn, inputs);
    expect(await takeRequests(rig.emu)).toEqual({ "POST /v1/numbers/meta": 1, "GET /v1/numbers/:id": 1 });
    expect(created.properties).toMatchObject({
      numberId: created.id,
      name: "Atendimento",
      number: "+5511988880001",
      provider: "META",
      state: "OPEN",
      isFullyConnected: true,
      metaPhoneId: "109876543210",
      wabaId: "1234567890",
      health: { qualityRating: "GREEN", sendable: true },
    });
    expect(created.properties.webhookUrl).toMatch(/^https?:\/\//);
    expect(typeof created.properties.verifyToken).toBe("string");
    expect(created.properties.meta).toMatchObject({ fetchedAt: expect.any(String) });
    // Kept for refresh, which sees only outputs; the engine stores them encrypted (secret inputs, and
    // additionalSecretOutputs: test/engine/secrets.test.ts scans the real state).
    expect(created.properties.accessToken).toBe(TOKEN);
    expect(created.properties.appSecret).toBe(APP_SECRET);
    const { accessToken: _t, appSecret: _s, ...rest } = created.properties;
    const text = JSON.stringify(rest);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(APP_SECRET);

    expect(await rig.host.diff(created.id, urn, created.properties, inputs)).toMatchObject({ changes: "none" });
    const rotated = await rig.host.diff(created.id, urn, created.properties, { ...inputs, accessToken: "EAAG-rotated" });
    expect(rotated).toMatchObject({ changes: "some", replaces: ["accessToken"], deleteBeforeReplace: true });
    const noSecret = { ...inputs };
    delete noSecret.appSecret;
    expect(await rig.host.diff(created.id, urn, created.properties, noSecret)).toMatchObject({ replaces: ["appSecret"] });
    expect(await takeRequests(rig.emu)).toEqual({});

    await rig.emu.control.setHealth(created.id, { qualityRating: "RED", sendable: false });
    const refreshed = await rig.host.read(created.id, urn, created.properties, inputs);
    expect(refreshed.properties).toMatchObject({ health: { qualityRating: "RED", sendable: false } });
    expect(refreshed.properties.verifyToken).toBe(created.properties.verifyToken);

    await rig.host.delete(created.id, urn, refreshed.properties);
    expect((await rig.emu.control.state()).tenants.default?.numbers ?? []).toEqual([]);
  });

  it("adopts an existing Meta number only when its WABA matches the declaration", async () => {
    const live = await rig.emu.control.createNumber({ name: "Legacy", number: "+5511988880009", provider: "META" });
    const waba = String(live.meta?.waba?.id);
    expect(waba).toMatch(/^\d+$/);
    const urn = rig.host.urn(TYPE, "legacy");
    const declare = async (wabaId: string) =>
      (
        await rig.host.check(
          urn,
          {},
          {
            name: "Legacy",
            number: "+5511988880009",
            metaPhoneId: "1",
            wabaId,
            accessToken: TOKEN,
            adoptExisting: true,
            __provider: rig.provider.MetaNumber,
          },
        )
      ).inputs;

    await expect(rig.host.create(urn, await declare("999"))).rejects.toThrow(
      new RegExp(`refusing to adopt \\+5511988880009 \\(${live.id}\\): WABA id is ${waba}, declared 999`),
    );
    const adopted = await rig.host.create(urn, await declare(waba));
    expect(adopted.id).toBe(live.id);
    expect(adopted.properties).toMatchObject({ wabaId: waba, webhookUrl: null, verifyToken: null, provider: "META" });
    expect((await rig.emu.control.state()).tenants.default?.numbers).toHaveLength(1);
  });

  it("names every missing Meta credential before any request", async () => {
    const urn = rig.host.urn(TYPE, "incomplete");
    const res = await rig.host.check(urn, {}, { name: "M", number: "+5511988889999", __provider: rig.provider.MetaNumber });
    expect(res.failures.map((f) => f.property).sort()).toEqual(["accessToken", "metaPhoneId", "wabaId"]);
    expect(await takeRequests(rig.emu)).toEqual({});
  });
});
