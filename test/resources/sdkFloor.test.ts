// The peer range's floor of @pulumi/pulumi (package.json) against the release just below it, in the engine's call
// order: refresh relies on the dynamic-provider host passing read's inputs to the engine, which 3.216.0 started to do.
// (The newest release, 3.276.0, needs Node.js 22; this machine's Node 20 runs the development pin, 3.248.0, which
// every other test uses.)
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineModel } from "../../testing/engineModel";
import { useEmulator } from "../support/emulator";
import { engineModel, engineSdk, providerHost, repoRoot, serialize } from "../support/compiled";
import { typeOf } from "./hostRig";

const load = createRequire(import.meta.url);
const loader = load(path.join(repoRoot, "dist/provider/engine/loader.js")) as typeof import("../../provider/engine/loader");
const emu = useEmulator();

const range = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { peerDependencies: Record<string, string> })
  .peerDependencies["@pulumi/pulumi"]!;
const FLOOR = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
const BELOW = FLOOR?.replace(/^(\d+)\.(\d+)\.\d+$/, (_, major: string, minor: string) => `${major}.${Number(minor) - 1}.0`);

const models: EngineModel[] = [];
afterEach(async () => {
  await Promise.all(models.splice(0).map((m) => m.stop()));
});

/** The engine's order over a provider host started from a project holding @pulumi/pulumi@<version>. */
async function modelOn(version: string): Promise<EngineModel> {
  const cwd = await engineSdk.sdkProject(version);
  const m = new engineModel.EngineModel(async (config) => {
    const host = await providerHost.startProviderHost({
      cwd,
      project: "numbers",
      env: { PILOT_STATUS_API_KEY: "", PILOT_STATUS_BASE_URL: "" },
    });
    await host.configure(config, { secretKeys: ["pilotstatus:apiKey"] });
    return host;
  });
  models.push(m);
  return m;
}

/** Up, a dashboard rename, refresh: the name the state then holds as the input. */
async function inputAfterRefresh(m: EngineModel): Promise<unknown> {
  const u = `urn:pulumi:stack::numbers::${typeOf("WhatsAppNumber")}::support`;
  const config = { "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url };
  const __provider = await serialize.serializeProvider(loader.loaderFor("WhatsAppNumber"));
  await m.up(u, { name: "Support", number: "+5511977779001", __provider }, config);
  await emu.control.rename(m.state(u)!.id, { name: "Support (dashboard)" });
  await m.refresh(u);
  return m.state(u)!.inputs.name;
}

describe("@pulumi/pulumi peer floor", () => {
  it("the range's floor is a caret range with a minor above 0", () => {
    expect(FLOOR, `peerDependencies["@pulumi/pulumi"] is ${range}`).toMatch(/^3\.\d+\.\d+$/);
    expect(BELOW).not.toBe(FLOOR);
  });

  it(`at the floor (${FLOOR}), refresh stores the account's values as inputs`, { timeout: 600_000 }, async () => {
    expect(await inputAfterRefresh(await modelOn(FLOOR!))).toBe("Support (dashboard)");
  });

  it(`below the floor (${BELOW}), the host drops read's inputs: the floor is needed`, { timeout: 600_000 }, async () => {
    expect(await inputAfterRefresh(await modelOn(BELOW!))).toBe("Support");
  });
});
