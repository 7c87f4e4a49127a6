// The engine suite's program: `scenario:resources` (JSON) declares each resource by name, with its kind, arguments
// and resource options, or an id to look up with `get`. A Meta number's token and app secret come from secret config
// (`scenario:metaAccessToken`, `scenario:metaAppSecret`), as a user's program would take them.
import * as pulumi from "@pulumi/pulumi";
import { MetaNumber, type MetaNumberArgs, WhatsAppNumber, type WhatsAppNumberArgs } from "pulumi-pilotstatus";

interface Declared {
  kind: "WhatsAppNumber" | "MetaNumber";
  args?: Record<string, unknown>;
  /** Look the number up by id instead of declaring it. */
  get?: string;
  options?: Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete" | "ignoreChanges" | "deleteBeforeReplace">;
}

const config = new pulumi.Config("scenario");
const declared = config.requireObject<Record<string, Declared>>("resources");

function declare(name: string, d: Declared): WhatsAppNumber | MetaNumber {
  if (d.kind === "MetaNumber") {
    if (d.get !== undefined) return MetaNumber.get(name, d.get, d.options);
    const appSecret = config.getSecret("metaAppSecret");
    const args = { ...d.args, accessToken: config.requireSecret("metaAccessToken"), ...(appSecret ? { appSecret } : {}) };
    return new MetaNumber(name, args as unknown as MetaNumberArgs, d.options);
  }
  if (d.get !== undefined) return WhatsAppNumber.get(name, d.get, d.options);
  return new WhatsAppNumber(name, d.args as WhatsAppNumberArgs, d.options);
}

const outputs: Record<string, pulumi.Output<unknown>> = {};
for (const [name, d] of Object.entries(declared)) {
  const n = declare(name, d);
  outputs[name] = pulumi.all({ numberId: n.numberId, name: n.name, number: n.number, state: n.state });
}
export = outputs;
