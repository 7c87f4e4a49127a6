/** `WhatsAppNumber`: a QR-paired Pilot Status number, declared in a Pulumi program. */
import type * as pulumi from "@pulumi/pulumi";
import { loaderFor } from "../engine/loader";
import { NumberResource } from "./numberResource";
import { type Inputs, plainAccountArgs, secretOutputs, withOutputSlots, withSecretOutputs } from "./resourceArgs";
import { MODULE, RESOURCE_TYPES } from "./typeTokens";
import { type WhatsAppNumberArgs as PlainArgs, WhatsAppNumberOutputs } from "./whatsAppNumber.schema";

export type WhatsAppNumberArgs = Inputs<PlainArgs>;

const SECRET_OUTPUTS = secretOutputs(WhatsAppNumberOutputs);

export class WhatsAppNumber extends NumberResource {
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

  constructor(name: string, args: WhatsAppNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      loaderFor("WhatsAppNumber"),
      name,
      withOutputSlots(plainAccountArgs(RESOURCE_TYPES.WhatsAppNumber, name, args), WhatsAppNumberOutputs),
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
