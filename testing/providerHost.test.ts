import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { echo, greeting, providerHost, repoRoot, rpcError, serialize, values } from "../test/support/compiled";
import type { ProviderHost } from "./providerHost";

const TYPE = "pulumi-nodejs:dynamic/fixture:Greeting";
const TOKEN = "tok-3f9a1c77-do-not-log";
const hosts: ProviderHost[] = [];

async function start(opts: { project?: string; logsToEngine?: boolean } = {}): Promise<ProviderHost> {
  const host = await providerHost.startProviderHost({ cwd: repoRoot, project: opts.project ?? "fixture", logsToEngine: opts.logsToEngine });
  hosts.push(host);
  return host;
}

async function configured(opts: { project?: string; logsToEngine?: boolean } = {}) {
  const host = await start(opts);
  await host.configure({ "fixture:prefix": "Hi ", "fixture:token": TOKEN }, { secretKeys: ["fixture:token"] });
  const provider = await serialize.serializeProvider(greeting.greetingProvider);
  return { host, provider };
}

const creates = (host: ProviderHost) => host.logs.filter((l) => l.text.startsWith("[echo] create")).length;

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

// One configured host serves every test that needs no special start-up (hosts cost a process each).
let shared: { host: ProviderHost; provider: string; configuredAs: unknown };
beforeAll(async () => {
  const host = await providerHost.startProviderHost({ cwd: repoRoot, project: "fixture" });
  const configuredAs = await host.configure({ "fixture:prefix": "Hi ", "fixture:token": TOKEN }, { secretKeys: ["fixture:token"] });
  shared = { host, provider: await serialize.serializeProvider(greeting.greetingProvider), configuredAs };
});
afterAll(async () => {
  await shared.host.stop();
});

