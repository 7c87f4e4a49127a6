/** `npm run schema`: writes schema.json and the drift report's JSON Schema at the package root from the zod schemas. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../packageRoot";
import { REPORT_SCHEMA_FILE, driftReportJsonSchema } from "../drift/reportJsonSchema";
import { generatePackageSchema } from "./catalog";

export const SCHEMA_PATH = join(packageRoot(), "schema.json");

export function renderSchema(): string {
  return `${JSON.stringify(generatePackageSchema(), null, 2)}\n`;
}

export const REPORT_SCHEMA_PATH = join(packageRoot(), REPORT_SCHEMA_FILE);

export function renderReportSchema(): string {
  return `${JSON.stringify(driftReportJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, renderSchema());
  writeFileSync(REPORT_SCHEMA_PATH, renderReportSchema());
  console.log(`wrote ${SCHEMA_PATH} and ${REPORT_SCHEMA_PATH}`);
}
