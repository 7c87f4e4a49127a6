// The serialized loader requires the implementation from the program's node_modules at run time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { providerHost } from "../support/compiled";
import { startRig, typeOf } from "./hostRig";

it("says what to install when the package is missing where the program runs", async () => {
  const rig = await startRig();
  const elsewhere = mkdtempSync(join(tmpdir(), "no-package-"));
  const host = await providerHost.startProviderHost({ cwd: elsewhere, project: "numbers" });
  try {
    await host.configure({ "pilotstatus:apiKey": rig.emu.tenantKey, "pilotstatus:baseUrl": rig.emu.url });
    const urn = host.urn(typeOf("WhatsAppNumber"), "n");
    await expect(host.check(urn, {}, { name: "N", number: "+5511955550001", __provider: rig.provider.WhatsAppNumber })).rejects.toThrow(
      /pulumi-pilotstatus is not installed where Pulumi runs this program \(.*no-package-.*\): run `npm install pulumi-pilotstatus` there/,
    );
    expect(rig.provider.WhatsAppNumber.length).toBeLessThan(4096);
  } finally {
    await host.stop();
    await rig.stop();
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
