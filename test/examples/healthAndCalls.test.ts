// examples/health-and-calls: getNumberHealthOutput + getRecentCallsOutput with a number-scoped key from secret config.
import { describe, expect, it } from "vitest";
import type { StateDump } from "pulumi-pilotstatus-emulator";
import { useEmulator } from "../support/emulator";
import { values } from "../support/compiled";
import { runExample, useExample } from "./exampleRig";

type LiveNumber = NonNullable<StateDump["tenants"][string]>["numbers"][number];

const emu = useEmulator();
const rig = useExample("health-and-calls");

/** The summary the example should export, worked out from the emulator's own calls (newest first). */
function expectedSummary(calls: LiveNumber["calls"]) {
  const tally = (key: "status" | "direction") => {
    const m: Record<string, number> = {};
    for (const c of calls) m[c[key]] = (m[c[key]] ?? 0) + 1;
    return m;
  };
  const timed = calls.filter((c) => c.durationSeconds !== null && c.durationSeconds !== undefined);
  const total = timed.reduce((s, c) => s + (c.durationSeconds ?? 0), 0);
  return {
    count: calls.length,
    newestCallAt: calls[0]?.createdAt ?? null,
    byStatus: tally("status"),
    byDirection: tally("direction"),
    totalDurationSeconds: total,
    averageDurationSeconds: timed.length === 0 ? 0 : total / timed.length,
  };
}

async function liveNumber(id: string): Promise<LiveNumber> {
  const n = (await emu.control.state()).tenants.default?.numbers.find((x) => x.id === id);
  if (n === undefined) throw new Error(`no number ${id} in the emulator`);
  return n;
}

async function run(numberId: string, extra: Record<string, string> = {}) {
  const { key } = await emu.control.numberKey(numberId);
  const result = await runExample(rig.example, rig.host, {
    "pilotstatus:apiKey": values.secret(emu.tenantKey),
    "pilotstatus:baseUrl": emu.url,
    [`${rig.example.project}:numberId`]: numberId,
    [`${rig.example.project}:numberApiKey`]: values.secret(key),
    ...extra,
  });
  expect(JSON.stringify(result.outputs)).not.toContain(key);
  return result;
}

describe("examples/health-and-calls", () => {
  it("exports the number's state and health and a plain summary of its calls", async () => {
    const created = await emu.control.createNumber({ name: "Support", number: "+5511900000301", state: "OPEN" });
    await emu.control.addCalls(created.id, { count: 30, spacingSeconds: 600 });
    const live = await liveNumber(created.id);

    const result = await run(created.id);

    expect(result.outputs.number).toEqual({
      name: live.name,
      number: live.number,
      provider: live.provider,
      state: live.state,
      isFullyConnected: live.isFullyConnected,
    });
    expect(result.outputs.health).toEqual(live.health);
    expect(result.outputs.callsSummary).toEqual(expectedSummary(live.calls));
    // Derived from a secret key, but unsecreted on purpose: only counts and durations.
    expect(result.secretOutputs).toEqual([]);
    expect(result.resources).toEqual([]);
  });

  it("summarises only the newest `callLimit` calls, paging past the API's 100 per page", async () => {
    const created = await emu.control.createNumber({ name: "Busy", number: "+5511900000302", state: "OPEN" });
    await emu.control.addCalls(created.id, { count: 250, spacingSeconds: 60 });
    const live = await liveNumber(created.id);

    const result = await run(created.id, { [`${rig.example.project}:callLimit`]: "150" });

    expect(live.calls).toHaveLength(250);
    expect(result.outputs.callsSummary).toEqual(expectedSummary(live.calls.slice(0, 150)));
  });
});
