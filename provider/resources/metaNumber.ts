/** `MetaNumber`: an official Meta Cloud API number (bring your own WABA), declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import { loaderFor } from "../engine/loader";
import { NumberResource } from "./numberResource";
import { type MetaNumberArgs as PlainArgs, MetaNumberOutputs, type MetaNumberOutputs as MetaNumberOutputsType } from "./metaNumber.schema";
import { type Inputs, plainAccountArgs, secretOutputs, withOutputSlots, withSecretOutputs } from "./resourceArgs";
import { MODULE, RESOURCE_TYPES } from "./typeTokens";

export type MetaNumberArgs = Inputs<PlainArgs>;

const SECRET_OUTPUTS = secretOutputs(MetaNumberOutputs);

export class MetaNumber extends NumberResource {
  declare readonly metaPhoneId: pulumi.Output<string>;
  declare readonly wabaId: pulumi.Output<string>;
  declare readonly meta: pulumi.Output<MetaNumberOutputsType["meta"]>;
  declare readonly webhookUrl: pulumi.Output<string | null>;
  /** Secret. */
  declare readonly verifyToken: pulumi.Output<string | null>;
  /** Secret. */
  declare readonly credentialsFingerprint: pulumi.Output<string>;

  constructor(name: string, args: MetaNumberArgs, opts?: pulumi.CustomResourceOptions) {
    const secretArgs =
      args.accessToken === undefined
        ? args
        : {
            ...args,
            // Secret even when the program passes a plain string.
            accessToken: pulumi.secret(args.accessToken),
            ...(args.appSecret !== undefined ? { appSecret: pulumi.secret(args.appSecret) } : {}),
          };
    super(
      loaderFor("MetaNumber"),
      name,
      withOutputSlots(plainAccountArgs(RESOURCE_TYPES.MetaNumber, name, secretArgs), MetaNumberOutputs),
      withSecretOutputs(opts, SECRET_OUTPUTS),
      MODULE,
      RESOURCE_TYPES.MetaNumber,
    );
  }

  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): MetaNumber {
    return new MetaNumber(name, {} as MetaNumberArgs, { ...opts, id });
  }
}
