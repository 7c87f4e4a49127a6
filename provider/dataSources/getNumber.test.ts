/** getNumbers and getNumber against the in-process emulator, configured through the environment. */
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { fastRetry } from "../../test/support/retry";
import { getNumber } from "./getNumber";
import { getNumbers } from "./getNumbers";

const emu = useEmulator({ env: true });

describe("getNumbers", () => {
  it("lists the tenant's numbers in E.164 with their summary fields, not other tenants'", async () => {
    const qr = await emu.control.createNumber({ name: "QR", number: "+5511900000001", state: "OPEN" });
    const meta = await emu.control.createNumber({ name: "Meta", number: "+5511900000002", provider: "META" });
    await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511900000003" });
    const { numbers } = await getNumbers();
    expect(numbers.map((n) => n.numberId).sort()).toEqual([qr.id, meta.id].sort());
    const q = numbers.find((n) => n.numberId === qr.id)!;
    expect(q).toEqual({
      numberId: qr.id,
      name: "QR",
      number: "+5511900000001",
      provider: "PILOT_STATUS",
      state: "OPEN",
      isFullyConnected: true,
      instanceName: qr.instanceName,
      createdAt: qr.createdAt,
      updatedAt: qr.updatedAt,
    });
    expect(numbers.find((n) => n.numberId === meta.id)!.provider).toBe("META");
  });

  it("an empty tenant gives an empty list", async () => {
    expect(await getNumbers()).toEqual({ numbers: [] });
  });

  it("401 for a wrong key", async () => {
    process.env.PILOT_STATUS_API_KEY = "ps_wrong";
    const e = await caught(getNumbers({}, fastRetry));
    expect(e.status).toBe(401);
  });
});

describe("getNumber", () => {
  it("by id: the number's detail", async () => {
    const n = await emu.control.createNumber({ name: "Meta", number: "+5511900000002", provider: "META" });
    const r = await getNumber({ numberId: n.id });
    expect(r.numberId).toBe(n.id);
    expect(r.number).toBe("+5511900000002");
    expect(r.health).toEqual(n.health);
    expect(r.meta?.fetchedAt).toBe(n.meta?.fetchedAt);
    expect((await emu.control.requests()).counts).toEqual({ "GET /v1/numbers/:id": 1 });
  });

  it("by number, written any common way: normalized and matched", async () => {
    await emu.control.createNumber({ name: "Other", number: "+5511900000009" });
    const n = await emu.control.createNumber({ name: "Support", number: "+5511999998888" });
    for (const written of ["+55 11 99999-8888", "5511999998888", "+55 (11) 99999.8888"]) {
      const r = await getNumber({ number: written });
      expect(r.numberId).toBe(n.id);
      expect(r.name).toBe("Support");
      expect(r.number).toBe("+5511999998888");
    }
  });

  it("by number: none in this tenant is a clear not_found", async () => {
    await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511977770000" });
    const e = await caught(getNumber({ number: "+55 11 97777-0000" }));
    expect(e.kind).toBe("not_found");
    expect(e.message).toContain("getNumber: no number +5511977770000 in this tenant");
  });

  it("by id: 404 keeps the client's message", async () => {
    const e = await caught(getNumber({ numberId: "wa_nope" }, fastRetry));
    expect(e.status).toBe(404);
    expect(e.message).toMatch(/number not found in this key's tenant/);
  });

  it.each([
    [{}, "give exactly one of `numberId` or `number` (got neither)"],
    [{ numberId: "wa_1", number: "+5511999998888" }, "give exactly one of `numberId` or `number` (got both)"],
    // Not phone-like, so not echoed (it could be a secret pasted into the wrong argument).
    [{ number: "call me" }, "`number` is not an E.164 phone number (its value, 7 characters, is not shown)"],
    [{ number: "+55 11 9" }, '`number` "+55 11 9" is not an E.164 phone number'],
    [{ numberId: " " }, "`numberId` must not be empty"],
  ])("refuses %j before any request", async (args, text) => {
    const e = await caught(getNumber(args as never));
    expect(e.kind).toBe("invalid_argument");
    expect(e.message).toContain(`getNumber: ${text}`);
    expect((await emu.control.requests()).total).toBe(0);
  });
});
