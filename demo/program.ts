/**
 * The root project's stack (`pilotstatus-demo`, Pulumi.yaml): against the emulator's sample tenant it adopts two
 * numbers the tenant already has, creates a new one, and reads health and calls with the data sources.
 * `npm run demo` runs it with `pulumi up`, or under the program driver when the Pulumi CLI is absent.
 */
import * as pulumi from "@pulumi/pulumi";
import { MetaNumber, WhatsAppNumber, getNumberHealthOutput, getRecentCallsOutput } from "../provider";

export const DEMO_PROJECT = "pilotstatus-demo";

/** The numbers the stack declares, also used by the narrative to pick what to pair and rename. */
export const DEMO_NUMBERS = {
  support: { name: "Support", number: "+5511900000001" },
  marketing: { name: "Marketing", number: "+5511900000004" },
  official: { name: "Official (Meta)", number: "+5511900000003" },
} as const;

/**
 * Config key (`pilotstatus-demo:supportName`) for Support's name, default DEMO_NUMBERS.support.name: the narrative
 * sets it to declare the dashboard's name, where a user would edit the program.
 */
export const SUPPORT_NAME_KEY = "supportName";

export function program(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();

  // Already in the tenant: adopted instead of created (the provider's substitute for `pulumi import`).
  const support = new WhatsAppNumber("support", {
    ...DEMO_NUMBERS.support,
    name: config.get(SUPPORT_NAME_KEY) ?? DEMO_NUMBERS.support.name,
    adoptExisting: true,
  });
  const official = new MetaNumber("official", {
    ...DEMO_NUMBERS.official,
    metaPhoneId: "109876543210987",
    wabaId: "102030405060708",
    accessToken: config.requireSecret("metaAccessToken"),
    adoptExisting: true,
  });
  // New: created CONNECTING, with a pairing code (secret) for the phone's owner.
  const marketing = new WhatsAppNumber("marketing", DEMO_NUMBERS.marketing);

  const officialHealth = getNumberHealthOutput({ numberId: official.numberId });
  // The configured key is tenant-scoped, so calls name the number.
  const supportCalls = getRecentCallsOutput({ numberId: support.numberId, limit: 100 });

  return {
    numberIds: pulumi.output({ support: support.numberId, marketing: marketing.numberId, official: official.numberId }),
    states: pulumi.output({ support: support.state, marketing: marketing.state, official: official.state }),
    pairingCodes: pulumi.output({ marketing: marketing.pairingCode }),
    officialHealth: officialHealth.health,
    supportCalls: supportCalls.apply((r) => ({ count: r.count, ...r.aggregates })),
  };
}
