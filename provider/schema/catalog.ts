/** What schema.json describes: every resource and data source, with the zod schemas that define them. */
import { FUNCTIONS, FUNCTION_NAMES } from "../dataSources/functions";
import { packageVersion } from "../version";
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES } from "../resources/kinds";
import { type PackageSchemaInput, buildPackageSchema } from "./packageSchema";

export function catalog(): PackageSchemaInput {
  return {
    version: packageVersion(),
    resources: RESOURCE_KIND_NAMES.map((name) => {
      const { description, inputs, outputs } = RESOURCE_KINDS[name];
      return { name, description, inputs, outputs };
    }),
    // The plugin serves them as Invoke; the dynamic face runs them in the program (`getX` / `getXOutput`).
    functions: FUNCTION_NAMES.map((name) => {
      const { description, inputs, outputs } = FUNCTIONS[name];
      return { name, description, inputs, outputs };
    }),
  };
}

export function generatePackageSchema(): Record<string, unknown> {
  return buildPackageSchema(catalog());
}
