/** Every endpoint and every documented error, against the emulator on 127.0.0.1. */
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { PilotStatusClient, type PilotStatusClientOptions } from "./client";
import { PilotStatusError } from "./errors";

const emu = useEmulator();

const client = (o: Partial<PilotStatusClientOptions> = {}) =>
  new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url, retry: { baseDelayMs: 1, maxDelayMs: 10 }, ...o });

describe("numbers", () => {
  it("listNumbers returns the tenant's numbers only, digits without +", async () => {
    const a = await emu.control.createNumber({ name: "A", number: "+5511900000001", state: "OPEN" });
    await emu.control.createNumber({ name: "B", number: "+5511900000002", state: "CONNECTING" });
    await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511900000003" });
    const list = await client().listNumbers();
    expect(list.map((n) => n.name).sort()).toEqual(["A", "B"]);
    const first = list.find((n) => n.id === a.id)!;
    expect(first.number).toBe("5511900000001");
    expect(first.state).toBe("OPEN");
    expect(first.isFullyConnected).toBe(true);
  });

  it("getNumber returns detail with health; meta null for non-Meta", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    const d = await client().getNumber(n.id);
    expect(d.id).toBe(n.id);
    expect(d.name).toBe("A");
    expect(d.provider).toBe("PILOT_STATUS");
    expect(d.meta).toBeNull();
    expect(d.health).toBeDefined();
  });

  it("getNumber refresh=1 updates and persists meta.fetchedAt", async () => {
    const n = await emu.control.createNumber({ name: "M", number: "+5511900000009", provider: "META" });
    const c = client();
    const before = await c.getNumber(n.id);
    expect(before.provider).toBe("META");
    const f0 = before.meta!.fetchedAt!;
    await new Promise((r) => setTimeout(r, 5));
    const cached = await c.getNumber(n.id);
    expect(cached.meta!.fetchedAt).toBe(f0);
    const refreshed = await c.getNumber(n.id, { refresh: true });
    expect(Date.parse(refreshed.meta!.fetchedAt!)).toBeGreaterThan(Date.parse(f0));
    expect((await c.getNumber(n.id)).meta!.fetchedAt).toBe(refreshed.meta!.fetchedAt);
  });

  it("getNumberStatus returns the live state", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001", state: "CONNECTING" });
    const s = await client().getNumberStatus(n.id);
    expect(s.state).toBe("CONNECTING");
    expect(s.isFullyConnected).toBe(false);
    await emu.control.pair(n.id);
    expect((await client().getNumberStatus(n.id)).state).toBe("OPEN");
  });

  it("createNumber → 201 CONNECTING with pairing material; duplicate → 409 adopt", async () => {
    const c = client();
    const created = await c.createNumber({ name: "New", number: "+5511988887777" });
    expect(created.instance.number).toBe("5511988887777");
    expect(created.instance.status ?? created.instance.state).toBe("CONNECTING");
    expect(created.qrcodeBase64).toMatch(/^data:image\/png;base64,/);
    expect(created.linkedApiKeyId ?? null).toBeNull();
    expect((await c.listNumbers()).map((n) => n.id)).toContain(created.instance.id);

    const dup = await caught(c.createNumber({ name: "Again", number: "+5511988887777" }));
    expect(dup.status).toBe(409);
    expect(dup.code).toBe("NUMBER_ALREADY_EXISTS");
    expect(PilotStatusError.isAlreadyExists(dup)).toBe(true);
    expect(dup.message).toMatch(/adopt/);
    expect(dup.method).toBe("POST");
    expect(dup.path).toBe("/v1/numbers");
  });

  it("invalid bodies are refused before any request; the API's own 400 is mapped", async () => {
    const c = client();
    const bad = await caught(c.createNumber({ name: "", number: "+5511988887777" }));
    expect(bad.kind).toBe("invalid_argument");
    expect(bad.message).toMatch(/name/);
    await caught(c.createMetaNumber({ name: "M", number: "1", metaPhoneId: "p" } as never));
    expect((await emu.control.requests()).total).toBe(0);

    const server = await caught(c.createNumber({ name: "N", number: "not-a-number" }));
    expect(server.status).toBe(400);
    expect(server.kind).toBe("bad_request");
    expect(server.code).toBe("VALIDATION_ERROR");
    expect(server.apiError).toBeTruthy();
  });

  it("connectNumber: new QR when not OPEN; 409 when OPEN; 400 for Meta", async () => {
    const c = client();
    const closed = await emu.control.createNumber({ name: "A", number: "+5511900000001", state: "CLOSE" });
    const qr = await c.connectNumber(closed.id);
    expect(qr.qrcodeBase64).toBeTruthy();
    expect((await c.getNumberStatus(closed.id)).state).toBe("CONNECTING");

    const open = await emu.control.createNumber({ name: "B", number: "+5511900000002", state: "OPEN" });
    const e = await caught(c.connectNumber(open.id));
    expect(e.status).toBe(409);
    expect(e.kind).toBe("conflict");
    expect(e.message).toMatch(/already connected/);

    const meta = await emu.control.createNumber({ name: "M", number: "+5511900000003", provider: "META" });
    const m = await caught(c.connectNumber(meta.id));
    expect(m.status).toBe(400);
    expect(m.code).toBe("FEATURE_NOT_SUPPORTED");
  });

  it("deleteNumber → ok, then 404 not found", async () => {
    const c = client();
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    expect((await c.deleteNumber(n.id)).ok).toBe(true);
    const e = await caught(c.getNumber(n.id));
    expect(e.status).toBe(404);
    expect(PilotStatusError.isNotFound(e)).toBe(true);
    expect(e.message).toMatch(/not found in this key's tenant/);
    expect((await caught(c.deleteNumber(n.id))).kind).toBe("not_found");
  });

  it("another tenant's number and an unknown id are 404", async () => {
    const other = await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511900000003" });
    expect((await caught(client().getNumber(other.id))).status).toBe(404);
    expect((await caught(client().getNumberStatus("wa_does_not_exist"))).status).toBe(404);
    expect((await caught(client().deleteNumber(other.id))).status).toBe(404);
  });

  it("createMetaNumber → OPEN META number with webhook URL and verify token, no secrets echoed", async () => {
    const res = await client().createMetaNumber({
      name: "Meta",
      number: "+5511977776666",
      metaPhoneId: "1098765",
      metaWabaId: "2233",
      metaAccessToken: "EAAG-secret-token",
    });
    expect(res.instance.provider).toBe("META");
    expect(res.webhookUrl).toMatch(/^https?:\/\//);
    expect(res.verifyToken).toBeTruthy();
    expect(JSON.stringify(res)).not.toContain("EAAG-secret-token");
    expect((await client().getNumberStatus(res.instance.id)).state).toBe("OPEN");
  });

  it("createRemotePairing → CLOSE number and a pairing URL", async () => {
    const res = await client().createRemotePairing({ name: "Remote", number: "+5511966665555", externalRef: "crm-1" });
    expect(res.remotePairingUrl).toMatch(/^https?:\/\//);
    expect((await client().getNumberStatus(res.instance.id)).state).toBe("CLOSE");
  });
});

describe("auth", () => {
  it("wrong key → 401 that says where the key comes from", async () => {
    const e = await caught(client({ apiKey: "ps_wrong_key" }).listNumbers());
    expect(e.status).toBe(401);
    expect(e.kind).toBe("unauthorized");
    expect(e.message).toMatch(/pilotstatus:apiKey/);
    expect(e.message).toMatch(/PILOT_STATUS_API_KEY/);
    expect(e.retries).toBe(0);
  });

  it("apiKeyId authenticates via x-api-key-id; a wrong id is 401", async () => {
    await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    const ok = new PilotStatusClient({ apiKeyId: emu.tenantKeyId, baseUrl: emu.url });
    expect(await ok.listNumbers()).toHaveLength(1);
    const bad = new PilotStatusClient({ apiKeyId: "key_nope", baseUrl: emu.url });
    expect((await caught(bad.listNumbers())).status).toBe(401);
  });

  it("the other tenant's key sees only its own numbers", async () => {
    await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    expect(await client({ apiKey: emu.otherTenantKey }).listNumbers()).toEqual([]);
  });
});

describe("calls", () => {
  async function callNumber() {
    const n = await emu.control.createNumber({ name: "M", number: "+5511900000009", provider: "META" });
    await emu.control.addCalls(n.id, { count: 5, spacingSeconds: 60 });
    return n;
  }

  it("tenant key → 403 TENANT_SCOPE_NOT_ALLOWED saying a number-scoped key is needed", async () => {
    await callNumber();
    const e = await caught(client().listCalls());
    expect(e.status).toBe(403);
    expect(e.code).toBe("TENANT_SCOPE_NOT_ALLOWED");
    expect(e.message).toMatch(/number-scoped API key/);
  });

  it("number key and tenant key + numberId both list calls newest first", async () => {
    const n = await callNumber();
    const byKey = await client({ apiKey: n.numberKey }).listCalls();
    expect(byKey.calls).toHaveLength(5);
    const times = byKey.calls.map((c) => Date.parse(c.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byId = await client({ numberId: n.id }).listCalls({ limit: 2 });
    expect(byId.calls.map((c) => c.id)).toEqual(byKey.calls.slice(0, 2).map((c) => c.id));
    const older = await client({ apiKey: n.numberKey }).listCalls({ before: byKey.calls[1]!.createdAt });
    expect(older.calls.map((c) => c.id)).toEqual(byKey.calls.slice(2).map((c) => c.id));
  });

  it("getCall returns one call; unknown id → 404 CALL_NOT_FOUND", async () => {
    const n = await callNumber();
    const c = client({ apiKey: n.numberKey });
    const first = (await c.listCalls({ limit: 1 })).calls[0]!;
    expect(await c.getCall(first.id)).toMatchObject({ id: first.id, createdAt: first.createdAt });
    const e = await caught(c.getCall("call_missing"));
    expect(e.status).toBe(404);
    expect(e.code).toBe("CALL_NOT_FOUND");
    expect(e.message).toMatch(/call not found/);
  });

  it("limit and before are validated before any request", async () => {
    const n = await callNumber();
    await emu.control.resetRequests();
    const c = client({ apiKey: n.numberKey });
    for (const limit of [0, 101, 1.5, Number.NaN]) {
      expect((await caught(c.listCalls({ limit }))).kind).toBe("invalid_argument");
    }
    for (const before of ["yesterday", "2026-07-03", "2026-13-03T00:00:00Z"]) {
      expect((await caught(c.listCalls({ before }))).kind).toBe("invalid_argument");
    }
    expect((await emu.control.requests()).total).toBe(0);
  });
});
