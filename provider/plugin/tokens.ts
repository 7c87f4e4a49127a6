/** The plugin's tokens: a resource's type in its URN and a function's token, back to the registries' names. */
import { FUNCTION_NAMES, type FunctionName } from "../dataSources/functions";
import { RESOURCE_KIND_NAMES, type ResourceKind } from "../resources/kinds";
import { PACKAGE, token } from "../schema/packageSchema";

export const PLUGIN_PACKAGE = PACKAGE;

const byToken = <N extends string>(names: readonly N[]) => new Map(names.map((n) => [token(n), n]));
const KINDS = byToken<ResourceKind>(RESOURCE_KIND_NAMES);
const FUNCTION_TOKENS = byToken<FunctionName>(FUNCTION_NAMES);

/** `urn:pulumi:<stack>::<project>::[<parent type>$]<type>::<name>` → the kind of `<type>`. */
export function kindOfUrn(urn: string): ResourceKind {
  const type = urn.split("::")[2]?.split("$").pop() ?? "";
  const kind = KINDS.get(type);
  if (kind === undefined) {
    throw new Error(`${PLUGIN_PACKAGE} has no resource type ${JSON.stringify(type)}; it has ${[...KINDS.keys()].join(", ")}`);
  }
  return kind;
}

export function functionOfToken(tok: string): FunctionName {
  const name = FUNCTION_TOKENS.get(tok);
  if (name === undefined) {
    throw new Error(`${PLUGIN_PACKAGE} has no function ${JSON.stringify(tok)}; it has ${[...FUNCTION_TOKENS.keys()].join(", ")}`);
  }
  return name;
}
