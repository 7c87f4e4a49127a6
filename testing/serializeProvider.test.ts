import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { greeting, providerHost, repoRoot, serialize, thin } from "../test/support/compiled";
import type { ProviderHost } from "./providerHost";

const TYPE = "pulumi-nodejs:dynamic/fixture:Greeting";
const hosts: ProviderHost[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), "thin-loader-"));

afterEach(async () => {
  hostsByCwd.clear();
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hostsByCwd = new Map<string, Promise<ProviderHost>>();

/** Creates one Greeting through a host running in `cwd` (one host per cwd), requiring the implementation via `specifier`. */
async function createVia(cwd: string, specifier: string) {
  let started = hostsByCwd.get(cwd);
  if (!started) {
    started = providerHost.startProviderHost({ cwd, project: "fixture" }).then(async (h) => {
      hosts.push(h);
      await h.configure({});
      return h;
    });
    hostsByCwd.set(cwd, started);
  }
  const host = await started;
  const __provider = await serialize.serializeProvider(thin.thinProvider(specifier, "echoProvider"));
  return host.create(host.urn(TYPE, "r1"), { name: "ann", message: "hello", __provider });
}

describe("serializeProvider", () => {
  it("produces a small, secret-free module exporting the provider as `handler`, as the host expects", async () => {
    const detailed = await serialize.serializeProviderDetailed(greeting.greetingProvider);
    expect(detailed.containsSecrets).toBe(false);
    expect(detailed.text.length).toBeLessThan(4096);
    expect(detailed.text).toMatch(/^exports\.handler = __f\d+;/);
    expect(detailed.text).toContain(JSON.stringify(greeting.ECHO_PROVIDER_MODULE));
    expect(await serialize.serializeProvider(greeting.greetingProvider)).toBe(detailed.text);
  });

  it("flags a provider that captured a secret Output", async () => {
    const { pulumi } = await import("../test/support/compiled");
    const leaked = pulumi.secret("s3cr3t");
    const provider = { create: async () => ({ id: String(await leaked.apply((v) => v)) }) };
    expect((await serialize.serializeProviderDetailed(provider)).containsSecrets).toBe(true);
  });
});

describe("where require() inside a deserialized provider resolves", () => {
  it("resolves an absolute path from any cwd", async () => {
    expect((await createVia(tmp, greeting.ECHO_PROVIDER_MODULE)).properties.text).toBe("hello, ann");
  });

  it("resolves a relative specifier against the host's cwd (the program directory)", async () => {
    const rel = "./dist/testing/fixtures/echoProvider.js";
    expect((await createVia(repoRoot, rel)).properties.name).toBe("ann");
    await expect(createVia(tmp, rel)).rejects.toThrow(/Cannot find module '\.\/dist\/testing\/fixtures\/echoProvider\.js'/);
  });

  it("resolves a package name only through node_modules of the cwd, never by self-reference", async () => {
    // A package whose index re-exports the fixture, with an "exports" map, laid out as a program would install it.
    const pkgJson = JSON.stringify({ name: "echo-fixture", exports: { ".": "./index.js", "./alt": "./index.js" } });
    const indexJs = `module.exports = require(${JSON.stringify(greeting.ECHO_PROVIDER_MODULE)});`;
    const installed = path.join(tmp, "program", "node_modules", "echo-fixture");
    mkdirSync(installed, { recursive: true });
    writeFileSync(path.join(installed, "package.json"), pkgJson);
    writeFileSync(path.join(installed, "index.js"), indexJs);
    expect((await createVia(path.join(tmp, "program"), "echo-fixture")).properties.name).toBe("ann");
    expect((await createVia(path.join(tmp, "program"), "echo-fixture/alt")).properties.name).toBe("ann");
    // The "exports" map is enforced: a deep path it does not list is refused.
    await expect(createVia(path.join(tmp, "program"), "echo-fixture/index.js")).rejects.toThrow(/not defined by "exports"/);

    // Inside the package itself (cwd = package root) an ordinary module can self-reference by name…
    const self = path.join(tmp, "self", "echo-fixture");
    mkdirSync(self, { recursive: true });
    writeFileSync(path.join(self, "package.json"), pkgJson);
    writeFileSync(path.join(self, "index.js"), indexJs);
    writeFileSync(path.join(self, "probe.js"), 'require("echo-fixture"); console.log("self-reference ok");');
    expect(execFileSync(process.execPath, [path.join(self, "probe.js")], { cwd: self, encoding: "utf8" })).toContain("self-reference ok");
    // …but the host's require-from-string module has no filename, so Node's self-reference lookup never applies.
    await expect(createVia(self, "echo-fixture")).rejects.toThrow(/Cannot find module 'echo-fixture'/);
  });
});
