import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { packageRoot } from "../packageRoot";
import { generatePackageSchema } from "./catalog";
import { buildPackageSchema } from "./packageSchema";

const committed = JSON.parse(readFileSync(join(packageRoot(), "schema.json"), "utf8")) as Record<string, unknown>;
const generated = generatePackageSchema();

// The rules of Pulumi's package metaschema (pkg/codegen/schema/pulumi.json) that this schema relies on.
const TOKEN = /^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9][a-zA-Z0-9._/-]*)?:[^0-9][a-zA-Z0-9._/-]*$/;
const Primitive = z.enum(["boolean", "integer", "number", "string"]);
const TypeSpec: z.ZodType = z.lazy(() =>
  z.union([
    z.object({ type: Primitive }).strict(),
    z.object({ type: z.literal("array"), items: TypeSpec }).strict(),
    z.object({ type: z.literal("object"), additionalProperties: TypeSpec.optional() }).strict(),
    z.object({ type: z.string().optional(), $ref: z.string() }).strict(),
    z.object({ type: Primitive.optional(), oneOf: z.array(TypeSpec).min(2) }).strict(),
  ]),
);
const PropertyExtras = {
  description: z.string().optional(),
  default: z.union([z.boolean(), z.number(), z.string()]).optional(),
  defaultInfo: z.object({ environment: z.array(z.string()) }).optional(),
  secret: z.boolean().optional(),
  willReplaceOnChanges: z.boolean().optional(),
};
const PropertySpec = z.record(z.string(), z.unknown()).superRefine((prop, ctx) => {
  const typePart = Object.fromEntries(Object.entries(prop).filter(([k]) => !(k in PropertyExtras)));
  const extras = Object.fromEntries(Object.entries(prop).filter(([k]) => k in PropertyExtras));
  for (const [part, schema] of [
    [typePart, TypeSpec],
    [extras, z.object(PropertyExtras)],
  ] as const) {
    const r = schema.safeParse(part);
    if (!r.success) ctx.addIssue({ code: "custom", message: `${JSON.stringify(prop)}: ${r.error.message}` });
  }
});
const ObjectSpec = z.object({ properties: z.record(z.string(), PropertySpec), required: z.array(z.string()) });
const PackageSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][-a-zA-Z0-9_]*$/),
  version: z.string().regex(/^v?\d+\.\d+\.\d+/),
  // `defaults` is Go's ConfigSpec.Required (json:"defaults,omitempty"): the config keys a stack must set.
  config: z.strictObject({ variables: z.record(z.string(), PropertySpec), defaults: z.array(z.string()).optional() }),
  types: z.record(
    z.string().regex(TOKEN),
    z.union([
      ObjectSpec.extend({ type: z.literal("object") }),
      z.object({ type: Primitive, enum: z.array(z.object({ value: z.string() })) }),
    ]),
  ),
  resources: z.record(
    z.string().regex(TOKEN),
    ObjectSpec.extend({ inputProperties: z.record(z.string(), PropertySpec), requiredInputs: z.array(z.string()) }),
  ),
  functions: z.record(z.string().regex(TOKEN), z.object({ inputs: ObjectSpec, outputs: ObjectSpec })),
});

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("schema.json", () => {
  it("is what the zod schemas generate (run `npm run schema` after changing them)", () => {
    expect(committed).toEqual(generated);
  });

  it("follows the package metaschema's rules", () => {
    const r = PackageSchema.safeParse(generated);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    const types = generated.types as Record<string, unknown>;
    for (const ref of refs(generated)) {
      if (ref === "pulumi.json#/Any") continue;
      expect(ref).toMatch(/^#\/types\//);
      expect(types, ref).toHaveProperty([ref.slice("#/types/".length)]);
    }
    for (const spec of Object.values(
      generated.resources as Record<string, { properties: object; required: string[]; inputProperties: object; requiredInputs: string[] }>,
    )) {
      for (const name of spec.required) expect(spec.properties).toHaveProperty([name]);
      for (const name of spec.requiredInputs) expect(spec.inputProperties).toHaveProperty([name]);
    }
  });

  it("lists no config key as required: every setting has a default or another source (the key may come from the environment)", () => {
    const config = generated.config as { variables: Record<string, unknown>; defaults?: string[] };
    expect(config.defaults ?? []).toEqual([]);
    expect(Object.keys(config.variables).sort()).toEqual(["accounts", "apiKey", "baseUrl", "requestTimeoutSeconds"]);
  });

  it("marks secrets and replace-on-change properties", () => {
    const resources = generated.resources as Record<
      string,
      { properties: Record<string, PropertySpec>; inputProperties: Record<string, PropertySpec> }
    >;
    type PropertySpec = { secret?: boolean; willReplaceOnChanges?: boolean };
    const wa = resources["pilotstatus:index:WhatsAppNumber"]!;
    const meta = resources["pilotstatus:index:MetaNumber"]!;
    const secretsOf = (props: Record<string, PropertySpec>) =>
      Object.keys(props)
        .filter((k) => props[k]!.secret)
        .sort();
    const replacesOf = (props: Record<string, PropertySpec>) =>
      Object.keys(props)
        .filter((k) => props[k]!.willReplaceOnChanges)
        .sort();
    expect(secretsOf(wa.properties)).toEqual(["pairingCode", "qrcodeBase64", "remotePairingUrl"]);
    expect(replacesOf(wa.inputProperties)).toEqual(["account", "name", "number"]);
    expect(secretsOf(meta.inputProperties)).toEqual(["accessToken", "appSecret"]);
    expect(secretsOf(meta.properties)).toEqual(["accessToken", "appSecret", "credentialsFingerprint", "verifyToken"]);

    expect(replacesOf(meta.inputProperties)).toEqual(["accessToken", "account", "appSecret", "metaPhoneId", "name", "number", "wabaId"]);
    const config = (generated.config as { variables: Record<string, PropertySpec> }).variables;
    expect(secretsOf(config)).toEqual(["apiKey"]);
    const fns = generated.functions as Record<string, { inputs: { properties: Record<string, PropertySpec> } }>;
    expect(secretsOf(fns["pilotstatus:index:getRecentCalls"]!.inputs.properties)).toEqual(["apiKey"]);
  });

  it("refuses an object type the schema could not name", () => {
    const untitled = z.object({ nested: z.object({ a: z.string() }) });
    expect(() =>
      buildPackageSchema({
        version: "1.0.0",
        resources: [{ name: "X", description: "", inputs: untitled, outputs: untitled }],
        functions: [],
      }),
    ).toThrow(/object type without a title/);
  });
});
