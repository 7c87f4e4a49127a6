import { describe, expect, it } from "vitest";
import { Call, CreatedInstance, NumberDetail, NumberList, NumberStatus } from "pulumi-pilotstatus/contract";
import { Store } from "./state";
import {
  toCall,
  toCreatedInstance,
  toDetail,
  toStatus,
  toSummary,
  type CallView,
  type NumberStatusView,
  type NumberSummaryView,
} from "./views";

describe("views are typed against the client's wire schemas", () => {
  it("a field left out, misspelt or mistyped does not compile (checked by tsc -p tsconfig.test.json)", () => {
    const sent = {
      id: "wa_1",
      instanceName: "PS-1",
      number: "5511999990000",
      name: "n",
      provider: "PILOT_STATUS",
      apiKeys: [],
      state: "OPEN",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    const ok: NumberSummaryView = { ...sent, isFullyConnected: true };
    // @ts-expect-error isFullyConnected is required by the client
    const missing: NumberSummaryView = { ...sent };
    // @ts-expect-error a misspelt field is not one the client declares
    const misspelt: NumberSummaryView = { ...sent, isFullyConnected: true, isFullyConected: true };
    // @ts-expect-error the client reads a boolean
    const mistyped: NumberSummaryView = { ...sent, isFullyConnected: "yes" };
    // @ts-expect-error optional for the client, always sent by the emulator
    const status: NumberStatusView = { id: "wa_1", state: "OPEN" };
    // @ts-expect-error updatedAt (optional for the client) is always sent
    const call: CallView = {
      id: "c",
      direction: "INBOUND",
      status: "COMPLETED",
      createdAt: "x",
      externalCallId: null,
      peerNumber: null,
      durationSeconds: null,
      startedAt: null,
      connectedAt: null,
      endedAt: null,
    };
    expect([ok, missing, misspelt, mistyped, status, call]).toHaveLength(6);
  });

  it("what they build parses with those schemas, field for field", () => {
    const store = new Store([{ tenant: "default", id: "key_t", raw: "ps_tenant" }]);
    const { number: n } = store.createNumber({ tenant: "default", name: "Support", number: "+5511999990000" });
    store.addCalls(n.id, [
      {
        id: "call_1",
        numberId: n.id,
        externalCallId: null,
        direction: "INBOUND",
        status: "MISSED",
        peerNumber: null,
        durationSeconds: null,
        startedAt: null,
        connectedAt: null,
        endedAt: null,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      },
    ]);
    const views = [
      [NumberList, [toSummary(store, n)]],
      [NumberDetail, toDetail(store, n)],
      [NumberStatus, toStatus(n)],
      [CreatedInstance, toCreatedInstance(n)],
      [Call, toCall(store.allCalls(n.id)[0]!)],
    ] as const;
    for (const [schema, view] of views) expect(schema.parse(view)).toEqual(view);
  });
});
