/** What schema.json describes: every resource and data source, with the zod schemas that define them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GetNumberArgs, GetNumberResult } from "../dataSources/getNumber";
import { GetNumberHealthArgs, GetNumberHealthResult } from "../dataSources/getNumberHealth";
import { GetNumbersArgs, GetNumbersResult } from "../dataSources/getNumbers";
import { GetRecentCallsArgs, GetRecentCallsResult } from "../dataSources/getRecentCalls";
import { packageRoot } from "../packageRoot";
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES } from "../resources/kinds";
import { type PackageSchemaInput, buildPackageSchema } from "./packageSchema";

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

export function catalog(): PackageSchemaInput {
  return {
    version: packageVersion(),
    resources: RESOURCE_KIND_NAMES.map((name) => {
      const { description, inputs, outputs } = RESOURCE_KINDS[name];
      return { name, description, inputs, outputs };
    }),
    // Dynamic providers cannot serve Invoke: these run in the program process (`getX` / `getXOutput`).
    functions: [
      {
        name: "getNumberHealth",
        description: "State, `isFullyConnected`, health and (Meta numbers) the cached or live Meta snapshot of a number.",
        inputs: GetNumberHealthArgs,
        outputs: GetNumberHealthResult,
      },
      {
        name: "getRecentCalls",
        description:
          "Recent calls, newest first, paged past 100 with the `before` cursor, with aggregates by status and " +
          "direction. Needs a number-scoped key (`apiKey`).",
        inputs: GetRecentCallsArgs,
        outputs: GetRecentCallsResult,
      },
      { name: "getNumbers", description: "Every number of the tenant.", inputs: GetNumbersArgs, outputs: GetNumbersResult },
      {
        name: "getNumber",
        description: "One number of the tenant, by `numberId` or by phone `number`.",
        inputs: GetNumberArgs,
        outputs: GetNumberResult,
      },
    ],
  };
}

export function generatePackageSchema(): Record<string, unknown> {
  return buildPackageSchema(catalog());
}
