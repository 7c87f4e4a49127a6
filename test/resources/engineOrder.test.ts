// The number resources driven in the real engine's call order (testing/engineModel.ts) over the gRPC harness: what
// `pulumi up` / `refresh` / `destroy` / `.get` send the provider, fast and precise. test/engine/ checks the same
// behaviours under the real CLI.
import * as path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineModel, ProviderConfig } from "../../testing/engineModel";
import { useEmulator } from "../support/emulator";
import { engineModel, providerHost, repoRoot, serialize } from "../support/compiled";
import { type Kind, typeOf } from "./hostRig";

const load = createRequire(import.meta.url);
const loader = load(path.join(repoRoot, "dist/provider/engine/loader.js")) as typeof import("../../provider/engine/loader");
const emu = useEmulator();

const models: EngineModel[] = [];
afterEach(async () => {
  await Promise.all(models.splice(0).map((m) => m.stop()));
});

function model(): EngineModel {
  const m = new engineModel.EngineModel(async (config) => {
    const host = await providerHost.startProviderHost({
      cwd: repoRoot,
      project: "numbers",
      env: { PILOT_STATUS_API_KEY: "", PILOT_STATUS_BASE_URL: "" },
    });
    await host.configure(config, { secretKeys: ["pilotstatus:apiKey"] });
    return host;
  });
  models.push(m);
  return m;
}

const config = (): ProviderConfig => ({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url });
const urn = (kind: Kind, name: string) => `urn:pulumi:stack::numbers::${typeOf(kind)}::${name}`;
const provider = (kind: Kind) => serialize.serializeProvider(loader.loaderFor(kind));

const META = {
  name: "Official",
  number: "+5511977770101",
  metaPhoneId: "mp-1",
  wabaId: "waba-1",
  accessToken: "EAAG-engine-order-token",
  appSecret: "engine-order-app-secret",
};

describe("in the engine's call order", () => {
  it("two refreshes in a row of an unchanged MetaNumber report no change, and the next up neither", async () => {
    const m = model();
    const u = urn("MetaNumber", "official");
    const news = { ...META, __provider: await provider("MetaNumber") };
    expect(await m.up(u, news, config())).toBe("create");
    expect((await m.refresh(u)).op).toBe("same");
    expect((await m.refresh(u)).op).toBe("same");
    expect(await m.up(u, news, config())).toBe("same");
  });

  it("ignoreChanges on a MetaNumber's accessToken still passes Check after a refresh", async () => {
    const m = model();
    const u = urn("MetaNumber", "official");
    const news = { ...META, __provider: await provider("MetaNumber") };
    const opts = { ignoreChanges: ["accessToken", "appSecret"] };
    await m.up(u, news, config(), opts);
    await m.refresh(u);
    expect(await m.up(u, { ...news, accessToken: "EAAG-rotated" }, config(), opts)).toBe("same");
  });

  it("a refresh after a dashboard rename stores the account's name as the input, so the program's name is a change", async () => {
    const m = model();
    const u = urn("WhatsAppNumber", "support");
    const news = { name: "Support", number: "+5511977770103", __provider: await provider("WhatsAppNumber") };
    await m.up(u, news, config());
    await emu.control.rename(m.state(u)!.id, { name: "Support (dashboard)" });
    expect((await m.refresh(u)).op).toBe("update");
    expect(m.state(u)!.inputs.name).toBe("Support (dashboard)");
  });

  it("a dashboard rename brought in by refresh is refused at the next up, not 'fixed' by deleting the number", async () => {
    const m = model();
    const u = urn("WhatsAppNumber", "support");
    const news = { name: "Support", number: "+5511977770104", __provider: await provider("WhatsAppNumber") };
    await m.up(u, news, config());
    const id = m.state(u)!.id;
    await emu.control.rename(id, { name: "Support (dashboard)" });
    await m.refresh(u);
    await emu.control.resetRequests();
    await expect(m.up(u, news, config())).rejects.toThrow(
      /refusing to replace this number: "name" is "Support \(dashboard\)" in the stack's state/,
    );
    expect((await emu.control.requests()).total).toBe(0);
    // Each way out: declare the account's value, or ignore the property.
    expect(await m.up(u, { ...news, name: "Support (dashboard)" }, config())).toBe("same");
    expect(await m.up(u, news, config(), { ignoreChanges: ["name"] })).toBe("same");
    expect(m.state(u)!.id).toBe(id);
  });

  it("with allowReplacement, replacing an adopted number deletes it first and then creates it: the tenant keeps one", async () => {
    const existing = await emu.control.createNumber({ name: "Support", number: "+5511977770105" });
    const m = model();
    const u = urn("WhatsAppNumber", "support");
    const news = { name: "Support", number: "+5511977770105", adoptExisting: true, __provider: await provider("WhatsAppNumber") };
    expect(await m.up(u, news, config())).toBe("create");
    expect(m.state(u)!.id).toBe(existing.id);
    await expect(m.up(u, { ...news, name: "Support Team" }, config())).rejects.toThrow(/refusing to replace/);
    expect(await m.up(u, { ...news, name: "Support Team", allowReplacement: true }, config())).toBe("replace");
    const live = (await emu.control.state()).tenants.default?.numbers ?? [];
    expect(live.map((n) => [n.name, n.number])).toEqual([["Support Team", "+5511977770105"]]);
    expect(m.state(u)!.id).toBe(live[0]!.id);
  });

  it("a 404 that is not the API's (a proxy's page) neither drops the number on refresh nor counts as deleted on destroy", async () => {
    const m = model();
    const u = urn("WhatsAppNumber", "support");
    await m.up(u, { name: "Support", number: "+5511977770106", __provider: await provider("WhatsAppNumber") }, config());
    const proxyPage = { status: 404, body: "<html><body>404 Not Found</body></html>" };
    await emu.control.fault({ method: "GET", path: "/v1/numbers/:id", count: 1, ...proxyPage });
    await expect(m.refresh(u)).rejects.toThrow(/answered 404 without the Pilot Status API's not-found code/);
    expect(m.state(u)).toBeDefined();
    await emu.control.fault({ method: "DELETE", path: "/v1/numbers/:id", count: 1, ...proxyPage });
    await expect(m.destroy(u)).rejects.toThrow(/Nothing was taken as deleted/);
    expect(m.state(u)).toBeDefined();
    expect((await emu.control.state()).tenants.default?.numbers).toHaveLength(1);
    // The API's own not-found still means gone.
    await emu.control.deleteNumber(m.state(u)!.id);
    expect((await m.refresh(u)).op).toBe("delete");
  });

  it("get of an id the tenant lacks fails, naming the id", async () => {
    const m = model();
    await expect(
      m.get(urn("WhatsAppNumber", "missing"), "wa_0000000000000001", await provider("WhatsAppNumber"), config()),
    ).rejects.toThrow(/wa_0000000000000001/);
  });
});
