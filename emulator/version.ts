/**
 * The emulator package's own version, from its package.json (found from source and from dist/ alike), for
 * `--version`. Released with the provider of the same version, whose contract it serves.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const EMULATOR_PACKAGE_NAME = "pulumi-pilotstatus-emulator";

export function versionLine(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === EMULATOR_PACKAGE_NAME && typeof pkg.version === "string") return `${EMULATOR_PACKAGE_NAME} ${pkg.version}\n`;
    }
    if (dirname(dir) === dir) throw new Error(`${EMULATOR_PACKAGE_NAME}'s package.json not found above ${from}`);
  }
}
