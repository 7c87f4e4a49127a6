// After whole lifecycles, no credential may appear in a serialized provider, an output, an error or a log line.
import { describe, expect, it } from "vitest";
import { providerHost, repoRoot } from "../support/compiled";
import { typeOf, useRig } from "./hostRig";

const META_TOKEN = "EAAG-secret-meta-token-41f0";
const APP_SECRET = "meta-app-secret-93be";
const rig = useRig({ reset: false });
const seen: string[] = [];

async function attempt<T>(op: Promise<T>): Promise<T | undefined> {
  try {
    return await op;
  } catch (e) {
    seen.push(String(e), (e as Error).stack ?? "", JSON.stringify(e));
    return undefined;
  }
}

// MetaNumber keeps its token and app secret as secret outputs (the engine encrypts them in state; refresh needs
// them back as inputs): those two properties are the only place they may be, so they are blanked before the scan.
const SECRET_SLOTS = new Set(["accessToken", "appSecret"]);
const scan = (value: unknown) => JSON.stringify(value, (k, v: unknown) => (SECRET_SLOTS.has(k) ? "[secret output]" : v));

describe("secrets", () => {
  it("never leak through the provider host", async () => {
    const apiKey = rig.emu.tenantKey;
    seen.push(rig.provider.WhatsAppNumber, rig.provider.MetaNumber);
    expect(rig.provider.WhatsAppNumber.length).toBeLessThan(4096);
    expect(rig.provider.MetaNumber.length).toBeLessThan(4096);

    for (const [kind, news] of [
      ["WhatsAppNumber", { name: "S", number: "+5511977770001" }],
      [
        "MetaNumber",
        { name: "M", number: "+5511977770002", metaPhoneId: "1", wabaId: "2", accessToken: META_TOKEN, appSecret: APP_SECRET },
      ],
    ] as const) {
      const urn = rig.host.urn(typeOf(kind), "n");
      const { inputs } = await rig.host.check(urn, {}, { ...news, __provider: rig.provider[kind] });
      const created = await rig.host.create(urn, inputs);
      seen.push(scan(created));
      seen.push(scan(await rig.host.diff(created.id, urn, created.properties, inputs)));
      const read = await rig.host.read(created.id, urn, created.properties, inputs);
      seen.push(scan(read));
      seen.push(scan(await rig.host.update(created.id, urn, read.properties, inputs)));
      // Errors: a duplicate create, then an update of a number deleted behind Pulumi's back.
      await attempt(rig.host.create(urn, inputs));
      await rig.host.delete(created.id, urn, read.properties);
      await attempt(rig.host.update(created.id, urn, read.properties, inputs));
    }
    expect(seen.filter((s) => s.includes("already exists")).length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.includes("no longer exists")).length).toBeGreaterThan(0);

    const everything = [...seen, rig.host.logText()].join("\n");
    for (const secret of [apiKey, META_TOKEN, APP_SECRET]) expect(everything).not.toContain(secret);
  });

  it("a wrong key fails with the places the key is read from, not the key", async () => {
    const wrongKey = "ps_wrong_key_do_not_print_6a1";
    const host = await providerHost.startProviderHost({ cwd: repoRoot, project: "numbers" });
    try {
      await host.configure({ "pilotstatus:apiKey": wrongKey, "pilotstatus:baseUrl": rig.emu.url }, { secretKeys: ["pilotstatus:apiKey"] });
      const urn = host.urn(typeOf("WhatsAppNumber"), "w");
      const { inputs } = await host.check(urn, {}, { name: "W", number: "+5511977770003", __provider: rig.provider.WhatsAppNumber });
      const err = (await host.create(urn, inputs).catch((e: unknown) => e)) as Error;
      expect(err.message).toMatch(/401|key/i);
      expect(err.message).toContain("pilotstatus:apiKey");
      expect(err.message).toContain("PILOT_STATUS_API_KEY");
      expect([err.message, err.stack ?? "", host.logText()].join("\n")).not.toContain(wrongKey);
    } finally {
      await host.stop();
    }
  });

  it("a missing key names both places before any request", async () => {
    const host = await providerHost.startProviderHost({
      cwd: repoRoot,
      project: "numbers",
      env: { PILOT_STATUS_API_KEY: "", PILOT_STATUS_BASE_URL: rig.emu.url },
    });
    try {
      await host.configure({});
      const urn = host.urn(typeOf("WhatsAppNumber"), "k");
      const { inputs } = await host.check(urn, {}, { name: "K", number: "+5511977770004", __provider: rig.provider.WhatsAppNumber });
      await rig.emu.control.resetRequests();
      await expect(host.create(urn, inputs)).rejects.toThrow(/pulumi config set --secret pilotstatus:apiKey.*PILOT_STATUS_API_KEY/);
      expect((await rig.emu.control.requests()).total).toBe(0);
    } finally {
      await host.stop();
    }
  });
});