describe("startProviderHost", () => {
  it("drives configure → check → diff → create → read → update → delete against the real host", async () => {
    const { host } = shared;
    // What the engine learns from the dynamic host: no secrets, no previews.
    expect(shared.configuredAs).toEqual({ acceptSecrets: false, supportsPreview: false, acceptResources: false, acceptOutputs: false });
    const version = (await host.getPluginInfo()).version;
    const pkg: unknown = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8"));
    expect(version).toBe((pkg as { version: string }).version);

    const __provider = await serialize.serializeProvider(greeting.greetingProvider);
    const urn = host.urn(TYPE, "g1");
    expect(urn).toBe("urn:pulumi:stack::fixture::pulumi-nodejs:dynamic/fixture:Greeting::g1");

    const bad = await host.check(urn, {}, { name: "", message: "hello", __provider });
    expect(bad.failures).toEqual([{ property: "name", reason: "name must be a non-empty string" }]);

    const checked = await host.check(urn, {}, { name: "ann", message: "hello", __provider });
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toEqual({ name: "ann", message: "hello", __provider });

    const created = await host.create(urn, checked.inputs);
    expect(created.hostCalled).toBe(true);
    expect(created.id).toMatch(/^greeting-\d+$/);
    expect(created.properties).toEqual({
      name: "ann",
      message: "hello",
      text: "Hi hello, ann",
      tokenDigest: echo.digest(TOKEN),
      revision: 1,
      __provider,
    });

    const same = await host.diff(created.id, urn, created.properties, checked.inputs);
    expect(same).toMatchObject({ changes: "none", replaces: [], deleteBeforeReplace: false });
    const reworded = await host.diff(created.id, urn, created.properties, { ...checked.inputs, message: "hey" });
    expect(reworded).toMatchObject({ changes: "some", replaces: [] });
    const renamed = await host.diff(created.id, urn, created.properties, { ...checked.inputs, name: "bob" });
    expect(renamed).toMatchObject({ changes: "some", replaces: ["name"] });

    const read = await host.read(created.id, urn, created.properties, checked.inputs);
    expect(read.id).toBe(created.id);
    expect(read.properties).toEqual(created.properties);

    const updated = await host.update(created.id, urn, created.properties, { ...checked.inputs, message: "hey" }, checked.inputs);
    expect(updated.properties).toMatchObject({ message: "hey", text: "Hi hey, ann", revision: 2, __provider });
    expect((await host.read(created.id, urn, updated.properties)).properties).toMatchObject({ revision: 2 });

    await host.delete(created.id, urn, updated.properties, checked.inputs);
    const gone = await host.read(created.id, urn, updated.properties);
    expect(gone.id).toBe("");
    expect((await host.waitForLog(`[echo] delete ${created.id}`)).source).toBe("stdout");
  });

  it("refuses RPCs before configure, as the engine never sends them", async () => {
    const host = await start();
    await expect(host.check(host.urn(TYPE, "x"), {}, {})).rejects.toThrow(/before configure/);
  });

  it("strips secrets on the way in and re-marks same-named outputs secret, as the engine does", async () => {
    const { host, provider } = shared;
    const urn = host.urn(TYPE, "s1");
    const checked = await host.check(urn, {}, { name: "ann", message: values.secret("psst"), __provider: provider });
    expect(values.isSecretValue(checked.inputs.message)).toBe(true);
    const created = await host.create(urn, checked.inputs);
    expect(values.secretKeys(created.properties)).toEqual(["message"]);
    // A differently named output derived from a secret input is NOT re-marked: the engine only matches keys.
    expect(created.properties.text).toBe("Hi psst, ann");
    expect(host.logText()).not.toContain(TOKEN);
    expect(provider).not.toContain(TOKEN);
  });

  it("checks unknowns in preview but never sends a preview create to the host", async () => {
    const { host, provider } = shared;
    const urn = host.urn(TYPE, "p1");
    const checked = await host.check(urn, {}, { name: "ann", message: values.UNKNOWN, __provider: provider });
    expect(checked.failures).toEqual([]);
    expect(checked.inputs.message).toBe(values.UNKNOWN);

    const before = creates(host);
    const previewed = await host.create(urn, checked.inputs, { preview: true });
    expect(previewed).toEqual({ id: "", properties: checked.inputs, hostCalled: false });
    expect(creates(host)).toBe(before);

    // The host ignores the preview flag: forced through, it really creates, with the sentinel as data.
    const forced = await host.create(urn, checked.inputs, { preview: true, sendPreviewToHost: true });
    expect(forced.hostCalled).toBe(true);
    expect(forced.properties.text).toBe(`Hi ${values.UNKNOWN}, ann`);
    await host.waitForLog(`[echo] create ${forced.id}`);
    expect(creates(host)).toBe(before + 1);
  });

  it("decodes a partial failure (ErrorResourceInitFailed) from create", async () => {
    const { host, provider } = shared;
    const urn = host.urn(TYPE, "f1");
    const err = await host.create(urn, { name: "ann", message: "hello", failInit: true, __provider: provider }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(rpcError.ProviderRpcError);
    const e = err as InstanceType<typeof rpcError.ProviderRpcError>;
    expect(e.method).toBe("Create");
    expect(e.code).toBe(2);
    expect(e.message).toMatch(/^greeting greeting-\d+ created but not ready$/);
    expect(e.initFailure?.reasons).toEqual(["still warming up"]);
    expect(e.initFailure?.properties).toMatchObject({ name: "ann", text: "Hi hello, ann" });
    const id = e.initFailure?.id ?? "";
    expect((await host.read(id, urn, { __provider: provider })).id).toBe(id);
  });

  it("surfaces a provider exception as an Error carrying the host's message", async () => {
    const { host, provider } = shared;
    const urn = host.urn(TYPE, "u1");
    const err = await host
      .update("greeting-404", urn, { __provider: provider }, { name: "a", message: "b", __provider: provider })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(rpcError.ProviderRpcError);
    expect((err as Error).message).toBe("greeting inputs must have string name and message");
    expect((err as InstanceType<typeof rpcError.ProviderRpcError>).initFailure).toBeUndefined();
  });

  it("qualifies a bare config key with the host's project (PULUMI_NODEJS_PROJECT)", async () => {
    const { host, provider } = await configured({ project: "other" });
    const created = await host.create(host.urn(TYPE, "q1"), { name: "ann", message: "hello", __provider: provider });
    // "prefix" resolves to "other:prefix", which is unset; the fully qualified token key still resolves.
    expect(created.properties.text).toBe("hello, ann");
    expect(created.properties.tokenDigest).toBe(echo.digest(TOKEN));
  });

  it("captures pulumi.log output on stdout by default and as engine Log RPCs when routed there", async () => {
    const plain = shared;
    const a = await plain.host.create(plain.host.urn(TYPE, "l1"), { name: "ann", message: "hello", __provider: plain.provider });
    expect(await plain.host.waitForLog(`echo created ${a.id}`)).toEqual({ source: "stdout", text: `info: [runtime] echo created ${a.id}` });
    expect(plain.host.engine.messages).toEqual([]);

    const routed = await configured({ logsToEngine: true });
    const b = await routed.host.create(routed.host.urn(TYPE, "l2"), { name: "ann", message: "hello", __provider: routed.provider });
    expect(routed.host.engine.messages).toContainEqual({ severity: "info", message: `echo created ${b.id}`, urn: "" });
    expect(routed.host.logs).toContainEqual({ source: "engine", severity: "info", text: `echo created ${b.id}` });
    for (const h of [plain.host, routed.host]) expect(h.logText()).not.toContain(TOKEN);
  });

  it("stops the host process", async () => {
    const host = await start();
    await host.stop();
    hosts.splice(hosts.indexOf(host), 1);
    expect((await host.exited).signal).toBe("SIGTERM");
    expect(() => process.kill(host.pid, 0)).toThrow(/ESRCH/);
  });
});
