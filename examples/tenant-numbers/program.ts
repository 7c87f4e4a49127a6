// One tenant's QR-paired numbers, declared from a list in stack config (one stack per tenant).
import * as pulumi from "@pulumi/pulumi";
import { WhatsAppNumber, normalizePhoneNumber } from "pulumi-pilotstatus";

/** One entry of the `numbers` list in Pulumi.<stack>.yaml. */
export interface NumberDeclaration {
  /** Display name in Pilot Status. */
  name: string;
  /** Phone number; spaces, dashes and brackets are ignored. */
  number: string;
}

/** "+55 (11) 90000-0101" → "+5511900000101": the number is the identity, so it keys names and exports. */
// A number that is not one keeps its text here; the provider's check then names what is wrong with it.
function e164(number: string): string {
  return normalizePhoneNumber(number) ?? number;
}

export function program(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const declared = config.requireObject<NumberDeclaration[]>("numbers");

  const numbers = declared.map(
    (d) =>
      // The resource name comes from the number, so reordering the list changes nothing. Editing an entry's name
      // or number replaces that number in Pilot Status (the API cannot rename): it must be paired again.
      // For numbers customers already use, add `{ protect: true }` as a third argument: `pulumi destroy`, or
      // deleting the entry here, then fails instead of deleting the number (and its pairing) in Pilot Status.
      [e164(d.number), new WhatsAppNumber(`wa-${e164(d.number).replace(/\D/g, "")}`, { name: d.name, number: d.number })] as const,
  );

  const byNumber = <T>(pick: (n: WhatsAppNumber) => pulumi.Output<T>) =>
    pulumi.output(Object.fromEntries(numbers.map(([key, n]) => [key, pick(n)])));

  return {
    // OPEN once the phone is paired; CONNECTING until then (as of the last `up` or `refresh`).
    states: byNumber((n) => n.state),
    numberIds: byNumber((n) => n.numberId),
    // Secret outputs of the provider, so this export is secret too: `pulumi stack output pairingCodes --show-secrets`.
    pairingCodes: byNumber((n) => n.pairingCode),
  };
}
