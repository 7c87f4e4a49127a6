import { describe, expect, it } from "vitest";
import {
  ASSUMED,
  ConnectResponse,
  CreateMetaNumberResponse,
  CreateNumberResponse,
  DeleteResponse,
  NumberDetail,
  NumberList,
  NumberStatus,
  RemotePairingResponse,
} from "pulumi-pilotstatus/contract";
import { useEmulator } from "../test/support/emulator";
import { obj, request } from "../test/support/http";

const C = ASSUMED.errorCodes;
const F = ASSUMED.metaCreateFields;
const emu = useEmulator();
const get = (path: string, key = emu.tenantKey) => request(emu.url, "GET", path, { key });
const post = (path: string, body: unknown, key = emu.tenantKey) => request(emu.url, "POST", path, { key, body });
const detail = async (id: string) => NumberDetail.parse((await get(`/v1/numbers/${id}`)).body);

describe("POST /v1/numbers and the connection state machine", () => {
  it("creates CONNECTING, pairs to OPEN, disconnects to CLOSE, reconnects to CONNECTING", async () => {
    const created = await post("/v1/numbers", { name: "Support", number: "+5511999990000" });
    expect(created.status).toBe(201);
    const c = CreateNumberResponse.parse(created.body);
    expect(c.instance).toMatchObject({ number: "5511999990000", name: "Support", status: "CONNECTING", provider: "PILOT_STATUS" });
    expect(c.instance.id).toMatch(/^wa_/);
    expect(c.qrcodeBase64).toMatch(/^data:image\/png;base64,/);
    expect(c.pairingCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(c.linkedApiKeyId).toBeNull();
    const id = c.instance.id;

    const d0 = await detail(id);
    expect(d0).toMatchObject({ number: "+5511999990000", state: "CONNECTING", isFullyConnected: false, meta: null });
    expect(d0.health).toEqual({ qualityRating: null, messagingLimitTier: null, metaStatus: null, sendable: false });
    const listed = NumberList.parse((await get("/v1/numbers")).body);
    expect(listed.map((n) => n.number)).toEqual(["5511999990000"]);
    expect(JSON.stringify(listed)).not.toContain((await emu.control.numberKey(id)).key);

    await emu.control.pair(id);
    const d1 = await detail(id);
    expect(d1).toMatchObject({ state: "OPEN", isFullyConnected: true, health: { sendable: true } });
    expect(Date.parse(d1.updatedAt!)).toBeGreaterThan(Date.parse(d0.updatedAt!));
    expect(NumberStatus.parse((await get(`/v1/numbers/${id}/status`)).body)).toEqual({ id, state: "OPEN", isFullyConnected: true });

    const busy = await get(`/v1/numbers/${id}/connect`);
    expect(busy.status).toBe(409);
    expect(obj(busy.body).code).toBe(C.alreadyConnected);

    await emu.control.disconnect(id);
    expect(NumberStatus.parse((await get(`/v1/numbers/${id}/status`)).body).state).toBe("CLOSE");
    const again = await get(`/v1/numbers/${id}/connect`);
    expect(again.status).toBe(200);
    expect(ConnectResponse.parse(again.body).qrcodeBase64).not.toBe(c.qrcodeBase64);
    expect((await detail(id)).state).toBe("CONNECTING");
  });

  it("rejects a duplicate number in the tenant with 409, with or without '+'", async () => {
    expect((await post("/v1/numbers", { name: "A", number: "+5511999990001" })).status).toBe(201);
    const dup = await post("/v1/numbers", { name: "B", number: "5511999990001" });
    expect(dup.status).toBe(409);
    expect(obj(dup.body).code).toBe(C.numberAlreadyExists);
    expect(NumberList.parse((await get("/v1/numbers")).body)).toHaveLength(1);
  });

  it("validates the body with 400 VALIDATION_ERROR", async () => {
    const bad: unknown[] = [
      {},
      { name: "", number: "+5511999990002" },
      { name: "   ", number: "+5511999990002" },
      { name: "A" },
      { name: "A", number: "123" },
      { name: "A", number: "+55 11 99999-0002" },
      { name: "A", number: "+5511999990002999999" },
      { name: 5, number: "+5511999990002" },
    ];
    for (const body of bad) {
      const r = await post("/v1/numbers", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(obj(r.body).code).toBe(C.validation);
    }
    const malformed = await fetch(`${emu.url}/v1/numbers`, {
      method: "POST",
      headers: { "x-api-key": emu.tenantKey, "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(obj(await malformed.json()).code).toBe(C.validation);
    expect(NumberList.parse((await get("/v1/numbers")).body)).toEqual([]);
  });

  it("links a number-scoped caller key to the new number unless told not to", async () => {
    const first = await emu.control.createNumber({ name: "First", number: "+5511999990003" });
    const linked = CreateNumberResponse.parse(
      (await post("/v1/numbers", { name: "Second", number: "+5511999990004" }, first.numberKey)).body,
    );
    expect(linked.linkedApiKeyId).toBe(first.numberKeyId);
    const second = await detail(linked.instance.id);
    expect(second.apiKeys).toHaveLength(2);
    expect((await detail(first.id)).apiKeys).toEqual([]);

    const unlinked = CreateNumberResponse.parse(
      (await post("/v1/numbers", { name: "Third", number: "+5511999990005", linkToApiKey: false }, first.numberKey)).body,
    );
    expect(unlinked.linkedApiKeyId).toBeNull();
  });

  it("deletes with {ok:true} and then 404s", async () => {
    const { id } = await emu.control.createNumber({ name: "Gone", number: "+5511999990006" });
    const del = await request(emu.url, "DELETE", `/v1/numbers/${id}`, { key: emu.tenantKey });
    expect(DeleteResponse.parse(del.body)).toEqual({ ok: true });
    expect((await get(`/v1/numbers/${id}`)).status).toBe(404);
    expect((await request(emu.url, "DELETE", `/v1/numbers/${id}`, { key: emu.tenantKey })).status).toBe(404);
  });

  it("treats an empty JSON body as no body", async () => {
    const { id } = await emu.control.createNumber({ name: "Gone", number: "+5511999990009" });
    const r = await fetch(`${emu.url}/v1/numbers/${id}`, {
      method: "DELETE",
      headers: { "x-api-key": emu.tenantKey, "content-type": "application/json" },
    });
    expect(r.status).toBe(200);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const r = await get("/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(obj(r.body)).toHaveProperty("error");
  });

  it("applies out-of-band renames and bumps updatedAt", async () => {
    const n = await emu.control.createNumber({ name: "Old", number: "+5511999990007" });
    await emu.control.rename(n.id, { name: "New", number: "+5511999990008" });
    const d = await detail(n.id);
    expect(d).toMatchObject({ name: "New", number: "+5511999990008" });
    expect(Date.parse(d.updatedAt!)).toBeGreaterThan(Date.parse(n.updatedAt!));
  });
});

describe("Meta numbers", () => {
  const metaBody = {
    name: "Official",
    number: "+5511988880000",
    metaPhoneId: "1098765",
    [F.wabaId]: "2233445566",
    [F.accessToken]: "EAAG-super-secret-token",
    [F.appSecret]: "app-secret-value",
  };

  it("creates OPEN with webhook details, serves a meta snapshot and never the secrets", async () => {
    const r = await post("/v1/numbers/meta", metaBody);
    expect(r.status).toBe(201);
    const created = CreateMetaNumberResponse.parse(r.body);
    expect(created.instance).toMatchObject({ provider: "META", status: ASSUMED.metaInitialState });
    expect(created[ASSUMED.metaCreateResponseFields.verifyToken]).toBeTruthy();
    const d = await detail(created.instance.id);
    expect(d).toMatchObject({
      provider: "META",
      state: "OPEN",
      isFullyConnected: true,
      health: { qualityRating: "GREEN", messagingLimitTier: "TIER_1K", metaStatus: "CONNECTED", sendable: true },
    });
    expect(d.meta?.waba).toMatchObject({ id: "2233445566" });
    expect(d.meta?.phone).toHaveProperty("displayPhoneNumber");

    const everything = [r.body, d, (await get("/v1/numbers")).body, await emu.control.state()].map((b) => JSON.stringify(b)).join();
    expect(everything).not.toContain("super-secret");
    expect(everything).not.toContain("app-secret-value");
  });

  it("refreshes and persists the snapshot with ?refresh=1", async () => {
    const id = CreateMetaNumberResponse.parse((await post("/v1/numbers/meta", metaBody)).body).instance.id;
    const before = (await detail(id)).meta!.fetchedAt!;
    await emu.control.setHealth(id, { qualityRating: "YELLOW" });
    const cached = await detail(id);
    expect(cached.meta!.fetchedAt).toBe(before);
    expect(cached.health?.qualityRating).toBe("YELLOW");
    await new Promise((r) => setTimeout(r, 5));
    const refreshed = NumberDetail.parse((await get(`/v1/numbers/${id}?refresh=1`)).body);
    expect(Date.parse(refreshed.meta!.fetchedAt!)).toBeGreaterThan(Date.parse(before));
    expect(refreshed.meta!.phone).toMatchObject({ qualityRating: "YELLOW" });
    expect((await detail(id)).meta!.fetchedAt).toBe(refreshed.meta!.fetchedAt);
  });

  it("refuses /connect with 400 FEATURE_NOT_SUPPORTED and validates credentials", async () => {
    const id = CreateMetaNumberResponse.parse((await post("/v1/numbers/meta", metaBody)).body).instance.id;
    const r = await get(`/v1/numbers/${id}/connect`);
    expect(r.status).toBe(400);
    expect(obj(r.body).code).toBe(C.featureNotSupported);
    const missing = await post("/v1/numbers/meta", { ...metaBody, number: "+5511988880001", [F.accessToken]: undefined });
    expect(missing.status).toBe(400);
  });
});

describe("POST /v1/numbers/remote-pairing", () => {
  it("creates a CLOSE number with a pairing link", async () => {
    const r = await post("/v1/numbers/remote-pairing", { name: "Remote", number: "+5511977770000", sendViaWhatsApp: true });
    expect(r.status).toBe(201);
    const b = RemotePairingResponse.parse(r.body);
    expect(b.instance.state).toBe("CLOSE");
    expect(b.remotePairingUrl).toMatch(/^http:\/\//);
    expect(b.maskedNumber).toMatch(/^\+5511\*+0000$/);
    expect(b.messageSent).toBe(true);
    expect((await detail(b.instance.id)).state).toBe("CLOSE");
  });

  it("requires a number for PILOT_STATUS but not for META", async () => {
    const r = await post("/v1/numbers/remote-pairing", { name: "Remote" });
    expect(r.status).toBe(400);
    expect(obj(r.body).code).toBe(C.validation);
    const meta = await post("/v1/numbers/remote-pairing", { provider: "META", metaFlow: "embedded" });
    expect(meta.status).toBe(201);
    expect(RemotePairingResponse.parse(meta.body).maskedNumber).toBeNull();
  });
});
