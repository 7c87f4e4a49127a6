/** What schema.json describes: every resource and data source, with the zod schemas that define them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MetaNumberInputs, MetaNumberOutputs } from "../resources/metaNumber.schema";
import { WhatsAppNumberInputs, WhatsAppNumberOutputs } from "../resources/whatsAppNumber.schema";
import { type PackageSchemaInput, buildPackageSchema } from "./packageSchema";

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

export function catalog(): PackageSchemaInput {
  return {
    version: packageVersion(),
    resources: [
      {
        name: "WhatsAppNumber",
        description:
          "A QR-paired (`PILOT_STATUS`) WhatsApp number. The API has no update: changing `name`, `number` or " +
          "`linkToApiKey` replaces the number (the phone must pair again), so `protect: true` is recommended.",
        inputs: WhatsAppNumberInputs,
        outputs: WhatsAppNumberOutputs,
      },
      {
        name: "MetaNumber",
        description:
          "An official Meta Cloud API number (bring your own WABA). The access token is sent once and never " +
          "stored in outputs; rotating it replaces the number.",
        inputs: MetaNumberInputs,
        outputs: MetaNumberOutputs,
      },
    ],
    functions: [],
  };
}

export function generatePackageSchema(): Record<string, unknown> {
  return buildPackageSchema(catalog());
}
