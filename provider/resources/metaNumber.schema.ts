/** Inputs and outputs of `MetaNumber`: an official Meta Cloud API number (bring your own WABA). */
import { z } from "zod";
import { phoneNumberInput } from "../phoneNumber";
import { MetaSnapshotOutput, NumberOutputsShape } from "./numberOutputs.schema";
import { describe } from "./propertyMeta";

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const MetaNumberInputs = z.strictObject({
  name: describe(nonEmpty.max(100), { description: "Display name of the number.", replaceOnChange: true }),
  number: describe(phoneNumberInput(8), {
    description: "Phone number in E.164 (`+5511999999999`).",
    replaceOnChange: true,
  }),
  metaPhoneId: describe(nonEmpty, { description: "Meta phone number id.", replaceOnChange: true }),
  wabaId: describe(nonEmpty, { description: "WhatsApp Business Account id.", replaceOnChange: true }),
  accessToken: describe(nonEmpty, {
    description: "Meta system-user access token. Never returned, never in outputs or logs.",
    secret: true,
    replaceOnChange: true,
  }),
  appSecret: describe(nonEmpty.optional(), {
    description: "Meta app secret, to verify webhook signatures.",
    secret: true,
    replaceOnChange: true,
  }),
  adoptExisting: describe(z.boolean().default(false), {
    description:
      "Adopt the tenant's existing Meta number with this phone number instead of creating one; refused if it " +
      "differs from the declaration.",
  }),
});
export type MetaNumberArgs = z.input<typeof MetaNumberInputs>;
export type MetaNumberInputs = z.output<typeof MetaNumberInputs>;


export const MetaNumberOutputs = MetaNumberInputs.omit({ accessToken: true, appSecret: true }).extend({
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
