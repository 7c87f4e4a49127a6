// Replacements and resource options as the real engine sequences them (the API has no update: a changed name or
// phone number replaces the number).
import { expect, it } from "vitest";
import { describeEngine, expectFailure, requestCounts, useEngine } from "./engineRig";
import { META_TOKEN, NumbersStack, meta, qr } from "./numbersProject";

const PHONE = "+5511900000301";

describeEngine("engine: replacements and resource options", () => {
  const rig = useEngine();
  const tenant = async () => (await rig.emulator.control.state()).tenants.default?.numbers ?? [];

  it("a rename in the program is refused at preview and up; with allowReplacement it replaces: delete first, then create", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE) });
    await s.stack.up();
    const [before] = await tenant();

    await s.declare({ support: qr("Support Team", PHONE) });
    await rig.emulator.control.resetRequests();
    const preview = expectFailure(await s.stack.run(["preview"]));
    expect(preview).toMatch(/refusing to replace this number: "name" is "Support" in the stack's state, "Support Team" in the program/);
    expect(preview).toMatch(/paired again[\s\S]*allowReplacement: true/);
    expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    expect((await tenant())[0]).toMatchObject({ id: before!.id, name: "Support" });

    await s.declare({ support: qr("Support Team", PHONE, { args: { allowReplacement: true } }) });
    expect((await s.stack.ok(["preview", "--diff"])).stdout).toMatch(/\+-1 to replace/);
    await rig.emulator.control.resetRequests();
    const up = await s.stack.up();
    expect(up.stdout).toMatch(/\+-1 replaced/);
    const counts = await requestCounts(rig.emulator);
    expect(counts["DELETE /v1/numbers/:id"]).toBe(1);
    expect(counts["POST /v1/numbers"]).toBe(1);
    const after = await tenant();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ name: "Support Team", number: PHONE });
    expect(after[0]!.id).not.toBe(before!.id);
    expect((await s.stack.resource("support"))?.id).toBe(after[0]!.id);
  });

  it("a dashboard rename, then refresh, then up: refused with what differs; declaring the account's value settles it", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE) });
    await s.stack.up();
    const [n] = await tenant();
    await rig.emulator.control.rename(n!.id, { name: "Support (dashboard)" });
    await s.stack.refresh();
    await rig.emulator.control.resetRequests();
    const up = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(up).toContain(`"name" is "Support (dashboard)" in the stack's state, "Support" in the program`);
    expect(expectFailure(await s.stack.run(["up", "--yes", "--skip-preview", "--refresh"]))).toMatch(/refusing to replace/);
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    await s.declare({ support: qr("Support (dashboard)", PHONE) });
    await s.stack.up();
    await s.stack.ok(["preview", "--expect-no-changes"]);
    expect((await tenant())[0]).toMatchObject({ id: n!.id });
  });

  it("protect: a change that would replace the number fails before anything is deleted", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE, { options: { protect: true } }) });
    await s.stack.up();
    // Even with consent to replace, protect stops the engine before anything is deleted.
    await s.declare({ support: qr("Support Team", PHONE, { args: { allowReplacement: true }, options: { protect: true } }) });
    await rig.emulator.control.resetRequests();
    const out = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(out).toMatch(/unable to replace resource[\s\S]*marked for protection/);
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    expect((await tenant())[0]).toMatchObject({ name: "Support" });
    // destroy also refuses while protected.
    expect(expectFailure(await s.stack.run(["destroy", "--yes", "--skip-preview"]))).toMatch(
      /cannot be deleted[\s\S]*because it is protected/,
    );
    expect(await tenant()).toHaveLength(1);
  });

  it("retainOnDelete: removing the declaration, or destroy, leaves the number in the tenant", async () => {
    const s = await NumbersStack.create(rig, {
      kept: qr("Kept", PHONE, { options: { retainOnDelete: true } }),
      other: qr("Other", "+5511900000302", { options: { retainOnDelete: true } }),
    });
    await s.stack.up();
    await s.declare({ other: qr("Other", "+5511900000302", { options: { retainOnDelete: true } }) });
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    expect(await s.stack.resource("kept")).toBeUndefined();
    await s.stack.destroy();
    expect((await tenant()).map((n) => n.name).sort()).toEqual(["Kept", "Other"]);
  });

  it("ignoreChanges on name: neither a rename in the program nor one in the dashboard plans a replacement", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE, { options: { ignoreChanges: ["name"] } }) });
    await s.stack.up();
    await s.declare({ support: qr("Support Team", PHONE, { options: { ignoreChanges: ["name"] } }) });
    await s.stack.ok(["preview", "--expect-no-changes"]);
    const [n] = await tenant();
    await rig.emulator.control.rename(n!.id, { name: "Support (dashboard)" });
    await s.stack.refresh();
    await s.stack.ok(["preview", "--expect-no-changes"]);
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    expect((await requestCounts(rig.emulator))["DELETE /v1/numbers/:id"]).toBeUndefined();
    expect((await tenant())[0]).toMatchObject({ id: n!.id, name: "Support (dashboard)" });
  });

  it("ignoreChanges on a MetaNumber's accessToken: a rotated token in config changes nothing", async () => {
    const s = await NumbersStack.create(rig, { official: meta("Official", PHONE, { options: { ignoreChanges: ["accessToken"] } }) });
    await s.stack.up();
    await s.stack.config({ secret: { "scenario:metaAccessToken": `${META_TOKEN}-rotated` } });
    await s.stack.ok(["preview", "--expect-no-changes"]);
    await s.stack.refresh();
    await s.stack.ok(["preview", "--expect-no-changes"]);
  });

  it("without ignoreChanges, a rotated Meta token is refused at preview, and with allowReplacement preview shows the replacement", async () => {
    const s = await NumbersStack.create(rig, { official: meta("Official", PHONE) });
    await s.stack.up();
    await s.stack.config({ secret: { "scenario:metaAccessToken": `${META_TOKEN}-rotated` } });
    const refused = await s.stack.run(["preview"]);
    expect(expectFailure(refused)).toMatch(/refusing to replace this number: "accessToken" changed/);
    // The token itself is never printed.
    expect(refused.output).not.toContain(META_TOKEN);
    await s.declare({ official: meta("Official", PHONE, { args: { allowReplacement: true } }) });
    const preview = await s.stack.run(["preview", "--expect-no-changes", "--diff"]);
    expect(expectFailure(preview)).toMatch(/\+-1 to replace/);
    expect(preview.output).not.toContain(META_TOKEN);
  });

  it("a user-set deleteBeforeReplace: false makes the engine create first: the duplicate is refused with a clear message", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE, { options: { deleteBeforeReplace: false } }) });
    await s.stack.up();
    const [n] = await tenant();
    await s.declare({ support: qr("Support Team", PHONE, { args: { allowReplacement: true }, options: { deleteBeforeReplace: false } }) });
    const out = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(out).toContain(`${PHONE} already exists in this Pilot Status tenant as ${n!.id}`);
    expect(out).toMatch(/deleteBeforeReplace: false/);
    expect((await tenant()).map((n) => n.name)).toEqual(["Support"]);
  });

  it("retainOnDelete with a consented replacement: the old number is kept, so the create is refused as a duplicate, and says why", async () => {
    const opts = { options: { retainOnDelete: true } };
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE, opts) });
    await s.stack.up();
    const [n] = await tenant();
    await s.declare({ support: qr("Support Team", PHONE, { ...opts, args: { allowReplacement: true } }) });
    const out = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(out).toContain(`${PHONE} already exists in this Pilot Status tenant as ${n!.id} ("Support", PILOT_STATUS)`);
    expect(out).toMatch(/retainOnDelete/);
    // Kept: the old number, untouched; nothing new.
    expect(await tenant()).toEqual([expect.objectContaining({ id: n!.id, name: "Support" })]);
  });

  it("an adopted number (adoptExisting) is taken over without a POST; a consented rename replaces it and the tenant keeps one", async () => {
    const existing = await rig.emulator.control.createNumber({ name: "Support", number: PHONE });
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE, { args: { adoptExisting: true } }) });
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    expect((await requestCounts(rig.emulator))["POST /v1/numbers"]).toBeUndefined();
    expect((await s.stack.resource("support"))?.id).toBe(existing.id);

    await s.declare({ support: qr("Support Team", PHONE, { args: { adoptExisting: true } }) });
    expect(expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]))).toMatch(/refusing to replace/);
    expect((await tenant()).map((n) => n.id)).toEqual([existing.id]);

    await s.declare({ support: qr("Support Team", PHONE, { args: { adoptExisting: true, allowReplacement: true } }) });
    const up = await s.stack.up();
    expect(up.stdout).toMatch(/\+-1 replaced/);
    const after = await tenant();
    expect(after.map((n) => [n.name, n.number])).toEqual([["Support Team", PHONE]]);
    expect((await s.stack.resource("support"))?.id).toBe(after[0]!.id);
  });
});
