// The number resources driven in the real engine's call order (testing/engineModel.ts) over the gRPC harness: what
// `pulumi up` / `refresh` / `destroy` / `.get` send the provider, fast and precise. test/engine/ checks the same
// behaviours under the real CLI.
import * as path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineModel, ProviderConfig } from "../../testing/engineModel";
import { useEmulator } from "../support/emulator";
import { engineModel, providerHost, repoRoot, serialize } from "../testing/compiled";
import { type Kind, typeOf } from "./hostFixture";

const load = createRequire(import.meta.url);
const loader = load(path.join(repoRoot, "dist/provider/resources/loader.js")) as typeof import("../../provider/resources/loader");
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

  it("get of an id the tenant lacks fails, naming the id", async () => {
    const m = model();
    await expect(m.get(urn("WhatsAppNumber", "missing"), "wa_0000000000000001", await provider("WhatsAppNumber"), config())).rejects.toThrow(
      /wa_0000000000000001/,
    );
  });
});
