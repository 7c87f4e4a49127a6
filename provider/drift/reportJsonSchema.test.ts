import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../packageRoot";
import { REPORT_SCHEMA_FILE, driftReportJsonSchema } from "./reportJsonSchema";

describe("drift-report.schema.json", () => {
  const generated = driftReportJsonSchema();

  it("is what the zod schema DriftReport generates (run `npm run schema` after changing it)", () => {
    const committed = JSON.parse(readFileSync(join(packageRoot(), REPORT_SCHEMA_FILE), "utf8")) as unknown;
    expect(committed).toEqual(generated);
  });

  it("describes the report's top level as DriftReport does: required fields, the optional ones not required", () => {
    const properties = generated.properties as Record<string, unknown>;
    const required = generated.required as string[];
    expect(generated.type).toBe("object");
    for (const key of ["schemaVersion", "generatedAt", "summary", "inSync", "changed", "missing", "unmanaged", "unhealthy", "api"]) {
      expect(required).toContain(key);
      expect(properties).toHaveProperty([key]);
    }
    for (const optional of ["healthCheck", "tenants"]) {
      expect(properties).toHaveProperty([optional]);
      expect(required).not.toContain(optional);
    }
  });
});
