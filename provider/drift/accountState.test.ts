import { describe, expect, it } from "vitest";
import { PilotStatusError } from "../client";
import type { NumberDetail, NumberSummary } from "../client/schemas";
import { type AccountReader, fetchAccountState } from "./accountState";

const summary = (i: number): NumberSummary => ({
  id: `wa_${i}`,
  instanceName: `PS-${i}`,
  number: `55119${String(i).padStart(8, "0")}`,
  name: `N${i}`,
  provider: "PILOT_STATUS",
  apiKeys: [{ name: "Default", keyPrefix: "ps_1234", keyLast4: "abcd" }],
  state: "OPEN",
  isFullyConnected: true,
  createdAt: "2025-01-01T00:00:00.000Z",
});

/** A fake account of `n` numbers that records how many detail calls run at once. */
function account(n: number, fail?: (id: string) => Error | undefined) {
  let inFlight = 0;
  const seen = { maxInFlight: 0, details: 0 };
  const reader: AccountReader = {
    listNumbers: async () => Array.from({ length: n }, (_, i) => summary(i)),
    getNumber: async (id: string): Promise<NumberDetail> => {
      seen.details++;
      inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      const e = fail?.(id);
      if (e) throw e;
      const i = Number(id.slice(3));
      return {
        ...summary(i),
        number: `+${summary(i).number}`,
        health: { qualityRating: "GREEN", messagingLimitTier: null, metaStatus: null, sendable: true },
        meta: { fetchedAt: null },
      };
    },
  };
  return { reader, seen };
}

const ids = (n: number) => new Set(Array.from({ length: n }, (_, i) => `wa_${i}`));

describe("fetchAccountState", () => {
  it("reads each declared number's detail with at most `concurrency` in flight, and keeps only what compare reads", async () => {
    const { reader, seen } = account(500);
    const r = await fetchAccountState(reader, ids(300), { concurrency: 4 });
    expect(seen).toEqual({ maxInFlight: 4, details: 300 });
    expect(r.details.size).toBe(300);
    expect(r.numbers).toHaveLength(500);
    expect(r.numbers[0]).toEqual({
      id: "wa_0",
      number: "5511900000000",
      name: "N0",
      provider: "PILOT_STATUS",
      state: "OPEN",
      isFullyConnected: true,
    });
    expect(r.details.get("wa_1")).toEqual({
      id: "wa_1",
      number: "+5511900000001",
      name: "N1",
      provider: "PILOT_STATUS",
      state: "OPEN",
      isFullyConnected: true,
      health: { qualityRating: "GREEN", messagingLimitTier: null, metaStatus: null, sendable: true },
    });
    expect(r).toMatchObject({ listRequests: 1, detailRequests: 300 });
  });

  it("with details: false, lists only", async () => {
    const { reader, seen } = account(50);
    const r = await fetchAccountState(reader, ids(50), { concurrency: 4, details: false });
    expect(seen.details).toBe(0);
    expect(r).toMatchObject({ listRequests: 1, detailRequests: 0 });
    expect(r.details.size).toBe(0);
  });

  it("counts a 404 as vanished, and stops sending after any other failure", async () => {
    const notFound = new PilotStatusError({
      kind: "not_found",
      status: 404,
      method: "GET",
      path: "/v1/numbers/wa_3",
      message: "not found",
    });
    const vanished = account(20, (id) => (id === "wa_3" ? notFound : undefined));
    const r = await fetchAccountState(vanished.reader, ids(20), { concurrency: 2 });
    expect([...(r.vanished ?? [])]).toEqual(["wa_3"]);
    expect(r.details.size).toBe(19);

    const broken = account(1000, (id) => (id === "wa_10" ? new Error("boom") : undefined));
    await expect(fetchAccountState(broken.reader, ids(1000), { concurrency: 4 })).rejects.toThrow("boom");
    // The ones in flight when it failed finish; nothing new starts.
    expect(broken.seen.details).toBeLessThanOrEqual(11 + 4);
  });
});
