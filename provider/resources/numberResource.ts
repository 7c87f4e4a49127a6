/** What every number resource exposes, whichever way it was created (program side). */
import * as pulumi from "@pulumi/pulumi";
import type { HealthOutput } from "./numberOutputs.schema";
import { warnIfKeyInPlaintext } from "./plaintextKeyWarning";

export abstract class NumberResource extends pulumi.dynamic.Resource {
  constructor(...args: ConstructorParameters<typeof pulumi.dynamic.Resource>) {
    super(...args);
    warnIfKeyInPlaintext();
  }

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
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** The account (tenant) the number belongs to; undefined for the default account. */
  declare readonly account: pulumi.Output<string | undefined>;
}
