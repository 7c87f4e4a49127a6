/**
 * Each package imports only what it ships or declares: a relative import that leaves the package's folder, or a
 * package its package.json does not list, works in this repository and breaks once installed. Read from the
 * sources (tests, which ship in neither, are left out).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !relative(dir, f).split(/[/\\]/).includes("dist"));
}

/** Module specifiers of static imports and exports (`import type` included: declarations ship too). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gms)].map((m) => m[1]!);
}

const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);

/** What is wrong with the imports of the sources in `dir`, shipped by the package whose package.json is `manifest`. */
function strayImports(dir: string, manifest = join(dir, "package.json")): string[] {
  const pkg = JSON.parse(readFileSync(manifest, "utf8")) as PackageJson;
  const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const stray: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of specifiers(file)) {
      const where = `${relative(ROOT, file)}: ${spec}`;
      if (spec.startsWith(".")) {
        if (relative(dir, resolve(dirname(file), spec)).startsWith("..")) stray.push(`${where} leaves ${relative(ROOT, dir)}/`);
      } else if (!spec.startsWith("node:") && !builtinModules.includes(spec) && !declared.has(packageOf(spec))) {
        stray.push(`${where} is not in ${relative(ROOT, manifest)}'s dependencies`);
      }
    }
  }
  return stray;
}

describe("each package imports only what it ships or declares", () => {
  it("the provider (provider/, published by the root package.json)", () => {
    expect(strayImports(join(ROOT, "provider"), join(ROOT, "package.json"))).toEqual([]);
  });

  it("the emulator (emulator/, its own package)", () => {
    expect(strayImports(join(ROOT, "emulator"))).toEqual([]);
  });

  it("reports an import that leaves the folder and one of an undeclared package", () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-imports-"));
    try {
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", dependencies: { zod: "*" } }));
      writeFileSync(
        join(dir, "a.ts"),
        'import { z } from "zod";\nimport type { X } from "../elsewhere/x";\nexport { y } from "fastify/y";\nimport { b } from "./b";\n',
      );
      expect(strayImports(dir).map((s) => s.replace(/^.*a\.ts: /, ""))).toEqual([
        `../elsewhere/x leaves ${relative(ROOT, dir)}/`,
        `fastify/y is not in ${relative(ROOT, join(dir, "package.json"))}'s dependencies`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
