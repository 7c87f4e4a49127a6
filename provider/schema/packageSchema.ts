/**
 * Builds the Pulumi Package Schema (schema.json) from the zod schemas, so the published description of
 * resources, data sources and config cannot drift from the code that validates them.
 */
import { z } from "zod";
import { CONFIG_KEYS, DEFAULT_BASE_URL, ENV_VARS } from "../config";

export const PACKAGE = "pilotstatus";
/** A resource's or function's token in schema.json and on the plugin's wire: `pilotstatus:index:<Name>`. */
export const token = (name: string) => `${PACKAGE}:index:${name}`;

type Json = Record<string, unknown>;
export interface PropertySpec extends Json {
  description?: string;
}
interface ObjectSpec {
  properties: Record<string, PropertySpec>;
  required: string[];
}

export interface ResourceEntry {
  name: string;
  description: string;
  inputs: z.ZodObject;
  outputs: z.ZodObject;
}

export interface FunctionEntry {
  name: string;
  description: string;
  inputs: z.ZodObject;
  outputs: z.ZodObject;
}

export interface PackageSchemaInput {
  version: string;
  resources: ResourceEntry[];
  functions: FunctionEntry[];
}

/** Converts zod's JSON Schema into Pulumi property specs, collecting named object and enum types. */
class Converter {
  readonly types: Record<string, Json> = {};

  object(schema: z.ZodObject, io: "input" | "output"): ObjectSpec {
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
    return this.objectSpec(json);
  }

  private objectSpec(json: Json): ObjectSpec {
    const props = (json.properties ?? {}) as Record<string, Json>;
    const properties: Record<string, PropertySpec> = {};
    for (const [name, prop] of Object.entries(props)) properties[name] = this.property(prop);
    return { properties, required: ((json.required as string[] | undefined) ?? []).slice().sort() };
  }

  private property(json: Json): PropertySpec {
    const spec: PropertySpec = { ...this.typeSpec(json) };
    if (typeof json.description === "string") spec.description = json.description;
    if (json.default !== undefined && ["string", "number", "boolean"].includes(typeof json.default)) {
      spec.default = json.default;
    }
    if (json.secret === true) spec.secret = true;
    if (json.replaceOnChange === true) spec.willReplaceOnChanges = true;
    return spec;
  }

