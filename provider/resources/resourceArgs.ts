/** Program-side helpers shared by the two resource classes. */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { propertiesWhere } from "./propertyMeta";

/** Every argument may be an Output of a later resource or a secret. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * Dynamic resources only expose outputs named in their props: list each output as undefined so it
 * becomes a property of the resource object.
 */
export function withOutputSlots(args: object, outputs: z.ZodObject): Record<string, unknown> {
  const slots = Object.fromEntries(Object.keys(outputs.shape).map((k) => [k, undefined]));
  return { ...slots, ...args };
}

export function secretOutputs(outputs: z.ZodObject): string[] {
  return propertiesWhere(outputs.shape, (m) => m.secret);
}

export function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  secrets: string[],
): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
}
