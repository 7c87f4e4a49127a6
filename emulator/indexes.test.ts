/**
 * Behaviour the store's indexes must keep (keys by raw value and by number, numbers per tenant, phone numbers per
 * tenant, calls per number sorted by time), seen through the HTTP API as a client sees it.
 */
import { describe, expect, it } from "vitest";
import { ASSUMED, Call, CallList, CreateNumberResponse, NumberDetail, NumberList } from "pulumi-pilotstatus/contract";
import { useEmulator } from "../test/support/emulator";
import { ControlError } from "./index";
import { obj, request } from "../test/support/http";

const C = ASSUMED.errorCodes;
const emu = useEmulator();
const get = (path: string, key = emu.tenantKey) => request(emu.url, "GET", path, { key });
const list = async (key = emu.tenantKey) => NumberList.parse((await get("/v1/numbers", key)).body);
const detail = async (id: string, key = emu.tenantKey) => NumberDetail.parse((await get(`/v1/numbers/${id}`, key)).body);
const post = (path: string, body: unknown, key = emu.tenantKey) => request(emu.url, "POST", path, { key, body });
const del = (path: string, key = emu.tenantKey) => request(emu.url, "DELETE", path, { key });

describe("keys of a deleted number", () => {
  it("are rejected by raw value and by id, on every route, while the other keys keep working", async () => {
    const gone = await emu.control.createNumber({ name: "Gone", number: "+5511910000001", state: "OPEN" });
    const kept = await emu.control.createNumber({ name: "Kept", number: "+5511910000002", state: "OPEN" });
    expect((await del(`/v1/numbers/${gone.id}`)).status).toBe(200);

    for (const path of ["/v1/numbers", `/v1/numbers/${kept.id}`, "/v1/calls"]) {
      for (const opts of [{ key: gone.numberKey }, { keyId: gone.numberKeyId }]) {
        const r = await request(emu.url, "GET", path, opts);
        expect(r.status, `${path} ${JSON.stringify(opts)}`).toBe(401);
        expect(obj(r.body).code).toBe(C.unauthorized);
      }
    }
    expect((await get("/v1/calls", kept.numberKey)).status).toBe(200);
    expect((await list(kept.numberKey)).map((n) => n.id)).toEqual([kept.id]);
    expect((await list()).map((n) => n.id)).toEqual([kept.id]);
    // The tenant key cannot name it for the calls routes either.
    const named = await request(emu.url, "GET", "/v1/calls", { key: emu.tenantKey, headers: { [ASSUMED.headers.numberId]: gone.id } });
    expect(named.status).toBe(403);
    expect(obj(named.body).code).toBe(C.tenantScopeNotAllowed);
  });

  it("a key relinked to a new number goes with that number, listed before the new number's own key", async () => {
    const first = await emu.control.createNumber({ name: "First", number: "+5511910000011" });
    const created = await post("/v1/numbers", { name: "Second", number: "+5511910000012" }, first.numberKey);
    const second = CreateNumberResponse.parse(created.body).instance.id;

    const state = await emu.control.state();
    expect(state.tenants.default!.numbers.map((n) => [n.name, n.keys.length])).toEqual([
      ["First", 0],
      ["Second", 2],
    ]);
    const [linked, own] = state.tenants.default!.numbers[1]!.keys;
    expect(linked!.keyId).toBe(first.numberKeyId);
    expect(own!.keyId).not.toBe(first.numberKeyId);
    const apiKeys = (await detail(second)).apiKeys!;
    expect(apiKeys[0]).toEqual({ name: "Default", keyPrefix: first.numberKey.slice(0, 7), keyLast4: first.numberKey.slice(-4) });
    expect(apiKeys).toHaveLength(2);
    expect((await detail(first.id)).apiKeys).toEqual([]);
    // Both are named "Default": the control API's key of the number is the first of them, the relinked one.
    expect(await emu.control.numberKey(second)).toEqual({ key: first.numberKey, keyId: first.numberKeyId });
    expect((await request(emu.url, "GET", `/v1/numbers/${second}/status`, { keyId: own!.keyId })).status).toBe(200);

    await emu.control.deleteNumber(second);
    expect((await get("/v1/numbers", first.numberKey)).status).toBe(401);
    expect((await request(emu.url, "GET", "/v1/numbers", { keyId: own!.keyId })).status).toBe(401);
    expect((await list()).map((n) => n.name)).toEqual(["First"]);
    expect((await request(emu.url, "GET", `/__emulator/numbers/${first.id}/key`)).status).toBe(400);
  });
});

