/** Inputs and outputs of `MetaNumber`: an official Meta Cloud API number (bring your own WABA). */
import { z } from "zod";
import { phoneNumberInput } from "../phoneNumber";
import { MetaSnapshotOutput, NumberOutputsShape } from "./numberOutputs.schema";
import { ACCOUNT_DESCRIPTION, accountInput } from "../accounts";
import { describe } from "../engine/propertyMeta";
import { NAME_DESCRIPTION, displayName } from "./textInputs";

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const MetaNumberInputs = z.strictObject({
  name: describe(displayName(), { description: NAME_DESCRIPTION, replaceOnChange: true }),
  account: describe(accountInput().optional(), { description: ACCOUNT_DESCRIPTION, replaceOnChange: true }),
  number: describe(phoneNumberInput(8), {
    description: "Phone number in E.164 (`+5511999999999`).",
    replaceOnChange: true,
  }),
  metaPhoneId: describe(nonEmpty, { description: "Meta phone number id.", replaceOnChange: true }),
  wabaId: describe(nonEmpty, { description: "WhatsApp Business Account id.", replaceOnChange: true }),
  accessToken: describe(nonEmpty, {
    description:
      "Meta system-user access token. Sent once, at creation; Pulumi keeps it only as a secret (encrypted in state), " +
      "never in logs or errors.",
    secret: true,
    replaceOnChange: true,
  }),
  appSecret: describe(nonEmpty.optional(), {
    description: "Meta app secret, to verify webhook signatures.",
    secret: true,
    replaceOnChange: true,
  }),
  allowReplacement: describe(z.boolean().default(false), {
    description:
      "Consent to replace the number when a change needs it (name, phone number, Meta ids, credentials): the API cannot update a number, so it is deleted and created again. Without it such a " +
      "change, from the program or from the dashboard via `pulumi refresh`, fails at preview with what differs.",
  }),
  adoptExisting: describe(z.boolean().default(false), {
    description:
      "Adopt the tenant's existing Meta number with this phone number instead of creating one; refused if it " +
      "differs from the declaration. Creates the number when the tenant has none.",
  }),
});
export type MetaNumberArgs = z.input<typeof MetaNumberInputs>;
export type MetaNumberInputs = z.output<typeof MetaNumberInputs>;

// The token and app secret stay in outputs (secret, so encrypted in state): `pulumi refresh` replaces the stored
// inputs with what read returns, and read sees only the outputs.
export const MetaNumberOutputs = MetaNumberInputs.extend({
  number: describe(z.string(), { description: "Phone number in E.164.", replaceOnChange: true }),
  ...NumberOutputsShape,
  meta: describe(MetaSnapshotOutput.nullable(), {
    description: "Cached Meta Graph snapshot (phone, profile, WABA) and when it was fetched.",
  }),
  webhookUrl: describe(z.string().nullable(), {
    description: "Webhook URL to configure in the Meta app (null if the create response was lost: see the dashboard).",
  }),
  verifyToken: describe(z.string().nullable(), {
    description: "Webhook verify token to configure in the Meta app.",
    secret: true,
  }),
  credentialsFingerprint: describe(z.string(), {
    description: "SHA-256 of the credentials, so a rotated token shows as a change without storing it.",
    secret: true,
  }),
});
export type MetaNumberOutputs = z.output<typeof MetaNumberOutputs>;
