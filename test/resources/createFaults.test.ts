// Faults around creating a number, through the real provider host: each must end with the number in state, or with
// nothing created, never between; a number this create did not make is never taken over.
// (The host's recovery budget is 2 s here: PILOT_STATUS_CREATE_RECOVERY_SECONDS in hostRig.ts.)
import { describe, expect, it } from "vitest";
import type { ProviderRpcError } from "../../testing/providerRpcError";
import { checked as checkedInputs, startRig, takeRequests, typeOf, useRig } from "./hostRig";

const TYPE = typeOf("WhatsAppNumber");
const rig = useRig();
const tenant = async () => (await rig.emu.control.state()).tenants.default?.numbers ?? [];

const checked = (name: string, news: Record<string, unknown>) => checkedInputs(rig, "WhatsAppNumber", name, news);

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as ProviderRpcError,
  );

describe("an unknown create outcome never takes over a number this POST did not make", () => {
  for (const [what, existing] of [
    ["of another name", { name: "Someone else's", number: "+5511999991001" }],
    ["of another provider", { name: "Support", number: "+5511999991001", provider: "META" as const }],
  ] as const) {
    it(`a number ${what} with that phone number is named in an error and left alone`, async () => {
      const before = await rig.emu.control.createNumber(existing);
      // The POST never reaches the service (dropped before), so only the old number has the phone number.
      await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "before" });
      const { urn, inputs } = await checked("support", { name: "Support", number: "+55 11 99999-1001" });
      const failure = await failureOf(rig.host.create(urn, inputs));
      expect(failure?.message).toContain(`as ${before.id}`);
      expect(failure?.message).toMatch(
        /which this create did not make: .* It was not taken over\. If it is the number you meant, set `adoptExisting: true`/,
      );
      expect(failure?.initFailure).toBeUndefined();
      expect((await tenant()).map((n) => n.id)).toEqual([before.id]);
    });
  }
});

describe("unknown outcomes are settled or said to be unsettled", () => {
  it("a service slower than the first looks: the POST times out, the number appears a second later and is taken", async () => {
    const slow = await startRig({ requestTimeoutSeconds: 0.3 });
    try {
      await slow.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, latencyMs: 1200 });
      const urn = slow.host.urn(TYPE, "late");
      const { inputs } = await slow.host.check(
        urn,
        {},
        { name: "Late", number: "+5511999991002", __provider: slow.provider.WhatsAppNumber },
      );
      const created = await slow.host.create(urn, inputs);
      const live = (await slow.emu.control.state()).tenants.default?.numbers ?? [];
      expect(live.map((n) => n.id)).toEqual([created.id]);
      // Found on a later look, not the first.
      expect((await slow.emu.control.requests()).counts["GET /v1/numbers"]).toBeGreaterThan(1);
    } finally {
      await slow.stop();
    }
  });

  it("a 2xx whose body is not JSON (a proxy's page) is an unknown outcome: it looks for the number before concluding", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, status: 201, body: "<html>OK</html>" });
    const { urn, inputs } = await checked("html", { name: "Html", number: "+5511999991003" });
    await takeRequests(rig.emu);
    const outcome = await failureOf(rig.host.create(urn, inputs));
    // The fault answered for the service without creating: nothing to find, and the message says nothing was created.
    expect(outcome?.message).toMatch(
      /did not complete \(Pilot Status returned a body that is not JSON.*no such number after 2 s of looking/,
    );
    expect(await tenant()).toEqual([]);
    // It looked more than once before concluding.
    expect((await takeRequests(rig.emu))["GET /v1/numbers"]).toBeGreaterThan(1);
  });

  it("a recovery whose lookups fail says the outcome is unknown and what to check", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "after" });
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers", count: 50, status: 500 });
    const { urn, inputs } = await checked("blind", { name: "Blind", number: "+5511999991004" });
    const failure = await failureOf(rig.host.create(urn, inputs));
    await rig.emu.control.clearFaults();
    expect(failure?.message).toMatch(
      /looking for it failed for 2 s .*whether the service created it is unknown\. Check the dashboard: if \+5511999991004 is there, set `adoptExisting: true`/,
    );
    // It was created: the next `up` with adoptExisting takes exactly that one.
    const [live] = await tenant();
    const adopted = await rig.host.create(
      urn,
      (await checked("blind", { name: "Blind", number: "+5511999991004", adoptExisting: true })).inputs,
    );
    expect(adopted.id).toBe(live!.id);
  });
});

describe("waitUntilConnected: every failure after the number exists keeps it in state", () => {
  for (const [what, fault] of [
    ["one 500", { count: 1, status: 500 }],
    ["a run of 503s", { count: 20, status: 503 }],
    ["an outage (dropped connections)", { count: 20, drop: "before" as const }],
  ] as const) {
    it(`${what} while polling is a partial failure with the id and the pairing code`, async () => {
      const { urn, inputs } = await checked("waiting", {
        name: "Waiting",
        number: "+5511999991010",
        waitUntilConnected: true,
        waitTimeoutSeconds: 30,
      });
      await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/:id/status", ...fault });
      const failure = await failureOf(rig.host.create(urn, inputs));
      await rig.emu.control.clearFaults();
      const [live] = await tenant();
      expect(failure?.message).toMatch(/exists, but waiting for it to be paired failed: .* kept in state with its pairing material/);
      expect(failure?.initFailure?.id).toBe(live!.id);
      expect(typeof failure?.initFailure?.properties.pairingCode).toBe("string");
    });
  }
});
