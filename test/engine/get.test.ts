// WhatsAppNumber.get / MetaNumber.get: a lookup of a number by id, which the stack reads but never owns.
import { expect, it } from "vitest";
import { describeEngine, expectFailure, requestCounts, useEngine } from "./engineRig";
import { NumbersStack } from "./numbersProject";

describeEngine("engine: get", () => {
  const rig = useEngine();

  it("get of an existing number of each kind reads it, and destroy leaves it in the tenant", async () => {
    const qr = await rig.emulator.control.createNumber({ name: "Looked up", number: "+5511900000501" });
    const meta = await rig.emulator.control.createNumber({ name: "Looked up Meta", number: "+5511900000502", provider: "META" });
    const s = await NumbersStack.create(rig, {
      qr: { kind: "WhatsAppNumber", get: qr.id },
      meta: { kind: "MetaNumber", get: meta.id },
    });
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    const counts = await requestCounts(rig.emulator);
    expect(counts["POST /v1/numbers"]).toBeUndefined();
    expect(counts["GET /v1/numbers/:id"]).toBe(2);
    expect((await s.stack.outputs()).qr).toMatchObject({ numberId: qr.id, name: "Looked up", number: "+5511900000501" });
    expect((await s.stack.outputs()).meta).toMatchObject({ numberId: meta.id, name: "Looked up Meta" });
    await s.stack.ok(["preview", "--expect-no-changes"]);

    await s.stack.destroy();
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    expect((await rig.emulator.control.state()).tenants.default?.numbers).toHaveLength(2);
  });

  it("get of an id the tenant lacks fails with a message naming the id", async () => {
    const s = await NumbersStack.create(rig, { missing: { kind: "WhatsAppNumber", get: "wa_0000000000000000" } });
    const out = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(out).toContain("wa_0000000000000000");
    expect(await s.stack.resource("missing")).toBeUndefined();
  });
});
