/**
 * Other releases of @pulumi/pulumi, for checking the package against the SDK versions its peer range admits: each
 * installed once from the npm registry into the engine cache, with this package linked beside it, as a user's
 * project would have them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { packageRoot } from "../../provider/packageRoot";
import { cacheDir } from "./cli";

/** A project folder whose node_modules hold @pulumi/pulumi@<version> and a link to this package. */
export async function sdkProject(version: string): Promise<string> {
  const dir = path.join(cacheDir(), `sdk-${version}`);
  if (existsSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"))) {
    // The cache is shared by every checkout on the machine: the link must be to this one.
    const link = path.join(dir, "node_modules", "pulumi-pilotstatus");
    if ((await readlink(link).catch(() => undefined)) !== packageRoot()) {
      await rm(link, { force: true });
      await symlink(packageRoot(), link, "dir");
    }
    return dir;
  }
  const work = `${dir}.partial-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await writeFile(path.join(work, "package.json"), JSON.stringify({ name: `sdk-${version}`, private: true }));
  await new Promise<void>((resolve, reject) =>
    execFile(
      "npm",
      ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev", `@pulumi/pulumi@${version}`],
      { cwd: work, timeout: 600_000 },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`npm install @pulumi/pulumi@${version} failed: ${stderr.slice(-2000)}`)) : resolve(),
    ),
  );
  await symlink(packageRoot(), path.join(work, "node_modules", "pulumi-pilotstatus"), "dir");
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return dir;
}
