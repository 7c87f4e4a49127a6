/**
 * The package's own version, read from its package.json at run time (from source, from dist/ and from an
 * installed package alike, via packageRoot). Read on first use and cached, never at import: the provider
 * host loads the client, and a require of this module costs nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./packageRoot";

export const PACKAGE_NAME = "pulumi-pilotstatus";

let cached: string | undefined;

/** `0.1.0`, as package.json says. Throws only if the package's package.json cannot be found. */
export function packageVersion(): string {
  if (cached === undefined) {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: unknown };
    if (typeof version !== "string" || version === "") throw new Error(`${PACKAGE_NAME}'s package.json has no version`);
    cached = version;
  }
  return cached;
}

/** What `--version` prints, the same for both bins: `pulumi-pilotstatus 0.1.0`. */
export function versionLine(): string {
  return `${PACKAGE_NAME} ${packageVersion()}\n`;
}

let agent: string | undefined;

/**
 * The client's default User-Agent, `pulumi-pilotstatus/<version>`. A copy whose package.json is gone
 * (bundled into something else) still sends requests, as plain `pulumi-pilotstatus`.
 */
export function defaultUserAgent(): string {
  if (agent === undefined) {
    try {
      agent = `${PACKAGE_NAME}/${packageVersion()}`;
    } catch {
      agent = PACKAGE_NAME;
    }
  }
  return agent;
}