describe("phone numbers per tenant", () => {
  it("the same phone number lives once in each tenant; each sees, renames and deletes only its own", async () => {
    const mine = await emu.control.createNumber({ name: "Mine", number: "+5511920000001" });
    const theirs = await emu.control.createNumber({ tenant: "other", name: "Theirs", number: "+5511920000001" });
    expect((await post("/v1/numbers", { name: "Again", number: "5511920000001" }, emu.otherTenantKey)).status).toBe(409);

    expect((await list()).map((n) => n.id)).toEqual([mine.id]);
    expect((await list(emu.otherTenantKey)).map((n) => n.id)).toEqual([theirs.id]);
    expect((await get(`/v1/numbers/${theirs.id}`)).status).toBe(404);
    expect((await del(`/v1/numbers/${theirs.id}`)).status).toBe(404);

    // Renaming onto a number the other tenant holds is fine; onto one of its own is 409.
    const other2 = await emu.control.createNumber({ tenant: "other", name: "Theirs 2", number: "+5511920000002" });
    await emu.control.rename(mine.id, { number: "+5511920000002" });
    expect((await detail(mine.id)).number).toBe("+5511920000002");
    const clash = await request(emu.url, "PATCH", `/__emulator/numbers/${other2.id}`, { body: { number: "+5511920000001" } });
    expect(clash.status).toBe(409);
    expect(obj(clash.body).code).toBe(C.numberAlreadyExists);
    // Renaming a number onto its own phone number is not a clash.
    await emu.control.rename(other2.id, { number: "5511920000002" });

    // The old phone number is free in the default tenant after the rename, still taken in the other one.
    expect((await post("/v1/numbers", { name: "Reuse", number: "+5511920000001" })).status).toBe(201);
    expect((await post("/v1/numbers", { name: "Dup", number: "+5511920000002" })).status).toBe(409);

    // Deleting one tenant's copy frees it there only.
    expect((await del(`/v1/numbers/${theirs.id}`, emu.otherTenantKey)).status).toBe(200);
    expect((await post("/v1/numbers", { name: "Back", number: "+5511920000001" }, emu.otherTenantKey)).status).toBe(201);
    expect((await post("/v1/numbers", { name: "Dup", number: "+5511920000001" })).status).toBe(409);
    expect((await list()).map((n) => n.name)).toEqual(["Mine", "Reuse"]);
    expect((await list(emu.otherTenantKey)).map((n) => n.name)).toEqual(["Theirs 2", "Back"]);
  });

  it("lists in creation order after deletes in the middle", async () => {
    const { ids } = await emu.control.seed({ count: 5, numberStart: "5511930000000" });
    await del(`/v1/numbers/${ids[1]}`);
    await emu.control.deleteNumber(ids[3]!);
    const again = await emu.control.createNumber({ name: "Sixth", number: "+5511930000001" }); // ids[1]'s number, free again
    expect((await list()).map((n) => n.id)).toEqual([ids[0], ids[2], ids[4], again.id]);
  });
});

describe("seeding", () => {
  it("takes more than the old cap of 10,000 in one call, skipping numbers already taken", async () => {
    await emu.control.createNumber({ name: "Taken", number: "+5511940000001" });
    const { ids } = await emu.control.seed({ count: 12_000, numberStart: "5511940000000", namePrefix: "Shop" });
    expect(new Set(ids).size).toBe(12_000);
    const listed = await list();
    expect(listed).toHaveLength(12_001);
    expect(listed.slice(0, 4).map((n) => [n.name, n.number])).toEqual([
      ["Taken", "5511940000001"],
      ["Shop 1", "5511940000000"],
      ["Shop 2", "5511940000002"],
      ["Shop 3", "5511940000003"],
    ]);
    expect(listed.at(-1)).toMatchObject({ name: "Shop 12000", number: "5511940012000" });
    expect(listed.slice(1).map((n) => n.id)).toEqual(ids);
  });

  it("adds a list of partial calls longer than Fastify's default 1 MiB body", async () => {
    const n = await emu.control.createNumber({ name: "Many", number: "+5511940200000", state: "OPEN" });
    const calls = Array.from({ length: 20_000 }, (_, i) => ({
      id: `call_listed_${i}`,
      createdAt: new Date(Date.parse("2026-01-01T00:00:00.000Z") - i * 1000).toISOString(),
      peerNumber: "5511900000000",
    }));
    expect(JSON.stringify({ calls }).length).toBeGreaterThan(1024 * 1024);
    const { ids } = await emu.control.addCalls(n.id, { calls });
    expect(ids).toEqual(calls.map((c) => c.id));
    expect(CallList.parse((await get("/v1/calls?limit=2", n.numberKey)).body).calls.map((c) => c.id)).toEqual([
      "call_listed_0",
      "call_listed_1",
    ]);
  });

  it("refuses a count above its safety cap with 400, saying it is a safety cap", async () => {
    for (const attempt of [
      () => emu.control.seed({ count: 1_000_001 }),
      async () => emu.control.addCalls((await emu.control.createNumber({ name: "C", number: "+5511940100000" })).id, { count: 1_000_001 }),
    ]) {
      const e = await attempt().then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ControlError);
      expect((e as ControlError).status).toBe(400);
      expect(obj((e as ControlError).body).error).toMatch(/^count: at most 1000000 per call \(a safety cap/);
    }
  });
});

