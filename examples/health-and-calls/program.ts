// A read-only stack: one number's health and a summary of its recent calls, from the data sources.
import * as pulumi from "@pulumi/pulumi";
import { getNumberHealthOutput, getRecentCallsOutput } from "pulumi-pilotstatus";

export function program(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const numberId = config.require("numberId");

  // Uses the configured key (pilotstatus:apiKey); a tenant key can read every number of the tenant.
  const detail = getNumberHealthOutput({ numberId });

  // Calls need the number's own, number-scoped key. Being secret config, it makes the whole result secret.
  const recent = getRecentCallsOutput({ apiKey: config.requireSecret("numberApiKey"), limit: config.getNumber("callLimit") ?? 100 });

  return {
    number: detail.apply((d) => ({
      name: d.name,
      number: d.number,
      provider: d.provider,
      state: d.state,
      isFullyConnected: d.isFullyConnected,
    })),
    health: detail.health,
    // Counts and durations hold nothing of the key, so they are shown in plain text; the calls themselves
    // (peer numbers) stay out of the outputs.
    callsSummary: pulumi.unsecret(
      recent.apply((r) => ({
        count: r.count,
        newestCallAt: r.calls[0]?.createdAt ?? null,
        ...r.aggregates,
      })),
    ),
  };
}
