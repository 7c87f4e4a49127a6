/** Type tokens as `dynamic.Resource` builds them (`pulumi-nodejs:dynamic/<module>:<type>`); the kinds are in ./kinds. */
import { RESOURCE_KIND_NAMES, type ResourceKind, typeName } from "./kinds";

export { MODULE, type ResourceKind, typeToken } from "./kinds";

/** Kind → type name (the kind's own name), for `dynamic.Resource`'s `type` argument. */
export const RESOURCE_TYPES = Object.fromEntries(RESOURCE_KIND_NAMES.map((k) => [k, typeName(k)])) as { readonly [K in ResourceKind]: K };
