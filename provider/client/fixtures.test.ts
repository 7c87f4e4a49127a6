import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as S from "./schemas";
import { isSafeId } from "./pathParams";

const dir = join(__dirname, "fixtures");
const schemaOf: Record<string, z.ZodType> = {
  "number-list.json": S.NumberList,
  "number-detail-meta-001.json": S.NumberDetail,
  "number-detail-meta-002.json": S.NumberDetail,
  "number-detail-non-meta.json": S.NumberDetail,
  "create-number-response.json": S.CreateNumberResponse,
  "calls-list.json": S.CallList,
  "number-status.json": S.NumberStatus,
  "number-status-old.json": S.NumberStatus,
  "connect-response.json": S.ConnectResponse,
  "delete-response.json": S.DeleteResponse,
  "error-unauthorized.json": S.ApiErrorBody,
  "error-rate-limited.json": S.ApiErrorBody,
  "error-validation.json": S.ApiErrorBody,
  "error-tenant-scope.json": S.ApiErrorBody,
  "error-not-connected.json": S.ApiErrorBody,
};
const load = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), "utf8"));

describe("doc fixtures", () => {
  it("every fixture file has a schema", () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(schemaOf).sort());
  });

  for (const [file, schema] of Object.entries(schemaOf)) {
    it(`${file} parses`, () => {
      const r = schema.safeParse(load(file));
      expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
    });
  }

  it("keeps unknown extra fields (loose) and the doc's dotted ids", () => {
    const list = S.NumberList.parse(load("number-list.json"));
    expect(list[0]!.id).toBe("num_01HZX...");
    expect(isSafeId(list[0]!.id)).toBe(false); // the validator is only for ids we send
    const meta = S.NumberDetail.parse(load("number-detail-meta-002.json"));
    expect(meta.number).toBe("+5511999999999");
    expect((meta.meta!.phone as Record<string, unknown>).accountMode).toBe("LIVE");
    const extra = S.NumberSummary.parse({ ...list[0], brandNewField: 1 }) as Record<string, unknown>;
    expect(extra.brandNewField).toBe(1);
  });

  it("rejects a body with a wrong field type", () => {
    const bad = { ...(load("number-status.json") as object), state: 5 };
    expect(S.NumberStatus.safeParse(bad).success).toBe(false);
  });
});
