/** programClient: settings from the program's stack config, then the environment, then explicit overrides. */
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { useEnv } from "../../test/support/env";
import { MissingApiKeyError } from "../config";
import { programClient } from "./programClient";

const emu = useEmulator();
// Each test starts with neither variable set.
useEnv(() => ({ PILOT_STATUS_API_KEY: undefined, PILOT_STATUS_BASE_URL: undefined }));

/** Stack config as `pulumi config set [--secret]` leaves it for the program. */
function setStackConfig(values: Record<string, string>, secretKeys: string[] = []): void {
  pulumi.runtime.setAllConfig(values, secretKeys);
}

afterEach(() => {
  setStackConfig({});
  vi.restoreAllMocks();
});

describe("programClient", () => {
  it("reads the secret pilotstatus:apiKey and pilotstatus:baseUrl from stack config, without warnings", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    setStackConfig({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url }, ["pilotstatus:apiKey"]);
    const warn = vi.spyOn(console, "warn");
    const list = await programClient().listNumbers();
    expect(list.map((x) => x.id)).toEqual([n.id]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("stack config wins over the environment", async () => {
    process.env.PILOT_STATUS_API_KEY = "ps_env_key_is_wrong";
    process.env.PILOT_STATUS_BASE_URL = "http://127.0.0.1:9";
    setStackConfig({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": emu.url }, ["pilotstatus:apiKey"]);
    expect(await programClient().listNumbers()).toEqual([]);
  });

  it("falls back to the environment", async () => {
    process.env.PILOT_STATUS_API_KEY = emu.tenantKey;
    process.env.PILOT_STATUS_BASE_URL = emu.url;
    expect(await programClient().listNumbers()).toEqual([]);
  });

  it("explicit apiKey and baseUrl override both", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001", provider: "META" });
    await emu.control.addCalls(n.id, { count: 3 });
    setStackConfig({ "pilotstatus:apiKey": emu.tenantKey, "pilotstatus:baseUrl": "http://127.0.0.1:9" });
    // Only the number-scoped key can list calls, so this proves which key was sent.
    const page = await programClient({ apiKey: n.numberKey, baseUrl: emu.url }).listCalls();
    expect(page.calls).toHaveLength(3);
  });

  it("an account reads its own tenant with its own key; the data sources take it in their options", async () => {
    const other = await emu.control.createNumber({ tenant: "other", name: "Beta", number: "+5521900000001" });
    await emu.control.createNumber({ name: "Home", number: "+5511900000001" });
    setStackConfig(
      {
        "pilotstatus:apiKey": emu.tenantKey,
        "pilotstatus:baseUrl": emu.url,
        "pilotstatus:accounts": JSON.stringify({ beta: { apiKey: emu.otherTenantKey } }),
      },
      ["pilotstatus:apiKey", "pilotstatus:accounts"],
    );
    expect((await programClient({ account: "beta" }).listNumbers()).map((x) => x.id)).toEqual([other.id]);
    const { getNumbers } = await import("./getNumbers");
    expect((await getNumbers({}, { account: "beta" })).numbers.map((x) => x.numberId)).toEqual([other.id]);
    expect(() => programClient({ account: "gamma" })).toThrow(/Unknown Pilot Status account "gamma".*Accounts with a key: beta/);
  });

  it("no key anywhere: says how to set one", () => {
    expect(() => programClient()).toThrow(MissingApiKeyError);
    expect(() => programClient()).toThrow(/pulumi config set --secret pilotstatus:apiKey/);
  });
});
