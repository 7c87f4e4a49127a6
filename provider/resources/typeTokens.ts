/** Type tokens as `dynamic.Resource` builds them (`pulumi-nodejs:dynamic/<module>:<type>`); the drift audit finds resources by them. */
export const MODULE = "pilotstatus";

export const RESOURCE_TYPES = {
  WhatsAppNumber: "WhatsAppNumber",
  MetaNumber: "MetaNumber",
} as const;
export type ResourceKind = keyof typeof RESOURCE_TYPES;

export function typeToken(kind: ResourceKind): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${RESOURCE_TYPES[kind]}`;
}
