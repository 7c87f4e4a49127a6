/** The package's root folder, from source (tests) and from dist/ alike. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "pulumi-pilotstatus") {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`pulumi-pilotstatus's package.json not found above ${from}`);
  }
}
