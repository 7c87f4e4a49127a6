// Provider configuration as the engine keeps it: refresh and destroy run with the configuration stored at the last
// `up`, not the current stack config.
import { expect, it } from "vitest";
import { describeEngine, expectFailure, useEngine } from "./engineRig";
import { NumbersStack, qr } from "./numbersProject";

const ROTATED = "ps_emulator_tenant_rotated_key";

describeEngine("engine: provider configuration", () => {
  const rig = useEngine();
  const tenant = async () => (await rig.emulator.control.state()).tenants.default?.numbers ?? [];

  it("a rotated pilotstatus:apiKey: refresh and destroy still use the old key until the next up", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000701") });
    await s.stack.up();
    await rig.restartEmulator({ tenantKey: ROTATED });
    try {
      await s.stack.config({ secret: { "pilotstatus:apiKey": ROTATED } });

      const refresh = await s.stack.run(["refresh", "--yes", "--skip-preview"]);
      const out = expectFailure(refresh);
      expect(out).toMatch(/401|key/i);
      expect(out).not.toContain(ROTATED);

      // up stores the new key with the provider; then refresh and destroy work.
      await s.stack.up();
      await s.stack.refresh();
      await s.stack.destroy();
      expect(await tenant()).toEqual([]);
    } finally {
      await rig.restartEmulator();
    }
  });

  it("refresh --run-program uses the current configuration at once", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000702") });
    await s.stack.up();
    await rig.restartEmulator({ tenantKey: ROTATED });
    try {
      await s.stack.config({ secret: { "pilotstatus:apiKey": ROTATED } });
      await s.stack.refresh("--run-program");
      await s.stack.up();
      await s.stack.destroy();
      expect(await tenant()).toEqual([]);
    } finally {
      await rig.restartEmulator();
    }
  });

  it("a changed pilotstatus:baseUrl: destroy goes to the URL of the last up, and to the new one after an up", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000703") });
    await s.stack.up();
    const oldUrl = rig.emulator.url;
    await rig.restartEmulator({ port: 0 });
    expect(rig.emulator.url).not.toBe(oldUrl);
    await s.stack.config({ plain: { "pilotstatus:baseUrl": rig.emulator.url } });

    const destroy = await s.stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(expectFailure(destroy)).toContain(new URL(oldUrl).host);
    expect(await tenant()).toHaveLength(1);

    await s.stack.up();
    await s.stack.destroy();
    expect(await tenant()).toEqual([]);
  });
});
