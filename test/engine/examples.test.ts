// Every example project as a user runs it: the real CLI runs index.ts through Pulumi's own TypeScript support, against
// the emulator in its own process. up → preview --expect-no-changes → out-of-band change → refresh shows it →
// preview --refresh --expect-no-changes fails on it → destroy leaves the tenant as it was.
import { expect, it } from "vitest";
import { configureForEmulator, describeEngine, expectFailure, projectDir, requestCounts, useEngine } from "./engineRig";

describeEngine("engine: examples/tenant-numbers", () => {
  const rig = useEngine();

  it("deploys, shows no changes, refreshes an out-of-band rename and disconnect, then destroys to an empty tenant", async () => {
    const { control } = rig.emulator;
    expect((await control.state()).tenants.default?.numbers ?? []).toEqual([]);
    const stack = await rig.stack(projectDir("examples", "tenant-numbers"));
    await configureForEmulator(stack, rig.emulator);

    const up = await stack.up();
    // Three numbers and the stack itself.
    expect(up.stdout).toMatch(/\+ 4 created/);
    const numbers = (await control.state()).tenants.default?.numbers ?? [];
    expect(numbers.map((n) => n.name).sort()).toEqual(["Billing", "Sales", "Support"]);
    // One POST and one read-back per number.
    const counts = await requestCounts(rig.emulator);
    expect(counts["POST /v1/numbers"]).toBe(3);
    expect(counts["GET /v1/numbers/:id"]).toBe(3);

    const outputs = await stack.outputs();
    expect(outputs.states).toEqual({ "+5511900000101": "CONNECTING", "+5511900000102": "CONNECTING", "+5511900000103": "CONNECTING" });
    expect(outputs.pairingCodes).toBe("[secret]");

    await control.resetRequests();
    const quiet = await stack.ok(["preview", "--expect-no-changes"]);
    expect(quiet.stdout).toMatch(/4 unchanged/);
    // A dynamic provider's diff is local: a no-op preview asks the API nothing.
    expect((await control.requests()).total).toBe(0);

    const support = numbers.find((n) => n.name === "Support")!;
    await control.rename(support.id, { name: "Support (dashboard)" });
    await control.pair(numbers.find((n) => n.name === "Sales")!.id);

    // The rename would replace the number (the API cannot rename): preview refuses it and says what differs.
    const drifted = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(expectFailure(drifted)).toContain(`"name" is "Support (dashboard)" in the stack's state, "Support" in the program`);

    const refresh = await stack.refresh();
    // Only the rename counts as an update: the engine diffs the declared properties, and pairing changes outputs only
    // (recorded all the same).
    expect(refresh.stdout).toMatch(/~ 1 updated/);
    // Refresh updates the resources' state; the stack's outputs stay as the last program run left them.
    expect((await stack.resource("wa-5511900000102"))?.outputs?.state).toBe("OPEN");
    expect((await stack.resource("wa-5511900000101"))?.outputs?.name).toBe("Support (dashboard)");
    expect(((await stack.outputs()).states as Record<string, string>)["+5511900000102"]).toBe("CONNECTING");

    await stack.destroy();
    expect((await control.state()).tenants.default?.numbers ?? []).toEqual([]);
  });
});

describeEngine("engine: examples/meta-number", () => {
  const rig = useEngine();

  it("deploys a Meta number, keeps its token out of state, refreshes a health change, destroys it", async () => {
    const { control } = rig.emulator;
    const stack = await rig.stack(projectDir("examples", "meta-number"));
    await configureForEmulator(stack, rig.emulator);
    const token = "EAAG-engine-suite-token-0001";
    await stack.config({ secret: { "meta-number:metaAccessToken": token, "meta-number:metaAppSecret": "app-secret-engine-0001" } });

    await stack.up();
    const [created] = (await control.state()).tenants.default?.numbers ?? [];
    expect(created).toMatchObject({ name: "Official", number: "+5511900000201", provider: "META" });
    expect((await stack.outputs()).verifyToken).toBe("[secret]");
    expect(await stack.exportText()).not.toContain(token);

    await stack.ok(["preview", "--expect-no-changes"]);

    await control.rename(created!.id, { name: "Official (dashboard)" });
    await control.setHealth(created!.id, { qualityRating: "RED", messagingLimitTier: "TIER_1K" });
    const drifted = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(expectFailure(drifted)).toContain(`"name" is "Official (dashboard)" in the stack's state`);
    await stack.refresh();
    expect((await stack.resource("official"))?.outputs?.health).toMatchObject({ qualityRating: "RED" });

    await stack.destroy();
    expect((await control.state()).tenants.default?.numbers ?? []).toEqual([]);
  });
});

describeEngine("engine: examples/health-and-calls", () => {
  const rig = useEngine({ sample: true });

  it("reads health and calls of a sample number, shows a health change on refresh, and destroys to the same tenant", async () => {
    const { control } = rig.emulator;
    const before = (await control.state()).tenants.default?.numbers ?? [];
    const stack = await rig.stack(projectDir("examples", "health-and-calls"));
    await configureForEmulator(stack, rig.emulator);
    const { key } = await control.numberKey("wa_sample_support");
    await stack.config({ secret: { "health-and-calls:numberApiKey": key } });

    await stack.up();
    const outputs = await stack.outputs();
    expect(outputs.number).toMatchObject({ provider: "PILOT_STATUS" });
    expect(typeof (outputs.callsSummary as { count: number }).count).toBe("number");

    // Data sources run with the program: a preview reads them again and finds the same values.
    await stack.ok(["preview", "--expect-no-changes"]);

    await control.setHealth("wa_sample_support", { qualityRating: "YELLOW" });
    // A data source's result is an output, not a resource: preview shows the change, yet --expect-no-changes
    // (which counts resource changes only) passes. Pipelines gate on health with `pilotstatus drift --fail-on unhealthy`.
    const preview = await stack.ok(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.stdout).toMatch(/\+ qualityRating\s*: "YELLOW"/);

    await stack.destroy();
    const after = (await control.state()).tenants.default?.numbers ?? [];
    expect(after.map((n) => n.id).sort()).toEqual(before.map((n) => n.id).sort());
  });
});
