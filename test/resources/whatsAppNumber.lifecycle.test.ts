// WhatsAppNumber through the real dynamic-provider host against the emulator, in the style of
// pulumi-go-provider's LifeCycleTest: each step asserts outputs, the emulator's state and the API requests made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderRpcError } from "../../testing/providerRpcError";
import { values } from "../support/compiled";
import { checked as checkedInputs, type Rig, startRig, takeRequests, typeOf, useRig } from "./hostRig";

const TYPE = typeOf("WhatsAppNumber");
const rig = useRig();

const numbersInTenant = async () => (await rig.emu.control.state()).tenants.default?.numbers ?? [];

const checked = (name: string, news: Record<string, unknown>) => checkedInputs(rig, "WhatsAppNumber", name, news);

describe("WhatsAppNumber lifecycle", () => {
  it("create → no-op diff → rename diff → refresh after out-of-band rename and disconnect → update → delete", async () => {
    const { urn, inputs } = await checked("support", { name: "Support", number: "+55 11 99999-0001" });
    expect(inputs.number).toBe("+5511999990001");
    expect(await takeRequests(rig.emu)).toEqual({});

    const created = await rig.host.create(urn, inputs);
    expect(await takeRequests(rig.emu)).toEqual({ "POST /v1/numbers": 1, "GET /v1/numbers/:id": 1 });
    const [live] = await numbersInTenant();
    expect(created.id).toBe(live!.id);
    expect(created.properties).toMatchObject({
      numberId: live!.id,
      name: "Support",
      number: "+5511999990001",
      provider: "PILOT_STATUS",
      state: "CONNECTING",
      isFullyConnected: false,
      pairingMethod: "code",
      createdAt: live!.createdAt,
    });
    expect(created.properties.qrcodeBase64).toMatch(/^data:image\/png;base64,/);
    expect(typeof created.properties.pairingCode).toBe("string");

    const same = await rig.host.diff(created.id, urn, created.properties, inputs);
    expect(same).toMatchObject({ changes: "none", replaces: [] });
    const renamed = await rig.host.diff(created.id, urn, created.properties, { ...inputs, name: "Help desk" });
    expect(renamed).toMatchObject({ changes: "some", replaces: ["name"], deleteBeforeReplace: true });
    const moved = await rig.host.diff(created.id, urn, created.properties, { ...inputs, number: "+5511999990002" });
    expect(moved).toMatchObject({ changes: "some", replaces: ["number"], deleteBeforeReplace: false });
    const waitOnly = await rig.host.diff(created.id, urn, created.properties, { ...inputs, waitUntilConnected: true });
    expect(waitOnly).toMatchObject({ changes: "some", replaces: [] });
    expect(await takeRequests(rig.emu)).toEqual({});

    await rig.emu.control.rename(created.id, { name: "Renamed in dashboard" });
    await rig.emu.control.pair(created.id);
    await rig.emu.control.disconnect(created.id);
    await takeRequests(rig.emu);
    const refreshed = await rig.host.read(created.id, urn, created.properties, inputs);
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 1 });
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties).toMatchObject({ name: "Renamed in dashboard", state: "CLOSE", isFullyConnected: false });
    // Secrets from creation survive a refresh (the API cannot give them again).
    expect(refreshed.properties.pairingCode).toBe(created.properties.pairingCode);
    expect(refreshed.inputs).toMatchObject({ name: "Renamed in dashboard", number: "+5511999990001" });
    // The program still says "Support": the next preview shows the drift as a replacement.
    const drift = await rig.host.diff(created.id, urn, refreshed.properties, inputs);
    expect(drift).toMatchObject({ changes: "some", replaces: ["name"] });

    const updated = await rig.host.update(created.id, urn, refreshed.properties, { ...inputs, name: "Renamed in dashboard" });
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 1 });
    expect(updated.properties).toMatchObject({ numberId: created.id, state: "CLOSE", name: "Renamed in dashboard" });
    expect(updated.properties.pairingCode).toBe(created.properties.pairingCode);

    await rig.host.delete(created.id, urn, updated.properties);
    expect(await takeRequests(rig.emu)).toEqual({ "DELETE /v1/numbers/:id": 1 });
    expect(await numbersInTenant()).toEqual([]);
    // Deleting what is already gone succeeds.
    await rig.host.delete(created.id, urn, updated.properties);
  });

  it("refresh of a number deleted out of band returns an empty id", async () => {
    const { urn, inputs } = await checked("gone", { name: "Gone", number: "+5511999990003" });
    const created = await rig.host.create(urn, inputs);
    await rig.emu.control.deleteNumber(created.id);
    await takeRequests(rig.emu);
    const read = await rig.host.read(created.id, urn, created.properties, inputs);
    expect(read.id).toBe("");
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 1 });
  });

  it("a new provider build alone is no diff, and preview unknowns pass check and show as possible replacements", async () => {
    const { urn, inputs } = await checked("stable", { name: "Stable", number: "+5511999990007" });
    const created = await rig.host.create(urn, inputs);
    await takeRequests(rig.emu);
    const rebuilt = { ...inputs, __provider: `${rig.provider.WhatsAppNumber}\n// a later build of the provider` };
    expect(await rig.host.diff(created.id, urn, created.properties, rebuilt)).toMatchObject({ changes: "none", replaces: [] });

    const unknownName = { name: values.UNKNOWN, number: "+5511999990007", __provider: rig.provider.WhatsAppNumber };
    const previewed = await rig.host.check(urn, inputs, unknownName);
    expect(previewed.failures).toEqual([]);
    expect(previewed.inputs.name).toBe(values.UNKNOWN);
    expect(await rig.host.diff(created.id, urn, created.properties, previewed.inputs)).toMatchObject({ replaces: ["name"] });
    expect(await takeRequests(rig.emu)).toEqual({});
  });

  it("refuses invalid input with no request", async () => {
    const urn = rig.host.urn(TYPE, "bad");
    const res = await rig.host.check(
      urn,
      {},
      {
        name: "",
        number: "11-9999",
        pairingMethod: "carrier pigeon",
        waitTimeoutSeconds: "ten",
        colour: "blue",
        __provider: rig.provider.WhatsAppNumber,
      },
    );
    const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(["colour", "name", "number", "pairingMethod", "waitTimeoutSeconds"]);
    expect(byProperty.waitTimeoutSeconds).toMatch(/expected number, received string/);
    expect(byProperty.number).toMatch(/E\.164/);
    expect(byProperty.colour).toMatch(/no property "colour"/);
    expect(await takeRequests(rig.emu)).toEqual({});
  });

  it("a duplicate says how to adopt, and adoptExisting takes the number over (refusing a mismatch)", async () => {
    const existing = await rig.emu.control.createNumber({ name: "Sales", number: "+5511999990004", state: "OPEN" });
    const { urn, inputs } = await checked("sales", { name: "Sales", number: "+5511999990004" });
    await expect(rig.host.create(urn, inputs)).rejects.toThrow(/already exists.*adoptExisting: true/);

    const mismatch = await checked("sales2", { name: "Vendas", number: "+5511999990004", adoptExisting: true });
    await expect(rig.host.create(mismatch.urn, mismatch.inputs)).rejects.toThrow(/refusing to adopt.*name is "Sales", declared "Vendas"/);

    await takeRequests(rig.emu);
    const adopt = await checked("sales3", { name: "Sales", number: "+5511999990004", adoptExisting: true });
    const adopted = await rig.host.create(adopt.urn, adopt.inputs);
    expect(adopted.id).toBe(existing.id);
    expect(adopted.properties).toMatchObject({ state: "OPEN", isFullyConnected: true, qrcodeBase64: null });
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": 1 });
    expect(await numbersInTenant()).toHaveLength(1);
  });

  it("pairs by hosted link and waits until the phone connects", async () => {
    const { urn, inputs } = await checked("linked", {
      name: "Linked",
      number: "+5511999990005",
      pairingMethod: "remoteLink",
      sendPairingLinkViaWhatsApp: true,
      waitUntilConnected: true,
      waitTimeoutSeconds: 30,
    });
    const creating = rig.host.create(urn, inputs);
    // The phone's owner opens the link a moment later.
    let id: string | undefined;
    while (id === undefined) {
      id = (await numbersInTenant())[0]?.id;
      if (id === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    await rig.emu.control.pair(id);
    const created = await creating;
    expect(created.properties).toMatchObject({ numberId: id, state: "OPEN", isFullyConnected: true });
    expect(created.properties.remotePairingUrl).toMatch(/^https?:\/\//);
    const requests = await takeRequests(rig.emu);
    expect(requests["POST /v1/numbers/remote-pairing"]).toBe(1);
    expect(requests["POST /v1/numbers"]).toBeUndefined();
  });

  it("renewPairingCodes asks for fresh codes on the next up, once per new value", async () => {
    const { urn, inputs } = await checked("renew", { name: "Renew", number: "+5511999990008" });
    const created = await rig.host.create(urn, inputs);
    const renewed = { ...inputs, renewPairingCodes: "2026-11-22" };
    expect(await rig.host.diff(created.id, urn, created.properties, renewed)).toMatchObject({ changes: "some", replaces: [] });
    await takeRequests(rig.emu);

    const first = await rig.host.update(created.id, urn, created.properties, renewed);
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 1, "GET /v1/numbers/:id/connect": 1 });
    expect(typeof first.properties.pairingCode).toBe("string");
    expect(first.properties.pairingCode).not.toBe(created.properties.pairingCode);

    const again = await rig.host.update(created.id, urn, first.properties, renewed);
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 1 });
    expect(again.properties.pairingCode).toBe(first.properties.pairingCode);
  });

  it("a wait that times out keeps the number in state and the next up resumes", async () => {
    const { urn, inputs } = await checked("slow", {
      name: "Slow",
      number: "+5511999990006",
      waitUntilConnected: true,
      waitTimeoutSeconds: 1,
    });
    const failure = (await rig.host.create(urn, inputs).catch((e: unknown) => e)) as ProviderRpcError;
    expect(failure.message).toMatch(/not paired within 1s.*run `pulumi up` again/);
    const [live] = await numbersInTenant();
    expect(failure.initFailure?.id).toBe(live!.id);
    expect(failure.initFailure?.properties).toMatchObject({ numberId: live!.id, state: "CONNECTING" });

    // The engine retries a resource with init errors through Update: fresh codes, then the wait goes on.
    const resuming = rig.host.update(live!.id, urn, failure.initFailure!.properties, inputs);
    while (!((await rig.emu.control.requests()).counts["GET /v1/numbers/:id/connect"] ?? 0)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await rig.emu.control.pair(live!.id);
    const resumed = await resuming;
    expect(resumed.properties).toMatchObject({ state: "OPEN", isFullyConnected: true });
    expect(typeof resumed.properties.pairingCode).toBe("string");
    expect(resumed.properties.pairingCode).not.toBe(failure.initFailure!.properties.pairingCode);
    expect(await numbersInTenant()).toHaveLength(1);
  });
});

