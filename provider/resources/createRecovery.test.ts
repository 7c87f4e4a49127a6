import { describe, expect, it } from "vitest";
import { type NumberSummary, type PilotStatusClient, PilotStatusError } from "../client";
import { createOnce } from "./createRecovery";

const TARGET = { number: "+5511999992001", name: "Support", provider: "PILOT_STATUS" };
const unknownOutcome = () =>
  new PilotStatusError({ kind: "network", method: "POST", path: "/v1/numbers", outcomeUnknown: true, message: "socket hang up" });

/** A client whose listing answers `listed` (the only call recovery makes). */
function listing(listed: () => NumberSummary[]): PilotStatusClient {
  return { listNumbers: async () => listed() } as unknown as PilotStatusClient;
}

const summary = (over: Partial<NumberSummary>): NumberSummary => ({
  id: "wa_1",
  number: "+5511999992001",
  name: "Support",
  provider: "PILOT_STATUS",
  state: "CONNECTING",
  isFullyConnected: false,
  createdAt: new Date().toISOString(),
  ...over,
});

const attempt = (listed: () => NumberSummary[], settings = { budgetMs: 300, clockSkewMs: 1_000 }) =>
  createOnce(
    listing(listed),
    TARGET,
    () => Promise.reject(unknownOutcome()),
    () => "never",
    settings,
  );

describe("createOnce after an unknown outcome", () => {
  it("takes the number this POST made: same phone, name and provider, created after it started", async () => {
    await expect(attempt(() => [summary({ id: "wa_new" })])).resolves.toEqual({ id: "wa_new", created: undefined });
  });

  it("refuses one created before the POST (beyond the clock-skew allowance), naming it", async () => {
    const old = summary({ id: "wa_old", createdAt: new Date(Date.now() - 60_000).toISOString() });
    await expect(attempt(() => [old])).rejects.toThrow(
      /as wa_old .*it was created at .* before this create started\. It was not taken over/,
    );
  });

  it("refuses one that cannot show it is new", async () => {
    const { createdAt: _, ...noTime } = summary({ id: "wa_untimed" });
    await expect(attempt(() => [noTime as NumberSummary])).rejects.toThrow(/no creation time to show it is new/);
  });

  it("keeps looking until the budget is spent, and takes a number that appears meanwhile", async () => {
    let looks = 0;
    const r = await attempt(() => (++looks >= 3 ? [summary({ id: "wa_late" })] : []), { budgetMs: 5_000, clockSkewMs: 1_000 });
    expect(r.id).toBe("wa_late");
    expect(looks).toBe(3);
  });

  it("an unreadable 2xx to the POST counts as an unknown outcome, not as nothing created", async () => {
    const unreadable = new PilotStatusError({
      kind: "unexpected_response",
      method: "POST",
      path: "/v1/numbers",
      outcomeUnknown: true,
      message: "not JSON",
    });
    const r = await createOnce(
      listing(() => [summary({ id: "wa_made" })]),
      TARGET,
      () => Promise.reject(unreadable),
      () => "never",
      { budgetMs: 300 },
    );
    expect(r.id).toBe("wa_made");
  });
});
