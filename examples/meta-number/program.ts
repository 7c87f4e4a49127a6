// An official WhatsApp number on Meta's Cloud API (bring your own WABA), registered in Pilot Status.
import * as pulumi from "@pulumi/pulumi";
import { MetaNumber } from "pulumi-pilotstatus";

export function program(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const appSecret = config.getSecret("metaAppSecret");

  const official = new MetaNumber("official", {
    name: config.get("name") ?? "Official",
    number: config.require("number"),
    metaPhoneId: config.require("metaPhoneId"),
    wabaId: config.require("wabaId"),
    // A system-user token from Meta Business Settings. Secret config stays encrypted in the stack; the provider
    // sends it once, at creation, and keeps only a fingerprint, so rotating it here shows up as a change.
    accessToken: config.requireSecret("metaAccessToken"),
    // Optional: lets Pilot Status verify webhook signatures.
    ...(appSecret !== undefined ? { appSecret } : {}),
  });

  return {
    numberId: official.numberId,
    state: official.state,
    health: official.health,
    // Paste both into the Meta app's webhook settings. They come back only when the number is created
    // (null if it was adopted with `adoptExisting`: then see the Pilot Status dashboard).
    webhookUrl: official.webhookUrl,
    // Secret: `pulumi stack output verifyToken --show-secrets`.
    verifyToken: official.verifyToken,
  };
}
