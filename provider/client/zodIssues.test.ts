import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues, issuePath, issueReason, MAX_ISSUES, unknownKeys } from "./zodIssues";

function failure(schema: z.ZodType, value: unknown): z.ZodError {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected the schema to fail");
  return parsed.error;
}

describe("issuePath", () => {
  it("joins a nested path with dots, array indexes included", () => {
    const schema = z.object({ a: z.object({ b: z.array(z.string()) }) });
    const [issue] = failure(schema, { a: { b: ["ok", 7] } }).issues;
    expect(issuePath(issue!)).toBe("a.b.1");
  });

  it("is empty at the root and takes a caller's path instead of the issue's", () => {
    const [issue] = failure(z.string(), 1).issues;
    expect(issuePath(issue!)).toBe("");
    expect(issuePath(issue!, ["deployment", "resources", 3])).toBe("deployment.resources.3");
  });
});

describe("unknownKeys", () => {
  it("names the keys of an unrecognized_keys issue, and none for any other issue", () => {
    const issues = failure(z.strictObject({ name: z.string() }), { name: 1, colour: "x", size: "y" }).issues;
    const unrecognized = issues.find((i) => i.code === "unrecognized_keys")!;
    const other = issues.find((i) => i.code !== "unrecognized_keys")!;
    expect(unknownKeys(unrecognized)).toEqual(["colour", "size"]);
    expect(unknownKeys(other)).toEqual([]);
  });
});

describe("issueReason", () => {
  it("drops zod's 'Invalid input: ' prefix and keeps other messages as they are", () => {
    const [typed] = failure(z.object({ n: z.number() }), { n: "x" }).issues;
    expect(typed!.message).toBe("Invalid input: expected number, received string");
    expect(issueReason(typed!)).toBe("expected number, received string");
    const [short] = failure(z.string().min(3), "ab").issues;
    expect(issueReason(short!)).toBe(short!.message);
  });
});

describe("describeIssues", () => {
  it("gives each issue as path: message, the root label for an issue at the root", () => {
    expect(describeIssues(failure(z.object({ a: z.object({ b: z.number() }) }), { a: { b: "x" } }), "(root)")).toBe(
      "a.b: Invalid input: expected number, received string",
    );
    expect(describeIssues(failure(z.array(z.number()), [1, "x"]), "(root)")).toBe("1: Invalid input: expected number, received string");
    expect(describeIssues(failure(z.object({}), "x"), "(body)")).toBe("(body): Invalid input: expected object, received string");
  });

  it("names unrecognized keys", () => {
    expect(describeIssues(failure(z.strictObject({}), { extra: 1 }), "(body)")).toBe('(body): Unrecognized key: "extra"');
  });

  it(`lists at most ${MAX_ISSUES} issues`, () => {
    expect(MAX_ISSUES).toBe(5);
    const schema = z.object(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, z.string()])));
    const error = failure(schema, {});
    expect(error.issues).toHaveLength(8);
    const text = describeIssues(error, "(root)");
    expect(text.split("; ")).toHaveLength(MAX_ISSUES);
    expect(text).toContain("f4: ");
    expect(text).not.toContain("f5");
  });

  it("never echoes a value given to a failing schema", () => {
    const secret = "sk_live_Zq8xSECRETvalue42";
    const schema = z.object({
      apiKey: z.string().min(64),
      pattern: z.string().regex(/^pk_/),
      choice: z.enum(["a", "b"]),
      literal: z.literal("x"),
      number: z.number(),
      email: z.email(),
      items: z.array(z.number()),
      nested: z.strictObject({ id: z.uuid() }),
    });
    const given = { apiKey: secret, pattern: secret, choice: secret, literal: secret, number: secret, email: secret, items: [secret] };
    const error = failure(schema, { ...given, nested: { id: secret, extra: secret } });
    expect(error.issues.length).toBeGreaterThan(MAX_ISSUES);
    const all = error.issues.map((i) => `${issuePath(i)} ${issueReason(i)} ${i.message} ${unknownKeys(i).join(",")}`).join("\n");
    expect(all).toContain("extra"); // the key is named, its value is not
    expect(all).not.toContain("SECRET");
    expect(describeIssues(error, "(root)")).not.toContain("SECRET");
    expect(describeIssues(failure(z.number(), secret), "(root)")).not.toContain("SECRET");
  });
});
