// The provider plugin under the real CLI, from a Pulumi YAML program (examples/yaml-plugin, run by the YAML language
// host built by `npm run -s engine:cli`): two explicit providers for the emulator's two tenants; up, invoke, refresh
// of a change made in the dashboard, `pulumi import` whose generated code then shows no change, destroy. And the
// plugin's schema, as the engine reads it, is schema.json.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { expect, it } from "vitest";
import { engineCli, enginePulumi, repoRoot } from "../support/compiled";
import { cli, describeEngine, useEngine } from "./engineRig";
import { PLUGIN_DIR, deployTwoTenants, destroyBoth, importNumber } from "./pluginRig";
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
    const addToProgram = async (dir: string, code: string) => {
      const program = path.join(dir, "Pulumi.yaml");
      await writeFile(
        program,
        (await readFile(program, "utf8")).replace("variables:\n", `${code.replace(/^resources:\n/, "")}variables:\n`),
      );
    };
    const { dir, stack } = await deployTwoTenants(rig, {
      example: "yaml-plugin",
      stack: (d) => rig.stack(d),
      async addImported(d, code) {
        expect(code).toContain("type: pilotstatus:WhatsAppNumber");
        expect(code).toContain("name: Acme sales");
        // biome-ignore lint/suspicious/noTemplateCurlyInString: YAML interpolation, not a template.
        expect(code).toContain("provider: ${acme}");
        await addToProgram(d, code);
      },
    });

    // A Meta number made in globex's dashboard: the API never returns its Meta phone id or token, so the generated
    // code leaves them empty for the user to fill in; with them filled in, no change either (no replacement).
    const official = await rig.emulator.control.createNumber({
      tenant: "other",
      name: "Globex official",
      number: "+5521900000299",
      provider: "META",
    });
    const meta = await importNumber(rig, stack, "MetaNumber", "globexOfficial", official.id, "globex");
    expect(meta.output).toMatch(/"accessToken" is required/);
    const filled = meta.code
      .replace('accessToken: ""', "accessToken: EAAG-engine-imported-token")
      .replace('metaPhoneId: ""', "metaPhoneId: '109876543210'");
    expect(filled).not.toContain('""');
    expect(filled).toContain("wabaId:");
    await addToProgram(dir, filled);
    await stack.ok(["preview", "--expect-no-changes"]);

    await destroyBoth(rig, stack);
  });

  it("a YAML program without an explicit provider: the default provider reads pilotstatus:* from the stack config", async () => {
    const { control } = rig.emulator;
    const dir = path.join(rig.workDir, "yaml-default-provider");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: yaml-default-provider",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: pilotstatus",
        `      path: ${PLUGIN_DIR}`,
        "resources:",
        "  support:",
        "    type: pilotstatus:WhatsAppNumber",
        "    properties:",
        "      name: Default support",
        '      number: "+55 11 90000-0777"',
        "outputs:",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: YAML interpolation, not a template.
        "  state: ${support.state}",
        "",
      ].join("\n"),
    );
    const stack = await rig.stack(dir);
    // Without a key the provider's CheckConfig refuses before any request, naming the setting to make.
    await control.resetRequests();
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("pulumi config set --secret pilotstatus:apiKey");
    expect((await control.requests()).total).toBe(0);

    await stack.config({ plain: { "pilotstatus:baseUrl": rig.emulator.url }, secret: { "pilotstatus:apiKey": rig.emulator.tenantKey } });
    await stack.up();
    expect((await stack.outputs()).state).toBe("CONNECTING");
    const numbers = (await control.state()).tenants.default?.numbers ?? [];
    expect(numbers.map((n) => n.name)).toEqual(["Default support"]);
    expect(await stack.exportText()).not.toContain(rig.emulator.tenantKey);
    await stack.destroy();
    expect((await control.state()).tenants.default?.numbers ?? []).toEqual([]);
  });
});
