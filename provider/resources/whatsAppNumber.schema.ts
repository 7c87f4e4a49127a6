/** Inputs and outputs of `WhatsAppNumber`: a QR-paired (`PILOT_STATUS`) number. */
import { z } from "zod";
import { phoneNumberInput } from "../phoneNumber";
import { NumberOutputsShape } from "./numberOutputs.schema";
import { ACCOUNT_DESCRIPTION, accountInput } from "../accounts";
import { describe } from "../engine/propertyMeta";
import { NAME_DESCRIPTION, displayName, redirectUrl } from "./textInputs";

export const PairingMethod = z
  .enum(["code", "remoteLink"])
  .meta({ title: "PairingMethod", description: "How the phone's owner pairs a QR number." });

export const WhatsAppNumberInputs = z.strictObject({
  name: describe(displayName(), {
    description: NAME_DESCRIPTION,
    replaceOnChange: true,
  }),
  account: describe(accountInput().optional(), { description: ACCOUNT_DESCRIPTION, replaceOnChange: true }),
  number: describe(phoneNumberInput(10), {
    description: "Phone number in E.164 (`+5511999999999`); spaces, dashes and brackets are ignored.",
    replaceOnChange: true,
  }),
  // Acts only at creation (and never with a tenant key): a later change must not replace a paired number.
  linkToApiKey: describe(z.boolean().optional(), {
    description: "Re-point a number-scoped key to this number when it is created (no-op with the tenant key). Read at creation only.",
  }),
  pairingMethod: describe(PairingMethod.default("code"), {
    description:
      "`code`: QR code and pairing code come back as secret outputs. `remoteLink`: a hosted pairing link " +
      "(secret output), optionally sent to the phone by WhatsApp — the way for pipelines nobody watches.",
  }),
  sendPairingLinkViaWhatsApp: describe(z.boolean().default(false), {
    description: "With `remoteLink`: send the link to the phone by WhatsApp.",
  }),
  pairingRedirectUrl: describe(redirectUrl().optional(), {
    description:
      "With `remoteLink`: where the hosted page sends the phone's owner after pairing. `https://` only (`http://` only " +
      "to a loopback host).",
  }),
  renewPairingCodes: describe(z.string().optional(), {
    description:
      "Change this value (any text, e.g. a date) to get a fresh QR and pairing code on the next `pulumi up` while " +
      "the number is not connected: WhatsApp codes expire quickly.",
  }),
  waitUntilConnected: describe(z.boolean().default(false), {
    description: "Finish creating only once the phone is paired (`OPEN`); see `waitTimeoutSeconds`.",
  }),
  waitTimeoutSeconds: describe(z.int().min(1).max(86_400).default(600), {
    description: "How long `waitUntilConnected` waits before failing (the number is kept; the next `up` resumes).",
  }),
  allowReplacement: describe(z.boolean().default(false), {
    description:
      "Consent to replace the number when a change needs it (name, phone number): the API cannot update a number, so it is deleted and created again. A QR number must then be paired again. Without it such a " +
      "change, from the program or from the dashboard via `pulumi refresh`, fails at preview with what differs.",
  }),
  adoptExisting: describe(z.boolean().default(false), {
    description:
      "Adopt the tenant's existing number with this phone number instead of creating one (the substitute " +
      "for `pulumi import`); refused if it differs from the declaration. Creates the number when the tenant has " +
      "none, so a replacement of an adopted number completes.",
  }),
});
export type WhatsAppNumberArgs = z.input<typeof WhatsAppNumberInputs>;
export type WhatsAppNumberInputs = z.output<typeof WhatsAppNumberInputs>;

export const WhatsAppNumberOutputs = WhatsAppNumberInputs.extend({
  number: describe(z.string(), { description: "Phone number in E.164.", replaceOnChange: true }),
  ...NumberOutputsShape,
  qrcodeBase64: describe(z.string().nullable(), {
    description: "QR code (data URL) to scan with the phone, from creation; null once paired by link.",
    secret: true,
  }),
  pairingCode: describe(z.string().nullable(), {
    description: "Letter pairing code to type on the phone; null if the service gave none.",
    secret: true,
  }),
  remotePairingUrl: describe(z.string().nullable(), {
    description: "Hosted pairing link (expires after 24 h or one connection).",
    secret: true,
  }),
  linkedApiKeyId: describe(z.string().nullable(), {
    description: "Id of the number-scoped key re-pointed to this number, if any.",
  }),
});
export type WhatsAppNumberOutputs = z.output<typeof WhatsAppNumberOutputs>;
