import { describe, expect, it } from "vitest";
import { ASSUMED, ApiErrorBody, NumberList } from "pulumi-pilotstatus/contract";
import { useEmulator } from "../test/support/emulator";
import { startEmulator, TENANT_KEY_ENV } from "./index";
import { obj, request } from "../test/support/http";

const C = ASSUMED.errorCodes;
const emu = useEmulator();

describe("authentication", () => {
  it("rejects a missing or unknown key with 401 Unauthorized", async () => {
    for (const opts of [{}, { key: "ps_nope" }, { keyId: "key_nope" }, { key: "" }]) {
      const r = await request(emu.url, "GET", "/v1/numbers", opts);
      expect(r.status).toBe(401);
      expect(ApiErrorBody.parse(r.body)).toEqual({ error: "Unauthorized", code: C.unauthorized });
    }
  });

  it("accepts the raw key and the key id", async () => {
    await emu.control.createNumber({ name: "A", number: "+5511911110000" });
    const byKey = await request(emu.url, "GET", "/v1/numbers", { key: emu.tenantKey });
    const byId = await request(emu.url, "GET", "/v1/numbers", { keyId: emu.tenantKeyId });
    expect(byKey.status).toBe(200);
    expect(byId.status).toBe(200);
    expect(NumberList.parse(byKey.body).map((n) => n.name)).toEqual(["A"]);
    expect(byId.body).toEqual(byKey.body);
  });

  it("lets a number-scoped key list its tenant's numbers and loses it with its number", async () => {
    const a = await emu.control.createNumber({ name: "A", number: "+5511911110001" });
    await emu.control.createNumber({ name: "B", number: "+5511911110002" });
    const list = await request(emu.url, "GET", "/v1/numbers", { key: a.numberKey });
    expect(NumberList.parse(list.body).map((n) => n.name)).toEqual(["A", "B"]);
    expect((await request(emu.url, "GET", "/v1/numbers", { keyId: a.numberKeyId })).status).toBe(200);
    await emu.control.deleteNumber(a.id);
    expect((await request(emu.url, "GET", "/v1/numbers", { key: a.numberKey })).status).toBe(401);
  });
});

describe("tenant isolation", () => {
  it("answers 404 for another tenant's number on every per-number route", async () => {
    const theirs = await emu.control.createNumber({ tenant: "other", name: "Theirs", number: "+5511922220000" });
    const key = emu.tenantKey;
    for (const [method, path] of [
      ["GET", `/v1/numbers/${theirs.id}`],
      ["GET", `/v1/numbers/${theirs.id}/status`],
      ["GET", `/v1/numbers/${theirs.id}/connect`],
      ["DELETE", `/v1/numbers/${theirs.id}`],
    ] as const) {
      const r = await request(emu.url, method, path, { key });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(obj(r.body).code).toBe(C.numberNotFound);
    }
    expect(NumberList.parse((await request(emu.url, "GET", "/v1/numbers", { key })).body)).toEqual([]);
    const own = await request(emu.url, "GET", "/v1/numbers", { key: emu.otherTenantKey });
    expect(NumberList.parse(own.body).map((n) => n.id)).toEqual([theirs.id]);
  });

  it("lets the same number exist once in each tenant", async () => {
    await emu.control.createNumber({ name: "Mine", number: "+5511933330000" });
    const r = await request(emu.url, "POST", "/v1/numbers", {
      key: emu.otherTenantKey,
      body: { name: "Theirs", number: "+5511933330000" },
    });
    expect(r.status).toBe(201);
  });
});

describe("calls scope", () => {
  it("refuses a tenant key unless it names one of its numbers", async () => {
    const mine = await emu.control.createNumber({ name: "Mine", number: "+5511944440000", state: "OPEN" });
    const theirs = await emu.control.createNumber({ tenant: "other", name: "T", number: "+5511944440001", state: "OPEN" });
    const denied = await request(emu.url, "GET", "/v1/calls", { key: emu.tenantKey });
    expect(denied.status).toBe(403);
    expect(obj(denied.body).code).toBe(C.tenantScopeNotAllowed);
    const named = await request(emu.url, "GET", "/v1/calls", {
      key: emu.tenantKey,
      headers: { [ASSUMED.headers.numberId]: mine.id },
    });
    expect(named.status).toBe(200);
    const foreign = await request(emu.url, "GET", "/v1/calls", {
      key: emu.tenantKey,
      headers: { [ASSUMED.headers.numberId]: theirs.id },
    });
    expect(foreign.status).toBe(403);
    expect((await request(emu.url, "GET", "/v1/calls", { key: mine.numberKey })).status).toBe(200);
  });
});

describe("tenant key override", () => {
  it("uses PILOT_STATUS_EMULATOR_TENANT_KEY when set", async () => {
    process.env[TENANT_KEY_ENV] = "ps_custom_ci_key";
    const custom = await startEmulator({ port: 0 });
    delete process.env[TENANT_KEY_ENV];
    try {
      expect(custom.tenantKey).toBe("ps_custom_ci_key");
      expect((await request(custom.url, "GET", "/v1/numbers", { key: "ps_custom_ci_key" })).status).toBe(200);
      expect((await request(custom.url, "GET", "/v1/numbers", { key: emu.tenantKey })).status).toBe(401);
    } finally {
      await custom.stop();
    }
  });
});
