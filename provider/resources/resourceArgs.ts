/** Program-side helpers shared by the two resource classes. */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Account, accountName } from "../account";
import type { InputArgs } from "../dataSources/args";
import { claimNumber } from "./declaredNumbers";
import { propertiesWhere } from "../engine/propertyMeta";

/** Every argument may be an Output of a later resource or a secret; `account` is an Account or its name. */
export type Inputs<T> = InputArgs<Omit<T, "account">> & { account?: Account | string };

/** Each output as the program sees it on the resource object: an Output of its value. */
export type Outputs<T> = { readonly [K in keyof T]: pulumi.Output<T[K]> };

/**
 * The args as stored: `account` as its name (never a key), and the number claimed in its tenant so the same number
 * declared twice in one tenant is refused now, before any request.
 */
export function plainAccountArgs<T extends { account?: Account | string; number?: unknown }>(
  kind: string,
  resource: string,
  args: T,
): Omit<T, "account"> & { account?: string } {
  const account = accountName(args.account);
  claimNumber(kind, resource, account, args.number);
  const { account: _given, ...rest } = args;
  return account === undefined ? rest : { ...rest, account };
}

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

export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, secrets: string[]): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
}