describe("GET /v1/calls paging through calls sharing createdAt", () => {
  const at = (s: number) => new Date(Date.parse("2026-07-03T15:00:00.000Z") - s * 1000).toISOString();
  const page = async (key: string, limit: number, before?: string) => {
    const r = await get(`/v1/calls?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ""}`, key);
    expect(r.status).toBe(200);
    return CallList.parse(r.body).calls;
  };

  it("orders ties in the order they were added (across calls to addCalls), newest first, `before` strict", async () => {
    const n = await emu.control.createNumber({ name: "Ties", number: "+5511950000001", state: "OPEN" });
    // Added out of order, in three batches; t1 is shared by five calls from two batches.
    await emu.control.addCalls(n.id, {
      calls: [
        { id: "c_t2_a", createdAt: at(2) },
        { id: "c_t1_a", createdAt: at(1) },
        { id: "c_t0", createdAt: at(0) },
      ],
    });
    await emu.control.addCalls(n.id, {
      calls: [
        { id: "c_t1_b", createdAt: at(1) },
        { id: "c_t3", createdAt: at(3) },
        { id: "c_t1_c", createdAt: at(1) },
      ],
    });
    await emu.control.addCalls(n.id, {
      calls: [
        { id: "c_t1_d", createdAt: at(1) },
        { id: "c_t1_e", createdAt: at(1) },
        { id: "c_t4", createdAt: at(4) },
      ],
    });
    const order = ["c_t0", "c_t1_a", "c_t1_b", "c_t1_c", "c_t1_d", "c_t1_e", "c_t2_a", "c_t3", "c_t4"];
    expect((await page(n.numberKey, 100)).map((c) => c.id)).toEqual(order);

    // A page boundary inside the tie: the first page ends in it...
    const first = await page(n.numberKey, 3);
    expect(first.map((c) => c.id)).toEqual(["c_t0", "c_t1_a", "c_t1_b"]);
    // ...and `before` its createdAt is strict: the rest of the tie is not on the next page.
    const next = await page(n.numberKey, 3, first.at(-1)!.createdAt);
    expect(next.map((c) => c.id)).toEqual(["c_t2_a", "c_t3", "c_t4"]);
    expect((await page(n.numberKey, 100, at(1))).map((c) => c.id)).toEqual(["c_t2_a", "c_t3", "c_t4"]);
    // Just after the tie's millisecond: all of it, in order.
    const justAfter = new Date(Date.parse(at(1)) + 1).toISOString();
    expect((await page(n.numberKey, 100, justAfter)).map((c) => c.id)).toEqual(order.slice(1));
    expect((await page(n.numberKey, 2, justAfter)).map((c) => c.id)).toEqual(["c_t1_a", "c_t1_b"]);
    // Before everything: empty; after everything: from the newest.
    expect(await page(n.numberKey, 100, at(4))).toEqual([]);
    expect((await page(n.numberKey, 1, at(-10))).map((c) => c.id)).toEqual(["c_t0"]);
  });

  it("pages a long history of two interleaved batches exactly, at any depth", async () => {
    const n = await emu.control.createNumber({ name: "Deep", number: "+5511950000002", state: "OPEN" });
    const newest = Date.parse("2026-07-03T15:00:00.000Z");
    const { ids } = await emu.control.addCalls(n.id, { count: 5000, newestAt: new Date(newest).toISOString(), spacingSeconds: 1 });
    // A second batch interleaved with the first (every call 500 ms after one of the first batch).
    const { ids: more } = await emu.control.addCalls(n.id, {
      count: 5000,
      newestAt: new Date(newest + 500).toISOString(),
      spacingSeconds: 1,
    });
    const all = ids.flatMap((id, i) => [more[i]!, id]);
    const dumped = (await emu.control.state()).tenants.default!.numbers.find((x) => x.id === n.id)!.calls;
    expect(dumped.map((c) => c.id)).toEqual(all);
    for (const depth of [0, 1, 2, 999, 1000, 1001, 7777, 9899, 9999]) {
      const before = dumped[depth]!.createdAt;
      const got = await page(n.numberKey, 100, before);
      expect(
        got.map((c) => c.id),
        `before #${depth}`,
      ).toEqual(all.slice(depth + 1, depth + 101));
    }
  });

  it("finds a call by id within its own number only, even when another number has a call with that id", async () => {
    const a = await emu.control.createNumber({ name: "A", number: "+5511950000003", state: "OPEN" });
    const b = await emu.control.createNumber({ name: "B", number: "+5511950000004", state: "OPEN" });
    await emu.control.addCalls(a.id, { calls: [{ id: "call_shared", status: "MISSED", createdAt: at(5) }] });
    await emu.control.addCalls(b.id, { calls: [{ id: "call_shared", status: "COMPLETED", createdAt: at(6) }] });
    const fromA = Call.parse((await get("/v1/calls/call_shared", a.numberKey)).body);
    const fromB = Call.parse((await get("/v1/calls/call_shared", b.numberKey)).body);
    expect([fromA.status, fromA.createdAt, fromB.status, fromB.createdAt]).toEqual(["MISSED", at(5), "COMPLETED", at(6)]);
    await emu.control.deleteNumber(a.id);
    expect((await get("/v1/calls/call_shared", b.numberKey)).status).toBe(200);
  });
});
