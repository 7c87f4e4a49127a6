/** getNumberHealth against the in-process emulator, configured through the environment. */
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { fastRetry } from "../../test/support/retry";
import { getNumberHealth } from "./getNumberHealth";

const emu = useEmulator({ env: true });

describe("getNumberHealth", () => {
  it("reads a QR number: E.164 number, health without Meta fields, meta null", async () => {
    const n = await emu.control.createNumber({ name: "Support", number: "5511988887777" });
    await emu.control.pair(n.id);
    const r = await getNumberHealth({ numberId: n.id });
    expect(r).toEqual({
      numberId: n.id,
      name: "Support",
      number: "+5511988887777",
      provider: "PILOT_STATUS",
      state: "OPEN",
      isFullyConnected: true,
      health: { qualityRating: null, messagingLimitTier: null, metaStatus: null, sendable: true },
      meta: null,
    });
  });

  it("reads a Meta number's health and snapshot; refresh fetches live and changes fetchedAt", async () => {
    const n = await emu.control.createNumber({ name: "Sales", number: "+5511977776666", provider: "META" });
    await emu.control.setHealth(n.id, { qualityRating: "YELLOW", messagingLimitTier: "TIER_10K" });
    const cached = await getNumberHealth({ numberId: n.id });
    expect(cached.number).toBe("+5511977776666");
    expect(cached.provider).toBe("META");
    expect(cached.health).toEqual({ qualityRating: "YELLOW", messagingLimitTier: "TIER_10K", metaStatus: "CONNECTED", sendable: true });
    expect(cached.meta).not.toBeNull();
    const before = cached.meta!.fetchedAt!;
    // The cached snapshot predates the health change; only a refresh shows it.
    expect(cached.meta!.phone).toMatchObject({ qualityRating: "GREEN" });
    expect(Object.keys(cached.meta!).sort()).toEqual(["fetchedAt", "phone", "profile", "waba"]);

    while (Date.now() <= Date.parse(before)) await new Promise((r) => setTimeout(r, 2));
    const live = await getNumberHealth({ numberId: n.id, refresh: true });
    expect(Date.parse(live.meta!.fetchedAt!)).toBeGreaterThan(Date.parse(before));
    expect(live.meta!.phone).toMatchObject({ qualityRating: "YELLOW", messagingLimitTier: "TIER_10K" });
    expect((await getNumberHealth({ numberId: n.id })).meta!.fetchedAt).toBe(live.meta!.fetchedAt);
  });

  it("404 for an unknown id keeps the client's message", async () => {
    const e = await caught(getNumberHealth({ numberId: "wa_missing" }, fastRetry));
    expect(e.kind).toBe("not_found");
    expect(e.status).toBe(404);
    expect(e.message).toMatch(/not found in this key's tenant/);
  });

  it("404 for another tenant's number", async () => {
    const n = await emu.control.createNumber({ tenant: "other", name: "X", number: "+5511900000003" });
    const e = await caught(getNumberHealth({ numberId: n.id }, fastRetry));
    expect(e.status).toBe(404);
  });

  it("401 for a wrong key says where the key comes from", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    process.env.PILOT_STATUS_API_KEY = "ps_not_a_real_key";
    const e = await caught(getNumberHealth({ numberId: n.id }, fastRetry));
    expect(e.kind).toBe("unauthorized");
    expect(e.message).toContain("pilotstatus:apiKey");
    expect(e.message).not.toContain("ps_not_a_real_key");
  });

  it("validates arguments before any request, naming the argument", async () => {
    const empty = await caught(getNumberHealth({ numberId: "  " }));
    expect(empty.kind).toBe("invalid_argument");
    expect(empty.message).toMatch(/^getNumberHealth: `numberId` /);
    const typo = await caught(getNumberHealth({ numberId: "wa_1", refersh: true } as never));
    expect(typo.message).toContain("`refersh`");
    const missing = await caught(getNumberHealth({} as never));
    expect(missing.message).toContain("`numberId`");
    expect((await emu.control.requests()).total).toBe(0);
  });

  it("base URL option overrides the environment", async () => {
    const n = await emu.control.createNumber({ name: "A", number: "+5511900000001" });
    process.env.PILOT_STATUS_BASE_URL = "http://127.0.0.1:9"; // nothing listens on the discard port
    const r = await getNumberHealth({ numberId: n.id }, { baseUrl: emu.url });
    expect(r.numberId).toBe(n.id);
  });
});
