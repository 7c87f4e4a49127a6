// The provider plugin under the real CLI, from a Pulumi YAML program (examples/yaml-plugin, run by the YAML language
// host built by `npm run -s engine:cli`): two explicit providers for the emulator's two tenants; up, invoke, refresh
// of a change made in the dashboard, `pulumi import` whose generated code then shows no change, destroy. And the
// plugin's schema, as the engine reads it, is schema.json.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID } from "pulumi-pilotstatus-emulator";
import { engineCli, enginePulumi, repoRoot } from "../support/compiled";
import { cli, describeEngine, projectDir, useEngine } from "./engineRig";

const PLUGIN_DIR = path.join(repoRoot, "plugin");
const yamlHost = engineCli.yamlHostDir();

/** Canonical JSON of a schema: keys sorted, empty lists and objects left out (the CLI writes neither). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, canonical(v)] as const)
    .filter(([, v]) => !(typeof v === "object" && v !== null && Object.keys(v).length === 0))
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries);
}

describeEngine("engine: the provider plugin", () => {
  const rig = useEngine();

  it("pulumi package get-schema of the plugin is schema.json", async () => {
    // The folder `npm run -s plugin:path` prints is the one the examples name.
    const printed = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(repoRoot, "dist", "provider", "plugin", "pluginPath.js")], (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
    expect(printed).toBe(`${PLUGIN_DIR}\n`);
    const env = enginePulumi.engineEnv(cli!, rig.workDir);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        cli!,
        ["package", "get-schema", path.join(PLUGIN_DIR, "pulumi-resource-pilotstatus")],
        { env, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const fromPlugin = JSON.parse(out) as { name: string; resources: Record<string, unknown> };
    expect(fromPlugin.name).toBe("pilotstatus");
    expect(canonical(fromPlugin)).toEqual(canonical(JSON.parse(readFileSync(path.join(repoRoot, "schema.json"), "utf8"))));
  });

  it("a YAML program: two tenants by explicit providers; up, invoke, refresh, import, destroy", async () => {
    expect(existsSync(path.join(yamlHost, "pulumi-language-yaml")), "run `npm run -s engine:cli`: it builds the YAML language host").toBe(
      true,
    );
    const { control } = rig.emulator;
    const numbersOf = async (t: "default" | "other") => (await control.state()).tenants[t]?.numbers ?? [];
    // A copy of the example, its plugin path made absolute: `pulumi import` writes code beside it.
    const dir = path.join(rig.workDir, "yaml-plugin");
    await cp(projectDir("examples", "yaml-plugin"), dir, { recursive: true });
    const program = path.join(dir, "Pulumi.yaml");
    await writeFile(program, (await readFile(program, "utf8")).replace("path: ../../plugin", `path: ${PLUGIN_DIR}`));
    const stack = await rig.stack(dir);
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
    const exported = await stack.exportText();
    for (const key of [rig.emulator.tenantKey, OTHER_TENANT_KEY]) expect(exported).not.toContain(key);
    // The pairing code is a secret output (the schema says so): in state only as ciphertext.
    const pairingCode = String((await stack.outputs({ showSecrets: true })).acmePairingCode);
    expect(pairingCode).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(exported).not.toContain(pairingCode);

    // A rename in globex's dashboard: refresh brings it into state, through globex's provider.
    const globexId = String(outputs.globexSupportId);
    await control.rename(globexId, { name: "Globex support (dashboard)" });
    const refreshed = await stack.refresh();
    expect(refreshed.stdout).toMatch(/~ 1 updated/);
    expect((await stack.resource("globexSupport"))?.outputs?.name).toBe("Globex support (dashboard)");
    await control.rename(globexId, { name: "Globex support" });
    await stack.refresh();
    await stack.ok(["preview", "--expect-no-changes"]);

    // A number made in acme's dashboard, imported: the generated code, added to the program, shows no change.
    const sales = await control.createNumber({ name: "Acme sales", number: "+5511900000102" });
    const providerUrn = (await stack.resources()).find((r) => r.type === "pulumi:providers:pilotstatus" && r.urn.endsWith("::acme"))!.urn;
    const generated = path.join(rig.workDir, "imported.yaml");
    await stack.ok([
      "import",
      "pilotstatus:index:WhatsAppNumber",
      "acmeSales",
      sales.id,
      "--provider",
      `acme=${providerUrn}`,
      "--yes",
      "--out",
      generated,
    ]);
    const code = await readFile(generated, "utf8");
    expect(code).toContain("type: pilotstatus:WhatsAppNumber");
    expect(code).toContain("name: Acme sales");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: YAML interpolation, not a template.
    expect(code).toContain("provider: ${acme}");
    const text = await readFile(program, "utf8");
    await writeFile(program, text.replace("variables:\n", `${code.replace(/^resources:\n/, "")}variables:\n`));
    await stack.ok(["preview", "--expect-no-changes"]);
    expect((await stack.resource("acmeSales"))?.protect).toBe(true);

    // A Meta number made in globex's dashboard: the API never returns its Meta phone id or token, so the generated
    // code leaves them empty for the user to fill in; with them filled in, no change either (no replacement).
    const official = await control.createNumber({ tenant: "other", name: "Globex official", number: "+5521900000299", provider: "META" });
    const globexUrn = (await stack.resources()).find((r) => r.type === "pulumi:providers:pilotstatus" && r.urn.endsWith("::globex"))!.urn;
    const metaCode = path.join(rig.workDir, "imported-meta.yaml");
    const metaImport = await stack.ok([
      "import",
      "pilotstatus:index:MetaNumber",
      "globexOfficial",
      official.id,
      "--provider",
      `globex=${globexUrn}`,
      "--yes",
      "--out",
      metaCode,
    ]);
    expect(metaImport.output).toMatch(/"accessToken" is required/);
    const filled = (await readFile(metaCode, "utf8"))
      .replace('accessToken: ""', "accessToken: EAAG-engine-imported-token")
      .replace('metaPhoneId: ""', "metaPhoneId: '109876543210'");
    expect(filled).toContain("wabaId:");
    await writeFile(
      program,
      (await readFile(program, "utf8")).replace("variables:\n", `${filled.replace(/^resources:\n/, "")}variables:\n`),
    );
    await stack.ok(["preview", "--expect-no-changes"]);

    // Destroy: the imported number is protected (import's default); once unprotected, both tenants are empty.
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
    await stack.destroy();
    expect(await numbersOf("default")).toEqual([]);
    expect(await numbersOf("other")).toEqual([]);
  });
});
