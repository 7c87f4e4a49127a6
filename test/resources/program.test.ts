// A Pulumi program under the mocks runtime, its dynamic resources forwarded to the real provider host (Check then
// Create) against the emulator: the path `pulumi up` takes, minus the engine.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import type { ProviderHost } from "../../testing/providerHost";
import { useEmulator } from "../support/emulator";
import { programDriver, providerHost, pulumi, repoRoot, values } from "../support/compiled";

// The package as a program imports it: compiled, so the closure serializer sees real CommonJS functions.
const pkg = createRequire(import.meta.url)("pulumi-pilotstatus") as typeof import("../../provider");
const emu = useEmulator({ reset: false });
let host: ProviderHost;

beforeAll(async () => {
  host = await providerHost.startProviderHost({ cwd: repoRoot, project: "numbers", env: { PILOT_STATUS_API_KEY: "" } });
});
afterAll(async () => {
  await host?.stop();
});

it("deploys a program's numbers and exports their outputs, pairing material as secrets", async () => {
  const result = await programDriver.runProgram({
    host,
    project: "numbers",
    config: {
      "pilotstatus:apiKey": values.secret(emu.tenantKey),
      "pilotstatus:baseUrl": emu.url,
      "numbers:metaToken": values.secret("EAAG-program-token"),
    },
    program: () => {
      const cfg = new pulumi.Config("numbers");
      const support = new pkg.WhatsAppNumber("support", { name: "Support", number: "+55 11 96666-0001" });
      const official = new pkg.MetaNumber("official", {
        name: "Official",
        number: "+5511966660002",
        metaPhoneId: "555",
        wabaId: "777",
        accessToken: cfg.requireSecret("metaToken"),
      });
      return {
        supportId: support.numberId,
        supportState: support.state,
        supportPairingCode: support.pairingCode,
        officialWebhook: official.webhookUrl,
        officialVerifyToken: official.verifyToken,
        officialHealth: official.health,
      };
    },
  });

  const live = (await emu.control.state()).tenants.default?.numbers ?? [];
  const byName = Object.fromEntries(live.map((n) => [n.name, n]));
  expect(result.outputs.supportId).toBe(byName.Support?.id);
  expect(result.outputs.supportState).toBe("CONNECTING");
  expect(result.outputs.officialHealth).toMatchObject({ qualityRating: "GREEN", sendable: true });
  expect(typeof result.outputs.supportPairingCode).toBe("string");
  expect(result.secretOutputs.sort()).toEqual(["officialVerifyToken", "supportPairingCode"]);

  const types = result.resources.map((r) => r.type).sort();
  expect(types).toEqual(["pulumi-nodejs:dynamic/pilotstatus:MetaNumber", "pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber"]);
  const meta = result.resources.find((r) => r.name === "official")!;
  expect(meta.secretInputs).toContain("accessToken");
  // The token is kept for refresh only as a secret output (encrypted in state); no other output holds it.
  expect(meta.secretOutputs).toEqual(expect.arrayContaining(["accessToken", "credentialsFingerprint", "verifyToken"]));
  const { accessToken: kept, ...others } = meta.outputs;
  expect(kept).toBe("EAAG-program-token");
  expect(JSON.stringify(others)).not.toContain("EAAG-program-token");
});

it("reads a number already in the account with WhatsAppNumber.get", async () => {
  const existing = await emu.control.createNumber({ name: "Existing", number: "+5511966660009", state: "OPEN" });
  const result = await programDriver.runProgram({
    host,
    project: "numbers",
    config: { "pilotstatus:apiKey": values.secret(emu.tenantKey), "pilotstatus:baseUrl": emu.url },
    program: () => {
      const found = pkg.WhatsAppNumber.get("existing", existing.id);
      return { name: found.name, number: found.number, state: found.state };
    },
  });
  expect(result.outputs).toEqual({ name: "Existing", number: "+5511966660009", state: "OPEN" });
  expect(result.resources.map((r) => r.operation)).toEqual(["read"]);
});

it("numbers in two accounts: each account's key from secret config; the same number twice in one tenant is refused", async () => {
  const accounts = values.secret(JSON.stringify({ beta: { apiKey: emu.otherTenantKey }, alias: { apiKey: emu.tenantKey } }));
  const config = { "pilotstatus:apiKey": values.secret(emu.tenantKey), "pilotstatus:baseUrl": emu.url, "pilotstatus:accounts": accounts };
  // A host of its own: a host configures a provider only once, and this config differs from the other tests'.
  const host = await providerHost.startProviderHost({ cwd: repoRoot, project: "numbers", env: { PILOT_STATUS_API_KEY: "" } });
  onTestFinished(() => host.stop());
  const result = await programDriver.runProgram({
    host,
    project: "numbers",
    config,
    program: () => {
      const beta = new pkg.Account("beta");
      const home = new pkg.WhatsAppNumber("home", { name: "Home", number: "+5511966660101" });
      const away = new pkg.WhatsAppNumber("away", { name: "Away", number: "+5511966660101", account: beta });
      return { home: home.numberId, away: away.numberId, awayAccount: away.account };
    },
  });
  const idsOf = async (t: "default" | "other") => ((await emu.control.state()).tenants[t]?.numbers ?? []).map((n) => n.id);
  expect(await idsOf("default")).toContain(result.outputs.home);
  expect(await idsOf("other")).toEqual([result.outputs.away]);
  expect(result.outputs.awayAccount).toBe("beta");

  // "alias" has the default account's key: the same tenant, so the same number may not be declared under both.
  await emu.control.resetRequests();
  const twice = programDriver.runProgram({
    host,
    project: "numbers",
    config,
    program: () => {
      new pkg.WhatsAppNumber("first", { name: "Twice", number: "+5511966660102" });
      new pkg.WhatsAppNumber("second", { name: "Twice", number: "+55 11 96666-0102", account: "alias" });
      return {};
    },
  });
  await expect(twice).rejects.toThrow(
    /WhatsAppNumber "second" declares \+5511966660102, which "first" already declares in the default account .*account "alias" uses the same key, so it is the same tenant/,
  );
  // Refused as "second" is declared: it never reaches the service (the first may already be on its way).
  expect((await emu.control.requests()).counts["POST /v1/numbers"] ?? 0).toBeLessThanOrEqual(1);

  // An account that has no key fails where it is named, before any request.
  await expect(
    programDriver.runProgram({
      host,
      project: "numbers",
      config,
      program: () => {
        new pkg.Account("gamma");
        return {};
      },
    }),
  ).rejects.toThrow(/Unknown Pilot Status account "gamma".*Accounts with a key: alias, beta/);
});
