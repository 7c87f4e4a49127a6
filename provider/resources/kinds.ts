/**
 * The registry of resource kinds: one entry per resource this package declares. Type tokens, the schema
 * catalog, the drift audit's kinds and provider codes, and the test fixtures all derive from it; what cannot
 * (the host's controllers, the program-side classes and the test stack writer) is a `Record<ResourceKind, ...>`
 * so the compiler points at it when a kind is added here.
 *
 * Only data lives here (no controllers, no program classes): the controllers and classes read their provider
 * code and type name from this file, and the drift CLI reads it without loading either.
 */
import type { z } from "zod";
import { NumberProvider } from "../client/schemas";
import { MetaNumberInputs, MetaNumberOutputs } from "./metaNumber.schema";
import { WhatsAppNumberInputs, WhatsAppNumberOutputs } from "./whatsAppNumber.schema";

/** The `<module>` of the type tokens `dynamic.Resource` builds (`pulumi-nodejs:dynamic/<module>:<type>`). */
export const MODULE = "pilotstatus";

export interface KindSpec {
  /** The API provider a number of this kind has (`provider` in the API's number objects). */
  readonly provider: NumberProvider;
  /** schema.json's description of the resource. */
  readonly description: string;
  readonly inputs: z.ZodObject;
  readonly outputs: z.ZodObject;
}

export const RESOURCE_KINDS = {
  WhatsAppNumber: {
    provider: NumberProvider.enum.PILOT_STATUS,
    description:
      "A QR-paired (`PILOT_STATUS`) WhatsApp number. The API has no update: changing `name` or `number` " +
      "replaces the number (the phone must pair again), so `protect: true` is recommended.",
    inputs: WhatsAppNumberInputs,
    outputs: WhatsAppNumberOutputs,
  },
  MetaNumber: {
    provider: NumberProvider.enum.META,
    description:
      "An official Meta Cloud API number (bring your own WABA). The access token is sent once and never " +
      "stored in outputs; rotating it replaces the number.",
    inputs: MetaNumberInputs,
    outputs: MetaNumberOutputs,
  },
} as const satisfies Record<string, KindSpec>;

export type ResourceKind = keyof typeof RESOURCE_KINDS;

/** Every kind, in registry order (schema.json lists the resources in this order). */
export const RESOURCE_KIND_NAMES = Object.keys(RESOURCE_KINDS) as [ResourceKind, ...ResourceKind[]];

/** The resource's type name in its type token; the kind's own name. */
export function typeName<K extends ResourceKind>(kind: K): K {
  return kind;
}

/** The type token `dynamic.Resource` builds for a kind; the drift audit finds resources by it. */
export function typeToken(kind: ResourceKind): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${typeName(kind)}`;
}

/** The API provider code of a kind's numbers. */
export function providerOf<K extends ResourceKind>(kind: K): (typeof RESOURCE_KINDS)[K]["provider"] {
  return RESOURCE_KINDS[kind].provider;
}