describe("WhatsAppNumber under faults", () => {
  it("a 429 on create is retried after Retry-After, creating one number", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, status: 429, retryAfter: 1 });
    const { urn, inputs } = await checked("limited", { name: "Limited", number: "+5511999990010" });
    await takeRequests(rig.emu);
    const created = await rig.host.create(urn, inputs);
    expect(await takeRequests(rig.emu)).toEqual({ "POST /v1/numbers": 2, "GET /v1/numbers/:id": 1 });
    expect((await numbersInTenant()).map((n) => n.id)).toEqual([created.id]);
  });

  it("a failed read-back after the POST keeps the number and its pairing code in state; the next up completes it", async () => {
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/*", count: 1, status: 500 });
    const { urn, inputs } = await checked("half", { name: "Half", number: "+5511999990016" });
    const failure = (await rig.host.create(urn, inputs).catch((e: unknown) => e)) as ProviderRpcError;
    expect(failure.message).toMatch(/was created \(wa_\w+\) but reading it back failed.*kept in state/);
    const [live] = await numbersInTenant();
    expect(failure.initFailure?.id).toBe(live!.id);
    const kept = failure.initFailure!.properties;
    expect(typeof kept.pairingCode).toBe("string");
    expect(kept.qrcodeBase64).toMatch(/^data:image\/png;base64,/);

    const resumed = await rig.host.update(live!.id, urn, kept, inputs);
    expect(resumed.properties).toMatchObject({ numberId: live!.id, state: "CONNECTING", pairingCode: kept.pairingCode });
    expect(await numbersInTenant()).toHaveLength(1);
  });

  it("after a partial failure, the state the engine keeps still refreshes and destroys", async () => {
    const { urn, inputs } = await checked("stuck", {
      name: "Stuck",
      number: "+5511999990017",
      waitUntilConnected: true,
      waitTimeoutSeconds: 1,
    });
    const failure = (await rig.host.create(urn, inputs).catch((e: unknown) => e)) as ProviderRpcError;
    const stored = failure.initFailure!.properties;
    expect(stored.__provider).toBe(rig.provider.WhatsAppNumber);

    const refreshed = await rig.host.read(failure.initFailure!.id, urn, stored, inputs);
    expect(refreshed).toMatchObject({ id: failure.initFailure!.id, properties: { state: "CONNECTING" } });
    await rig.host.delete(failure.initFailure!.id, urn, stored);
    expect(await numbersInTenant()).toEqual([]);
  });

  it("a 5xx on refresh is retried", async () => {
    const { urn, inputs } = await checked("flaky", { name: "Flaky", number: "+5511999990011" });
    const created = await rig.host.create(urn, inputs);
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/*", count: 2, status: 503 });
    await takeRequests(rig.emu);
    const read = await rig.host.read(created.id, urn, created.properties, inputs);
    expect(read.id).toBe(created.id);
    expect(await takeRequests(rig.emu)).toEqual({ "GET /v1/numbers/:id": 3 });
  });

  it("a connection dropped after the server created the number adopts it: no duplicate, no orphan", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "after" });
    const { urn, inputs } = await checked("dropped", { name: "Dropped", number: "+5511999990012" });
    await takeRequests(rig.emu);
    const created = await rig.host.create(urn, inputs);
    const requests = await takeRequests(rig.emu);
    expect(requests["POST /v1/numbers"]).toBe(1);
    expect(requests["GET /v1/numbers"]).toBe(1);
    const numbers = await numbersInTenant();
    expect(numbers.map((n) => n.id)).toEqual([created.id]);
    expect(created.properties).toMatchObject({ name: "Dropped", state: "CONNECTING" });
    // The lost response's pairing code is replaced by a fresh one.
    expect(requests["GET /v1/numbers/:id/connect"]).toBe(1);
    expect(typeof created.properties.pairingCode).toBe("string");
  });

  it("a connection dropped before the server acted creates nothing and says to run up again", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "before" });
    const { urn, inputs } = await checked("lost", { name: "Lost", number: "+5511999990013" });
    await expect(rig.host.create(urn, inputs)).rejects.toThrow(
      /tenant has no such number after 2 s of looking: nothing was created .* Run `pulumi up` again/,
    );
    expect(await numbersInTenant()).toEqual([]);
    const requests = await takeRequests(rig.emu);
    expect(requests["POST /v1/numbers"]).toBe(1);
  });
});

describe("WhatsAppNumber with a slow service", () => {
  let slow: Rig;
  beforeAll(async () => {
    slow = await startRig({ requestTimeoutSeconds: 0.3 });
  });
  afterAll(async () => {
    await slow?.stop();
  });

  it("a create POST that times out, then lands, is found and adopted", async () => {
    await slow.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, latencyMs: 800 });
    const urn = slow.host.urn(TYPE, "timeout");
    const { inputs } = await slow.host.check(
      urn,
      {},
      {
        name: "Timeout",
        number: "+5511999990014",
        __provider: slow.provider.WhatsAppNumber,
      },
    );
    const created = await slow.host.create(urn, inputs);
    const numbers = (await slow.emu.control.state()).tenants.default?.numbers ?? [];
    expect(numbers.map((n) => n.id)).toEqual([created.id]);
    const { counts } = await slow.emu.control.requests();
    expect(counts["POST /v1/numbers"]).toBe(1);
  });

  it("a read that keeps timing out fails with a message naming the timeout", async () => {
    const created = await slow.emu.control.createNumber({ name: "Sluggish", number: "+5511999990015" });
    await slow.emu.control.fault({ method: "GET", path: "/v1/numbers/*", count: 10, latencyMs: 600 });
    const urn = slow.host.urn(TYPE, "sluggish");
    await expect(slow.host.read(created.id, urn, { numberId: created.id, __provider: slow.provider.WhatsAppNumber })).rejects.toThrow(
      /did not answer GET \/v1\/numbers\/\S+ within 300 ms/,
    );
    await slow.emu.control.clearFaults();
  });
});
