/**
 * The drift report's JSON Schema, generated from the zod schema `DriftReport` (zod's own toJSONSchema), so a pipeline
 * in any language can validate `pilotstatus drift --json` without this package. Written to drift-report.schema.json
 * by `npm run schema`; a test fails when the committed file is stale.
 */
import { z } from "zod";
import { DriftReport } from "./report.schema";

export const REPORT_SCHEMA_FILE = "drift-report.schema.json";

export function driftReportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DriftReport, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: `https://github.com/pulumi-pilotstatus/pulumi-pilotstatus/blob/main/${REPORT_SCHEMA_FILE}`,
    title: "pilotstatus drift --json report (schemaVersion 1)",
    ...schema,
  };
}
