// Refresh as the real engine runs it: read's result replaces the stored inputs, then a Diff with old and new swapped.
import { expect, it } from "vitest";
import { describeEngine, requestCounts, useEngine } from "./engineRig";
import { NumbersStack, meta, qr } from "./numbersProject";

describeEngine("engine: refresh", () => {
  const rig = useEngine();
  const tenant = async () => (await rig.emulator.control.state()).tenants.default?.numbers ?? [];

  it("two refreshes in a row of unchanged numbers of both kinds report no changes, and a preview after them neither", async () => {
    const s = await NumbersStack.create(rig, {
      support: qr("Support", "+5511900000401"),
      official: meta("Official", "+5511900000402"),
    });
    await s.stack.up();
    for (const round of [1, 2]) {
      await rig.emulator.control.resetRequests();
      const r = await s.stack.ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
      expect(r.stdout, `refresh ${round}`).toMatch(/3 unchanged/);
      // One GET per number.
      expect((await requestCounts(rig.emulator))["GET /v1/numbers/:id"], `refresh ${round}`).toBe(2);
    }
    await s.stack.ok(["preview", "--expect-no-changes"]);
  });

  it("a number deleted in the dashboard leaves the state on refresh, and the next up creates it again", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000403") });
    await s.stack.up();
    const [n] = await tenant();
    await rig.emulator.control.deleteNumber(n!.id);
    const r = await s.stack.refresh();
    expect(r.stdout).toMatch(/- 1 deleted/);
    expect(await s.stack.resource("support")).toBeUndefined();
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    expect((await requestCounts(rig.emulator))["POST /v1/numbers"]).toBe(1);
    expect((await tenant()).map((x) => x.name)).toEqual(["Support"]);
  });

  it("up --refresh after a dashboard disconnect records the new state without planning a change", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000404") });
    await s.stack.up();
    const [n] = await tenant();
    await rig.emulator.control.pair(n!.id);
    await s.stack.up("--refresh");
    expect((await s.stack.resource("support"))?.outputs?.state).toBe("OPEN");
    await rig.emulator.control.disconnect(n!.id);
    const up = await s.stack.up("--refresh");
    expect(up.stdout).not.toMatch(/to replace|replaced/);
    expect((await s.stack.resource("support"))?.outputs?.state).toBe("CLOSE");
    // The program ran after the refresh, so the stack output has it too.
    expect((await s.stack.outputs()).support).toMatchObject({ state: "CLOSE" });
  });
});
