// An `up` killed mid-create (a CI job cancelled): the POST reached the service, the CLI never saw the answer, the
// state holds a pending create and a lock. Each recovery a user is told to run ends with no duplicate and no orphan.
import { expect, it } from "vitest";
import type { PulumiStack } from "../../testing/engine/pulumi";
import { enginePulumi } from "../support/compiled";
import { describeEngine, type EngineRig, expectFailure, requestCounts, useEngine } from "./engineRig";
import { NumbersStack, qr } from "./numbersProject";

const PHONE = "+5511900000801";

/** Starts `up`, kills the CLI's process group once the POST has reached the service (applied 3 s later). */
async function killMidCreate(rig: EngineRig, stack: PulumiStack): Promise<void> {
  await rig.emulator.control.fault({ method: "POST", path: "/v1/numbers", count: 1, latencyMs: 3000 });
  let pid: number | undefined;
  const running = stack.run(["up", "--yes", "--skip-preview"], { onSpawn: (p) => (pid = p) });
  for (let i = 0; i < 300 && !(await requestCounts(rig.emulator))["POST /v1/numbers"]; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(pid).toBeDefined();
  const groups = enginePulumi.killGroup(pid!);
  expect((await running).signal).toBe("SIGKILL");
  // The CLI's plugins (language host, dynamic-provider host) went with it: nothing is left running.
  expect(groups.length).toBeGreaterThan(1);
  for (let i = 0; i < 50 && groups.some(enginePulumi.groupAlive); i++) await new Promise((r) => setTimeout(r, 100));
  expect(groups.filter(enginePulumi.groupAlive)).toEqual([]);
  // The service finishes the create the CLI no longer waits for.
  for (let i = 0; i < 100 && ((await rig.emulator.control.state()).tenants.default?.numbers.length ?? 0) === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeEngine("engine: interrupted up", () => {
  const rig = useEngine();
  const tenant = async () => (await rig.emulator.control.state()).tenants.default?.numbers ?? [];

  /** The way out both recoveries end with: adoptExisting takes the number (no POST), then destroy leaves nothing. */
  async function adoptThenDestroy(s: NumbersStack, id: string): Promise<void> {
    await s.declare({ support: qr("Support", PHONE, { args: { adoptExisting: true } }) });
    await rig.emulator.control.resetRequests();
    await s.stack.up();
    expect((await requestCounts(rig.emulator))["POST /v1/numbers"]).toBeUndefined();
    expect((await s.stack.resource("support"))?.id).toBe(id);
    await s.stack.ok(["preview", "--expect-no-changes"]);
    await s.stack.destroy();
    expect(await tenant()).toEqual([]);
  }

  it("killed while creating: pulumi cancel, refresh --clear-pending-creates, then adoptExisting takes the number over", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE) });
    await killMidCreate(rig, s.stack);
    const [created] = await tenant();
    expect(created).toBeDefined();

    const locked = await s.stack.run(["up", "--yes", "--skip-preview"]);
    expect(expectFailure(locked)).toMatch(/the stack is currently locked[\s\S]*pulumi cancel/);
    await s.stack.ok(["cancel", "--yes"]);

    // Non-interactively, refresh can only drop a pending create (3.274.1's --import-pending-creates turns it into a
    // pending import that the same refresh then drops as well). The number stays in the tenant, out of the state.
    await s.stack.refresh("--clear-pending-creates");
    expect(await s.stack.resource("support")).toBeUndefined();
    expect(await tenant()).toHaveLength(1);

    await adoptThenDestroy(s, created!.id);
  });

  it("killed while creating, then a plain up: the duplicate is refused, named, and adoptExisting takes it over", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", PHONE) });
    await killMidCreate(rig, s.stack);
    const [created] = await tenant();
    await s.stack.ok(["cancel", "--yes"]);

    // The engine retries the pending create; the provider refuses the duplicate and names the number and the way out.
    const message = expectFailure(await s.stack.run(["up", "--yes", "--skip-preview"]));
    expect(message).toMatch(/interrupted while creating/);
    expect(message).toContain(`${PHONE} already exists in this Pilot Status tenant as ${created!.id}`);
    expect(message).toContain("adoptExisting: true");
    expect(await tenant()).toHaveLength(1);

    await adoptThenDestroy(s, created!.id);
  });
});
