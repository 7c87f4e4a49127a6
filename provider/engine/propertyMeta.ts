/**
 * Per-property facts that the controller, the program-side resource and schema.json all need:
 * attached to the zod schema with `.meta()` so the schema stays the single source.
 */
import type { z } from "zod";

export interface PropertyMeta {
  description: string;
  /** A change replaces the number (the API has no update endpoint). */
  replaceOnChange?: boolean;
  /** Stored encrypted by Pulumi; never printed. */
  secret?: boolean;
}

/** Attach property facts; call it last so `.meta()` sits on the outermost schema. */
export function describe<T extends z.ZodType>(schema: T, meta: PropertyMeta): T {
  return schema.meta({ ...meta }) as T;
}

/** `shape` with each property described by its key: one declaration of the fields, a description where they are published. */
export function describeEach<S extends Record<string, z.ZodType>>(shape: S, descriptions: { [K in keyof S]: string }): S {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, describe(schema, { description: descriptions[key] })])) as S;
}

export function propertyMeta(schema: z.ZodType): PropertyMeta | undefined {
  const meta = schema.meta();
  return meta && typeof meta.description === "string" ? (meta as unknown as PropertyMeta) : undefined;
}

/** Names of the properties of `shape` whose meta says so. */
export function propertiesWhere(shape: Record<string, z.ZodType>, test: (meta: PropertyMeta) => boolean | undefined): string[] {
  return Object.entries(shape)
    .filter(([, s]) => {
      const meta = propertyMeta(s);
      return meta !== undefined && test(meta) === true;
    })
    .map(([name]) => name);
}
