/** What every number resource exposes, whichever way it was created (program side). */
import * as pulumi from "@pulumi/pulumi";
import type { NumberOutputs } from "./numberOutputs.schema";
import { warnIfKeyInPlaintext } from "./plaintextKeyWarning";
import type { Outputs } from "./resourceArgs";

// The common outputs' types come from their schema: a class cannot declare fields from a mapped type, a merged
// interface can. Like the `declare` fields below, the engine sets them (withOutputSlots), never the class.
export interface NumberResource extends Outputs<NumberOutputs> {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface holds output slots the engine fills.
export abstract class NumberResource extends pulumi.dynamic.Resource {
  constructor(...args: ConstructorParameters<typeof pulumi.dynamic.Resource>) {
    super(...args);
    warnIfKeyInPlaintext();
  }

  declare readonly name: pulumi.Output<string>;
  declare readonly number: pulumi.Output<string>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** The account (tenant) the number belongs to; undefined for the default account. */
  declare readonly account: pulumi.Output<string | undefined>;
}
