/**
 * The package as users install it, in an empty project: from `npm pack`'s tarball and from a git URL (the
 * `prepare` build), the provider without the emulator's web server, and the emulator package beside it.
 * npm reads the registry through its cache (`--prefer-offline`): `npm ci` has already fetched every package.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempDir } from "../support/tempDir";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
const rootPackage = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
};
const PULUMI_SDK = `@pulumi/pulumi@${rootPackage.devDependencies["@pulumi/pulumi"]}`;
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

async function npm(cwd: string, args: string[], timeout = 240_000): Promise<string> {
  const { stdout } = await run("npm", args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  return stdout;
}

async function emptyProject(parent: string, name: string): Promise<string> {
  const dir = join(parent, name);
  mkdirSync(dir);
  await npm(dir, ["init", "-y"]);
  return dir;
}

/** Every installed package (nested copies included), from `npm ls`. */
async function installedPackages(project: string): Promise<string[]> {
  const out = await npm(project, ["ls", "--all", "--parseable"]);
  return [
    ...new Set(
      out
        .split("\n")
        .slice(1)
        .filter((l) => l !== ""),
    ),
  ];
}

const nodeIn = (cwd: string, code: string) => run(process.execPath, ["-e", code], { cwd, timeout: 30_000 });

describe("installing the package", () => {
  const tmp = useTempDir("ps-install-");
  let providerTarball: string;
  let emulatorTarball: string;

  beforeAll(async () => {
    const packs = join(tmp.path, "packs");
    mkdirSync(packs);
    await npm(ROOT, ["pack", "--pack-destination", packs, "--loglevel=error"]);
    await npm(ROOT, ["pack", "-w", "emulator", "--pack-destination", packs, "--loglevel=error"]);
    const files = readdirSync(packs);
    providerTarball = join(packs, files.find((f) => f.startsWith("pulumi-pilotstatus-0"))!);
    emulatorTarball = join(packs, files.find((f) => f.startsWith("pulumi-pilotstatus-emulator-"))!);
  }, 120_000);

  it("from the tarball: the provider loads, its bin runs, and no web server comes along", async () => {
    const project = await emptyProject(tmp.path, "from-tarball");
    await npm(project, ["install", providerTarball, PULUMI_SDK, ...NPM_FLAGS]);
    const loaded = await nodeIn(
      project,
      `const p = require("pulumi-pilotstatus"); const d = require("pulumi-pilotstatus/drift");
       console.log([typeof p.WhatsAppNumber, typeof p.MetaNumber, typeof p.getNumbersOutput, typeof d.auditDrift].join(" "))`,
    );
    expect(loaded.stdout.trim()).toBe("function function function function");
    const version = await run(join(project, "node_modules", ".bin", "pilotstatus"), ["--version"], { cwd: project });
    expect(version.stdout).toBe(`pulumi-pilotstatus ${rootPackage.version}\n`);
    const packages = await installedPackages(project);
    expect(packages.filter((p) => /[/\\](fastify|pino|light-my-request|avvio)$/.test(p))).toEqual([]);
    expect(existsSync(join(project, "node_modules", "pulumi-pilotstatus", "dist", "emulator"))).toBe(false);
    // The provider plugin, from the folder a Pulumi.yaml names: it starts and prints its port, as the engine reads it.
    const plugin = spawn(join(project, "node_modules", "pulumi-pilotstatus", "plugin", "pulumi-resource-pilotstatus"), [], {
      cwd: project,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await new Promise<string>((resolvePort, reject) => {
        plugin.stdout.setEncoding("utf8").once("data", (d: string) => resolvePort(d.trim()));
        plugin.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
      });
      expect(port).toMatch(/^\d+$/);
    } finally {
      plugin.kill("SIGTERM");
    }
  }, 300_000);

  it("the emulator package beside it: its bin starts a server that answers with the tenant key", async () => {
    const project = await emptyProject(tmp.path, "with-emulator");
    await npm(project, ["install", providerTarball, emulatorTarball, PULUMI_SDK, ...NPM_FLAGS]);
    const bin = join(project, "node_modules", ".bin", "pilotstatus-emulator");
    expect((await run(bin, ["--version"], { cwd: project })).stdout).toBe(`pulumi-pilotstatus-emulator ${rootPackage.version}\n`);
    // One copy of the provider: the emulator's dependency is the provider the project installed.
    expect(existsSync(join(project, "node_modules", "pulumi-pilotstatus-emulator", "node_modules", "pulumi-pilotstatus"))).toBe(false);

    const child = spawn(bin, ["--port", "0", "--quiet"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (m) resolveUrl(m[0]);
        });
        child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before printing its URL`)));
      });
      const res = await fetch(`${url}/v1/numbers`, { headers: { "x-api-key": "ps_emulator_tenant_default_key" } });
      expect(res.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  }, 300_000);

  it("from a git URL: npm's prepare build gives the same working package", async (ctx) => {
    if (!existsSync(join(ROOT, ".git"))) {
      // Not a silent skip: CI checks out a git clone, so this only happens in an exported tree.
      ctx.skip(`${ROOT} is not a git checkout`);
    }
    const project = await emptyProject(tmp.path, "from-git");
    await npm(project, ["install", `git+file://${ROOT}`, PULUMI_SDK, ...NPM_FLAGS], 480_000);
    const loaded = await nodeIn(project, `console.log(typeof require("pulumi-pilotstatus").WhatsAppNumber)`);
    expect(loaded.stdout.trim()).toBe("function");
    expect(existsSync(join(project, "node_modules", "pulumi-pilotstatus", "dist", "provider", "host.js"))).toBe(true);
  }, 600_000);
});
