/** `WhatsAppNumber`: a QR-paired Pilot Status number, declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import { loaderFor } from "./loader";
import { type Inputs, secretOutputs, withOutputSlots, withSecretOutputs } from "./resourceArgs";
import { MODULE, RESOURCE_TYPES } from "./typeTokens";
import { type WhatsAppNumberArgs as PlainArgs, WhatsAppNumberOutputs } from "./whatsAppNumber.schema";
import type { HealthOutput } from "./numberOutputs.schema";

export type WhatsAppNumberArgs = Inputs<PlainArgs>;

const SECRET_OUTPUTS = secretOutputs(WhatsAppNumberOutputs);

export class WhatsAppNumber extends pulumi.dynamic.Resource {
  declare readonly numberId: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string | null>;
  declare readonly name: pulumi.Output<string>;
  declare readonly number: pulumi.Output<string>;
  declare readonly provider: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string>;
  declare readonly isFullyConnected: pulumi.Output<boolean>;
  declare readonly createdAt: pulumi.Output<string | null>;
  declare readonly updatedAt: pulumi.Output<string | null>;
  declare readonly health: pulumi.Output<HealthOutput | null>;
  /** Secret. */
  declare readonly qrcodeBase64: pulumi.Output<string | null>;
  /** Secret. */
  declare readonly pairingCode: pulumi.Output<string | null>;
  /** Secret. */
  declare readonly remotePairingUrl: pulumi.Output<string | null>;
  declare readonly linkedApiKeyId: pulumi.Output<string | null>;
  declare readonly linkToApiKey: pulumi.Output<boolean | undefined>;
  declare readonly pairingMethod: pulumi.Output<"code" | "remoteLink">;
  declare readonly waitUntilConnected: pulumi.Output<boolean>;
  declare readonly adoptExisting: pulumi.Output<boolean>;

  constructor(name: string, args: WhatsAppNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      loaderFor("WhatsAppNumber"),
      name,
      withOutputSlots(args, WhatsAppNumberOutputs),
      withSecretOutputs(opts, SECRET_OUTPUTS),
      MODULE,
      RESOURCE_TYPES.WhatsAppNumber,
    );
  }

  /** Look up a number already in this stack's state by its id (for `pulumi import`, use `adoptExisting`). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): WhatsAppNumber {
    return new WhatsAppNumber(name, {} as WhatsAppNumberArgs, { ...opts, id });
  }
}
