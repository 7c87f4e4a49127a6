// Provider configuration as the engine keeps it: refresh and destroy run with the configuration stored at the last
// `up`, not the current stack config.
import { expect, it } from "vitest";
import { describeEngine, expectFailure, useEngine } from "./engineRig";
import { NumbersStack, qr } from "./numbersProject";

const ROTATED = "ps_emulator_tenant_rotated_key";

describeEngine("engine: provider configuration", () => {
  const rig = useEngine();
  const tenant = async () => (await rig.emulator.control.state()).tenants.default?.numbers ?? [];

  /** A deployed stack, then the emulator restarted with a new tenant key and the new key in the stack config. */
  async function deployedThenRotated(phone: string, body: (s: NumbersStack) => Promise<void>): Promise<void> {
    const s = await NumbersStack.create(rig, { support: qr("Support", phone) });
    await s.stack.up();
    await rig.restartEmulator({ tenantKey: ROTATED });
    try {
      await s.stack.config({ secret: { "pilotstatus:apiKey": ROTATED } });
      await body(s);
    } finally {
      await rig.restartEmulator();
    }
  }

  it("a rotated pilotstatus:apiKey: refresh and destroy still use the old key until the next up", async () => {
    await deployedThenRotated("+5511900000701", async (s) => {
      const refresh = await s.stack.run(["refresh", "--yes", "--skip-preview"]);
      const out = expectFailure(refresh);
      expect(out).toMatch(/rejected the API key[\s\S]*\(401\)/);
      expect(out).toMatch(/stored in the state at the last `pulumi up`[\s\S]*run `pulumi up` first \(or `pulumi refresh --run-program`\)/);
      expect(out).not.toContain(ROTATED);

      // up stores the new key with the provider; then refresh and destroy work.
      await s.stack.up();
      await s.stack.refresh();
      await s.stack.destroy();
      expect(await tenant()).toEqual([]);
    });
  });

  it("refresh --run-program uses the current configuration at once", async () => {
    await deployedThenRotated("+5511900000702", async (s) => {
      await s.stack.refresh("--run-program");
      await s.stack.up();
      await s.stack.destroy();
      expect(await tenant()).toEqual([]);
    });
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
    expect(destroy.output).toMatch(/stored in the state at the last `pulumi up`/);
    expect(await tenant()).toHaveLength(1);

    await s.stack.up();
    await s.stack.destroy();
    expect(await tenant()).toEqual([]);
  });

  it("a key set without --secret: up warns, and the state holds it in plain text (with --secret it does not)", async () => {
    const s = await NumbersStack.create(rig, { support: qr("Support", "+5511900000704") });
    await s.stack.config({ plain: { "pilotstatus:apiKey": rig.emulator.tenantKey } });
    const up = await s.stack.up();
    expect(up.output).toMatch(/pilotstatus:apiKey is set in plain text[\s\S]*pulumi config set --secret pilotstatus:apiKey/);
    expect(await s.stack.exportText()).toContain(rig.emulator.tenantKey);

    await s.stack.config({ secret: { "pilotstatus:apiKey": rig.emulator.tenantKey } });
    const again = await s.stack.up();
    expect(again.output).not.toMatch(/set in plain text/);
    expect(await s.stack.exportText()).not.toContain(rig.emulator.tenantKey);
    await s.stack.destroy();
  });
});
