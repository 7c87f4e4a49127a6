// Nothing secret in `pulumi stack export` (without --show-secrets): the API key, the Meta token and app secret, the
// pairing code, the QR, the verify token, the pairing link. The scan covers the whole file.
import { expect, it } from "vitest";
import { describeEngine, useEngine } from "./engineRig";
import { META_TOKEN, NumbersStack, meta, qr } from "./numbersProject";

describeEngine("engine: secrets in state", () => {
  const rig = useEngine();

  it("pulumi stack export holds no plaintext secret; --show-secrets proves they were there", async () => {
    const appSecret = "app-secret-engine-scan-0001";
    const s = await NumbersStack.create(rig, {
      code: qr("By code", "+5511900000601"),
      link: qr("By link", "+5511900000602", { args: { pairingMethod: "remoteLink" } }),
      official: meta("Official", "+5511900000603"),
    });
    await s.stack.config({ secret: { "scenario:metaAppSecret": appSecret } });
    await s.stack.up();
    // A refresh rewrites the state from read's answers: secrets must stay encrypted through it.
    await s.stack.refresh();

    const revealed = await s.stack.ok(["stack", "export", "--show-secrets"]);
    const state = JSON.parse(revealed.stdout) as { deployment: { resources: { urn: string; outputs?: Record<string, unknown> }[] } };
    // With --show-secrets a secret is still marked, its value JSON-encoded in `plaintext`.
    const reveal = (v: unknown): unknown =>
      typeof v === "object" && v !== null && "plaintext" in v ? JSON.parse(String((v as { plaintext: unknown }).plaintext)) : v;
    const outs = (name: string) => {
      const o = state.deployment.resources.find((r) => r.urn.endsWith(`::${name}`))?.outputs ?? {};
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, reveal(v)]));
    };
    const secrets: Record<string, unknown> = {
      apiKey: rig.emulator.tenantKey,
      metaToken: META_TOKEN,
      appSecret,
      pairingCode: outs("code").pairingCode,
      qrcodeBase64: outs("code").qrcodeBase64,
      remotePairingUrl: outs("link").remotePairingUrl,
      verifyToken: outs("official").verifyToken,
    };
    for (const [what, value] of Object.entries(secrets)) {
      expect(typeof value === "string" && value.length >= 6, `${what} was in state (${String(value)})`).toBe(true);
      expect(revealed.stdout, `${what} is in the revealed export`).toContain(value as string);
    }

    const plain = await s.stack.exportText();
    for (const [what, value] of Object.entries(secrets)) {
      expect(plain.includes(value as string), `${what} in plaintext in pulumi stack export`).toBe(false);
    }
    // The API key reaches state only inside the provider's configuration, encrypted.
    expect(plain).toContain("4dabf18193072939515e22adb298388d");
  });
});
