// The provider plugin under the real CLI, from a Python program (examples/python-plugin) using the SDK that
// `pulumi package gen-sdk --language python` generates from the plugin, in the virtualenv `npm run -s engine:cli`
// builds (testing/engine/python.ts), run by the pulumi-language-python stand-in (testing/engine/pythonLanguageHost.ts):
// two explicit providers for the emulator's two tenants; up, invoke, refresh of a change made in the dashboard,
// `pulumi import` whose generated Python then shows no change, destroy. The same scenario as yamlPlugin.test.ts.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID } from "pulumi-pilotstatus-emulator";
import { enginePulumi, repoRoot } from "../support/compiled";
import { cli, describeEngine, expectFailure, projectDir, useEngine } from "./engineRig";

const PLUGIN_DIR = path.join(repoRoot, "plugin");
const enginePython = createRequire(import.meta.url)(
  path.join(repoRoot, "dist/testing/engine/python.js"),
) as typeof import("../../testing/engine/python");
const venv = enginePython.locatePythonVenv();
const NO_VENV = "no Python virtualenv with the pilotstatus SDK: `npm run -s engine:cli` builds it (it needs python3 with venv, pip and Go)";

/** describeEngine when the venv is there; without it a visible skip, or under CI a failing test that says why. */
function describePython(name: string, body: () => void): void {
  if (venv || !cli) describeEngine(name, body);
  else if (process.env.CI === "true") {
    describe(name, () => {
      it("has the Python virtualenv", () => {
        throw new Error(`${NO_VENV} (CI=true)`);
      });
    });
  } else describe.skip(`${name} [skipped: ${NO_VENV}]`, body);
}

describePython("engine: the provider plugin from Python", () => {
  const rig = useEngine();
  /** A stack whose engine finds the pulumi-language-python stand-in and its generator first on PATH. */
  const pythonStack = (dir: string) => {
    const base = enginePulumi.engineEnv(cli!, path.join(rig.workDir, "env"));
    return rig.stack(dir, { env: { PATH: [...enginePython.pythonEnginePath(cli!), base.PATH ?? ""].join(path.delimiter) } });
  };

  it("a program that raises: the engine shows its traceback, and the host bails (exit 32) rather than add an exit-code error", async () => {
    const dir = path.join(rig.workDir, "python-raises");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "Pulumi.yaml"), `name: python-raises\nruntime:\n  name: python\n  options:\n    virtualenv: ${venv}\n`);
    await writeFile(path.join(dir, "__main__.py"), 'import pulumi\n\nraise ValueError("boom from " + pulumi.get_stack())\n');
    const stack = await pythonStack(dir);
    const out = expectFailure(await stack.run(["up", "--yes", "--skip-preview"]));
    expect(out).toContain("ValueError: boom from dev");
    expect(out).toContain("Program failed with an unhandled exception");
    expect(out).not.toContain("non-zero exit code");
  });

  it("a Python program: two tenants by explicit providers; up, invoke, refresh, import, destroy", async () => {
    const { control } = rig.emulator;
    const numbersOf = async (t: "default" | "other") => (await control.state()).tenants[t]?.numbers ?? [];
    // A copy of the example, its plugin path made absolute and its virtualenv the suite's: `pulumi import` writes
    // code beside it.
    const dir = path.join(rig.workDir, "python-plugin");
    await cp(projectDir("examples", "python-plugin"), dir, { recursive: true });
    const project = path.join(dir, "Pulumi.yaml");
    const original = await readFile(project, "utf8");
    const patched = original.replace("path: ../../plugin", `path: ${PLUGIN_DIR}`).replace("virtualenv: venv", `virtualenv: ${venv}`);
    expect(patched).toContain(`virtualenv: ${venv}`);
    await writeFile(project, patched);
    const stack = await pythonStack(dir);
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
    // globex's list invoke ran through globex's provider (its key is counted above); it does not wait for the
    // number, as in the YAML program, so the list may be empty.
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
    const refreshed = await stack.refresh();
    expect(refreshed.stdout).toMatch(/~ 1 updated/);
    expect((await stack.resource("globexSupport"))?.outputs?.name).toBe("Globex support (dashboard)");
    await control.rename(globexId, { name: "Globex support" });
    await stack.refresh();
    await stack.ok(["preview", "--expect-no-changes"]);

    // A number made in acme's dashboard, imported: the generated Python, added to the program, shows no change.
    const sales = await control.createNumber({ name: "Acme sales", number: "+5511900000102" });
    const providerUrn = (await stack.resources()).find((r) => r.type === "pulumi:providers:pilotstatus" && r.urn.endsWith("::acme"))!.urn;
    const generated = path.join(rig.workDir, "imported.py");
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
    expect(code).toContain("pilotstatus.WhatsAppNumber(");
    expect(code).toContain('name="Acme sales"');
    expect(code).toMatch(/provider=acme\b/);
    // The generated module imports what it uses; the program already has those imports and the `acme` provider.
    const body = code
      .split("\n")
      .filter((line) => !/^import |^from /.test(line))
      .join("\n");
    const program = path.join(dir, "__main__.py");
    await writeFile(program, `${await readFile(program, "utf8")}\n${body}\n`);
    await stack.ok(["preview", "--expect-no-changes"]);
    expect((await stack.resource("acmeSales"))?.protect).toBe(true);

    // Destroy: the imported number is protected (import's default); once unprotected, both tenants are empty.
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
    await stack.destroy();
    expect(await numbersOf("default")).toEqual([]);
    expect(await numbersOf("other")).toEqual([]);
  });
});
