/**
 * The provider plugin's scenario, the same for every language (yamlPlugin.test.ts, pythonPlugin.test.ts): an example
 * copied into the rig's folder (its plugin path made absolute), two explicit providers for the emulator's two tenants;
 * up, invoke, refresh of a dashboard rename, `pulumi import` whose generated code then shows no change, destroy.
 * Each language gives only what differs: how its project is patched and how imported code joins the program.
 */
import { cp, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { expect } from "vitest";
import { DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID } from "pulumi-pilotstatus-emulator";
import type { PulumiStack } from "../../testing/engine/pulumi";
import { repoRoot } from "../support/compiled";
import { type EngineRig, projectDir } from "./engineRig";

export const PLUGIN_DIR = path.join(repoRoot, "plugin");

export interface PluginLanguage {
  /** The example's folder under examples/. */
  readonly example: string;
  /** The example's Pulumi.yaml as the test runs it (the plugin path is made absolute before). */
  patchProject?(text: string): string;
  /** A stack of the copied project. */
  stack(dir: string): Promise<PulumiStack>;
  /** Checks `pulumi import --out`'s code for `acmeSales` and adds it to the program in `dir`. */
  addImported(dir: string, code: string): Promise<void>;
}

/** The example, copied into the rig's folder: `pulumi import` writes code beside it. */
async function copyExample(rig: EngineRig, lang: PluginLanguage): Promise<string> {
  const dir = path.join(rig.workDir, lang.example);
  await cp(projectDir("examples", lang.example), dir, { recursive: true });
  const project = path.join(dir, "Pulumi.yaml");
  const text = (await readFile(project, "utf8")).replace("path: ../../plugin", `path: ${PLUGIN_DIR}`);
  expect(text).toContain(`path: ${PLUGIN_DIR}`);
  await writeFile(project, lang.patchProject ? lang.patchProject(text) : text);
  return dir;
}

const providerUrn = async (stack: PulumiStack, name: string) =>
  (await stack.resources()).find((r) => r.type === "pulumi:providers:pilotstatus" && r.urn.endsWith(`::${name}`))!.urn;

export interface Deployed {
  readonly dir: string;
  readonly stack: PulumiStack;
}

/** up, invoke, refresh of a dashboard rename and the import of a number made in acme's dashboard. */
export async function deployTwoTenants(rig: EngineRig, lang: PluginLanguage): Promise<Deployed> {
  const { control } = rig.emulator;
  const numbersOf = async (t: "default" | "other") => (await control.state()).tenants[t]?.numbers ?? [];
  const dir = await copyExample(rig, lang);
  const stack = await lang.stack(dir);
  await stack.config({
    plain: { baseUrl: rig.emulator.url },
    secret: { acmeApiKey: rig.emulator.tenantKey, globexApiKey: OTHER_TENANT_KEY },
  });

  await control.resetRequests();
  const up = await stack.up();
  expect(up.stdout).toMatch(/\+ 5 created/); // the stack, two providers, two numbers
  expect((await numbersOf("default")).map((n) => n.name)).toEqual(["Acme support"]);
  expect((await numbersOf("other")).map((n) => n.name)).toEqual(["Globex support"]);
  // Each tenant's requests carry its own key: acme a POST, a read-back and the health invoke; globex a POST, a
  // read-back and the list invoke.
  expect((await control.requests()).byKey).toEqual({ [DEFAULT_TENANT_KEY_ID]: 3, [OTHER_TENANT_KEY_ID]: 3 });
  const outputs = await stack.outputs();
  expect(outputs.acmeSupportState).toBe("CONNECTING");
  expect(outputs.acmeSupportHealthState).toBe("CONNECTING");
  expect(outputs.acmePairingCode).toBe("[secret]");
  // The list invoke does not wait for the number (no dependency), so the list may still be empty.
  expect(Array.isArray(outputs.globexNumbers)).toBe(true);
  const exported = await stack.exportText();
  for (const key of [rig.emulator.tenantKey, OTHER_TENANT_KEY]) expect(exported).not.toContain(key);
  // The pairing code is a secret output (the schema says so): in state only as ciphertext.
  const pairingCode = String((await stack.outputs({ showSecrets: true })).acmePairingCode);
  expect(pairingCode).toMatch(/^[A-Z0-9-]{6,}$/);
  expect(exported).not.toContain(pairingCode);

  // A rename in globex's dashboard: refresh brings it into state, through globex's provider.
  const globexId = String(outputs.globexSupportId);
  await control.rename(globexId, { name: "Globex support (dashboard)" });
  expect((await stack.refresh()).stdout).toMatch(/~ 1 updated/);
  expect((await stack.resource("globexSupport"))?.outputs?.name).toBe("Globex support (dashboard)");
  await control.rename(globexId, { name: "Globex support" });
  await stack.refresh();
  await stack.ok(["preview", "--expect-no-changes"]);

  // A number made in acme's dashboard, imported: the generated code, added to the program, shows no change.
  const sales = await control.createNumber({ name: "Acme sales", number: "+5511900000102" });
  const { code } = await importNumber(rig, stack, "WhatsAppNumber", "acmeSales", sales.id, "acme");
  await lang.addImported(dir, code);
  await stack.ok(["preview", "--expect-no-changes"]);
  expect((await stack.resource("acmeSales"))?.protect).toBe(true);
  return { dir, stack };
}

/** `pulumi import pilotstatus:index:<kind> <name> <id>` through the named provider: the generated code, the CLI's output. */
export async function importNumber(
  rig: EngineRig,
  stack: PulumiStack,
  kind: "WhatsAppNumber" | "MetaNumber",
  name: string,
  id: string,
  provider: "acme" | "globex",
): Promise<{ code: string; output: string }> {
  const out = path.join(rig.workDir, `imported-${name}`);
  const urn = await providerUrn(stack, provider);
  const run = await stack.ok(["import", `pilotstatus:index:${kind}`, name, id, "--provider", `${provider}=${urn}`, "--yes", "--out", out]);
  return { code: await readFile(out, "utf8"), output: run.output };
}

/** Destroy: imported numbers are protected (import's default); once unprotected, both tenants are empty. */
export async function destroyBoth(rig: EngineRig, stack: PulumiStack): Promise<void> {
  const { control } = rig.emulator;
  await stack.ok(["state", "unprotect", "--all", "--yes"]);
  await stack.destroy();
  const state = await control.state();
  expect(state.tenants.default?.numbers ?? []).toEqual([]);
  expect(state.tenants.other?.numbers ?? []).toEqual([]);
}