  private typeSpec(json: Json): Json {
    const anyOf = json.anyOf as Json[] | undefined;
    if (anyOf) {
      // `T | null` is an optional T in Pulumi's type system.
      const nonNull = anyOf.filter((s) => s.type !== "null");
      if (nonNull.length === 1) return this.typeSpec({ ...nonNull[0], title: nonNull[0]!.title ?? json.title });
      return { oneOf: nonNull.map((s) => this.typeSpec(s)) };
    }
    const type = Array.isArray(json.type) ? (json.type as string[]).find((t) => t !== "null") : json.type;
    if (Array.isArray(json.enum)) {
      const title = json.title as string | undefined;
      if (title === undefined) return { type: "string" };
      this.types[token(title)] = {
        type: "string",
        ...(typeof json.description === "string" ? { description: json.description } : {}),
        enum: (json.enum as unknown[]).map((value) => ({ value })),
      };
      return { type: "string", $ref: `#/types/${token(title)}` };
    }
    switch (type) {
      case "string":
      case "integer":
      case "number":
      case "boolean":
        return { type };
      case "array":
        return { type: "array", items: this.typeSpec((json.items ?? {}) as Json) };
      case "object": {
        if (json.properties !== undefined && typeof json.title === "string") {
          const obj = this.objectSpec(json);
          this.types[token(json.title)] = {
            type: "object",
            ...(typeof json.description === "string" ? { description: json.description } : {}),
            properties: obj.properties,
            required: obj.required,
          };
          return { $ref: `#/types/${token(json.title)}` };
        }
        if (json.properties !== undefined) {
          throw new Error(`object type without a title: give its zod schema .meta({ title }) (${JSON.stringify(json).slice(0, 120)})`);
        }
        const values = json.additionalProperties;
        const valueSpec = values && typeof values === "object" ? this.typeSpec(values as Json) : undefined;
        return valueSpec && Object.keys(valueSpec).length > 0
          ? { type: "object", additionalProperties: valueSpec }
          : { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
      }
      default:
        return { $ref: "pulumi.json#/Any" };
    }
  }
}

export function buildPackageSchema(input: PackageSchemaInput): Json {
  const c = new Converter();
  const resources: Record<string, Json> = {};
  for (const r of input.resources) {
    const ins = c.object(r.inputs, "input");
    const outs = c.object(r.outputs, "output");
    resources[token(r.name)] = {
      description: r.description,
      properties: outs.properties,
      required: outs.required,
      inputProperties: ins.properties,
      requiredInputs: ins.required,
    };
  }
  const functions: Record<string, Json> = {};
  for (const f of input.functions) {
    const ins = c.object(f.inputs, "input");
    const outs = c.object(f.outputs, "output");
    functions[token(f.name)] = {
      description: f.description,
      inputs: { properties: ins.properties, required: ins.required },
      outputs: { properties: outs.properties, required: outs.required },
    };
  }
  const ACCOUNT_SETTINGS = token("AccountSettings");
  const configVariables = {
    apiKey: {
      type: "string",
      secret: true,
      description: `Pilot Status API key (\`ps_...\`). Falls back to \`${ENV_VARS.apiKey}\`.`,
      defaultInfo: { environment: [ENV_VARS.apiKey] },
    },
    baseUrl: {
      type: "string",
      description: `API base URL; \`http://\` only to a loopback host (the emulator). Falls back to \`${ENV_VARS.baseUrl}\`.`,
      default: DEFAULT_BASE_URL,
      defaultInfo: { environment: [ENV_VARS.baseUrl] },
    },
    requestTimeoutSeconds: {
      type: "number",
      description: `Per-request timeout in seconds (default 30). Falls back to \`${ENV_VARS.requestTimeoutSeconds}\`.`,
      defaultInfo: { environment: [ENV_VARS.requestTimeoutSeconds] },
    },
    accounts: {
      type: "object",
      additionalProperties: { $ref: `#/types/${ACCOUNT_SETTINGS}` },
      description:
        "Named accounts (tenants), for resources and data sources that set `account`: name -> settings. Set each key " +
        "secretly by path: `pulumi config set --secret --path pilotstatus:accounts.<name>.apiKey ps_...`. An account's " +
        `key may instead come from \`${ENV_VARS.apiKey}_<NAME>\` (and its URL from \`${ENV_VARS.baseUrl}_<NAME>\`); what it ` +
        "leaves out comes from the settings above.",
    },
  };
  const accountSettings = {
    type: "object",
    description: "One named account's settings; what is left out comes from the default settings.",
    required: [],
    properties: {
      apiKey: { type: "string", secret: true, description: "The account's API key (`ps_...`)." },
      baseUrl: { type: "string", description: "The account's API base URL." },
      requestTimeoutSeconds: { type: "number", description: "The account's per-request timeout, seconds." },
    },
  };
  for (const key of Object.keys(configVariables)) {
    if (!(key in CONFIG_KEYS)) throw new Error(`config variable ${key} is not in CONFIG_KEYS`);
  }
  return {
    name: PACKAGE,
    displayName: "Pilot Status",
    version: input.version,
    description:
      "Manage Pilot Status WhatsApp numbers as code: QR-paired and Meta Cloud API numbers, health and recent calls " +
      "as data sources, and a drift audit. Two faces of one implementation: a provider plugin for every Pulumi " +
      "language (this schema's tokens), and a dynamic provider for Node.js programs (type tokens at run time " +
      "`pulumi-nodejs:dynamic/pilotstatus:<Type>`).",
    keywords: ["pulumi", "pilotstatus", "whatsapp", "category/communications", "kind/native"],
    license: "Apache-2.0",
    publisher: "pulumi-pilotstatus",
    // `defaults` is the list of REQUIRED keys (Go ConfigSpec.Required, json "defaults"): none is, since the key may come
    // from PILOT_STATUS_API_KEY (or an account's variable) and the rest have defaults. Omitted when empty, as Go does.
    config: { variables: configVariables },
    // The provider resource (the plugin's explicit providers, one per tenant) takes the same settings as the config.
    provider: {
      description:
        'A Pilot Status account (tenant) for the provider plugin: `new pilotstatus.Provider("acme", { apiKey })`, then ' +
        "`{ provider }` on the resources and functions of that tenant. Without one, the stack config is used.",
      inputProperties: configVariables,
      properties: configVariables,
    },
    types: sortKeys({ ...c.types, [ACCOUNT_SETTINGS]: accountSettings }),
    resources,
    functions,
    language: { nodejs: { packageName: "pulumi-pilotstatus" } },
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
