/** `npm run schema`: writes schema.json at the package root from the zod schemas. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../packageRoot";
import { generatePackageSchema } from "./catalog";

export const SCHEMA_PATH = join(packageRoot(), "schema.json");

export function renderSchema(): string {
  return `${JSON.stringify(generatePackageSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, renderSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
