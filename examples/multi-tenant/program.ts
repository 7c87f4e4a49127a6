// Several tenants' numbers in one program: one Account per tenant (its key is in secret stack config, never here),
// each number naming its account. Only the account's name is stored with the number.
import * as pulumi from "@pulumi/pulumi";
import { Account, WhatsAppNumber, getNumbersOutput, normalizePhoneNumber } from "pulumi-pilotstatus";

/** One entry of a tenant's list in Pulumi.<stack>.yaml. */
export interface NumberDeclaration {
  name: string;
  number: string;
}

function digits(number: string): string {
  return (normalizePhoneNumber(number) ?? number).replace(/\D/g, "");
}

export function program(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const tenants = config.requireObject<Record<string, NumberDeclaration[]>>("tenants");

  const out: Record<string, pulumi.Output<unknown>> = {};
  for (const [tenant, declared] of Object.entries(tenants)) {
    // Fails here, before any request, if the stack config has no key for this tenant.
    const account = new Account(tenant);
    const numbers = declared.map((d) => new WhatsAppNumber(`${tenant}-${digits(d.number)}`, { name: d.name, number: d.number, account }));
    // A data source reads the same tenant with the same account.
    const inAccount = getNumbersOutput({}, { account });
    out[tenant] = pulumi.output({
      states: pulumi.output(Object.fromEntries(numbers.map((n, i) => [declared[i]!.number, n.state]))),
      // Numbers the tenant has that this program does not declare (e.g. made in the dashboard).
      undeclared: pulumi
        .all([inAccount, pulumi.all(numbers.map((n) => n.numberId))])
        .apply(([list, ids]) => list.numbers.filter((n) => !ids.includes(n.numberId)).map((n) => n.number)),
    });
  }
  return out;
}
