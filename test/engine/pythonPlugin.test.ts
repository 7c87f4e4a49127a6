// The provider plugin under the real CLI, from a Python program (examples/python-plugin) using the SDK that
// `pulumi package gen-sdk --language python` generates from the plugin, in the virtualenv `npm run -s engine:cli`
// builds (testing/engine/python.ts), run by the pulumi-language-python stand-in (testing/engine/pythonLanguageHost.ts):
// two explicit providers for the emulator's two tenants; up, invoke, refresh of a change made in the dashboard,
// `pulumi import` whose generated Python then shows no change, destroy. The same scenario as yamlPlugin.test.ts.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { enginePulumi, repoRoot } from "../support/compiled";
import { cli, describeEngine, expectFailure, useEngine } from "./engineRig";
import { deployTwoTenants, destroyBoth } from "./pluginRig";

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
    const { stack } = await deployTwoTenants(rig, {
      example: "python-plugin",
      patchProject: (text) => {
        const patched = text.replace("virtualenv: venv", `virtualenv: ${venv}`);
        expect(patched).toContain(`virtualenv: ${venv}`);
        return patched;
      },
      stack: pythonStack,
      async addImported(dir, code) {
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
      },
    });
    await destroyBoth(rig, stack);
  });
});
