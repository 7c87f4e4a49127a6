/**
 * `getRecentCalls`: the newest calls of one number (GET /v1/calls, newest first), paged past the
 * API's 100-per-page limit with the `before` cursor, plus aggregates over the calls returned.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ASSUMED, type Call, PilotStatusError } from "../client";
import { type InputArgs, isoInstant, parseArgs } from "./args";
import { toE164 } from "./numberDetail";
import { type Connect, type DataSourceOptions, programConnect } from "./programClient";

const DATA_SOURCE = "getRecentCalls";
const MAX_LIMIT = 10_000;
const API_PAGE_MAX = 100;

export const GetRecentCallsArgs = z
  .strictObject({
    limit: z
      .int("must be an integer")
      .min(1, "must be at least 1")
      .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
      .default(25)
      .meta({
        description: `How many calls to return, newest first (default 25, at most ${MAX_LIMIT}; pages of 100 are fetched as needed).`,
      }),
    before: isoInstant().optional().meta({ description: "Only calls created strictly before this instant (ISO 8601 with a zone)." }),
    since: isoInstant()
      .optional()
      .meta({ description: "Only calls created at or after this instant (ISO 8601 with a zone); paging stops there." }),
    apiKey: z
      .string()
      .min(1, "must not be empty")
      .optional()
      .meta({
        description:
          "A number-scoped API key for the number whose calls to read (calls need one), overriding the configured " +
          "tenant key; keep it secret, e.g. `config.requireSecret(...)`.",
        secret: true,
      }),
    numberId: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .optional()
      .meta({ description: "With a tenant-scoped key: the number whose calls to read (sent as `x-whatsapp-number-id`)." }),
  })
  .superRefine((a, ctx) => {
    if (a.before !== undefined && a.since !== undefined && Date.parse(a.since) >= Date.parse(a.before)) {
      ctx.addIssue({ code: "custom", path: ["since"], message: "must be earlier than `before`" });
    }
  });
export type GetRecentCallsArgs = z.input<typeof GetRecentCallsArgs>;

const d = (description: string) => ({ description });

export const RecentCall = z
  .object({
    id: z.string().meta(d("Call id.")),
    externalCallId: z.string().nullable().meta(d("WhatsApp's call id.")),
    direction: z.string().meta(d("`INBOUND` or `OUTBOUND`.")),
    status: z.string().meta(d("`INITIATED`, `RINGING`, `ACCEPTED`, `COMPLETED`, `REJECTED`, `FAILED` or `MISSED`.")),
    peerNumber: z.string().nullable().meta(d("The other party's number, in E.164 when it is a phone number.")),
    durationSeconds: z.number().nullable().meta(d("Talk time in seconds; null while the call has none.")),
    startedAt: z.string().nullable().meta(d("ISO 8601.")),
    connectedAt: z.string().nullable().meta(d("ISO 8601; null if never answered.")),
    endedAt: z.string().nullable().meta(d("ISO 8601; null while in progress.")),
    createdAt: z.string().meta(d("ISO 8601; the order and paging key.")),
    updatedAt: z.string().nullable().meta(d("ISO 8601.")),
  })
  .meta({ title: "Call", description: "One call of the number." });
export type RecentCall = z.infer<typeof RecentCall>;

export const CallAggregates = z.object({
  byStatus: z.record(z.string(), z.number()).meta(d("Number of returned calls per status.")),
  byDirection: z.record(z.string(), z.number()).meta(d("Number of returned calls per direction.")),
  totalDurationSeconds: z.number().meta(d("Sum of `durationSeconds` over the returned calls.")),
  averageDurationSeconds: z.number().meta(d("Mean `durationSeconds` over the returned calls that have one (non-null); 0 when none has.")),
});
export type CallAggregates = z.infer<typeof CallAggregates>;

export const GetRecentCallsResult = z.object({
  calls: z.array(RecentCall).meta(d("The calls, newest first, each once.")),
  count: z.int().meta(d("Number of calls returned.")),
  aggregates: CallAggregates.meta({ title: "CallAggregates", description: "Totals over `calls`." }),
});
export type GetRecentCallsResult = z.infer<typeof GetRecentCallsResult>;

function toRecentCall(c: Call): RecentCall {
  return {
    id: c.id,
    externalCallId: c.externalCallId ?? null,
    direction: c.direction,
    status: c.status,
    peerNumber: c.peerNumber == null ? null : toE164(c.peerNumber),
    durationSeconds: c.durationSeconds ?? null,
    startedAt: c.startedAt ?? null,
    connectedAt: c.connectedAt ?? null,
    endedAt: c.endedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt ?? null,
  };
}

export function aggregateCalls(calls: readonly RecentCall[]): CallAggregates {
  const byStatus: Record<string, number> = {};
  const byDirection: Record<string, number> = {};
  let total = 0;
  let timed = 0;
  for (const c of calls) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    byDirection[c.direction] = (byDirection[c.direction] ?? 0) + 1;
    if (c.durationSeconds !== null) {
      total += c.durationSeconds;
      timed += 1;
    }
  }
  return { byStatus, byDirection, totalDurationSeconds: total, averageDurationSeconds: timed === 0 ? 0 : total / timed };
}

/** The client's 403 says what scope is missing; here the fix is an argument of this data source. */
function withScopeHint(e: unknown, a: { apiKey?: string | undefined; numberId?: string | undefined }): unknown {
  if (!(e instanceof PilotStatusError) || e.code !== ASSUMED.errorCodes.tenantScopeNotAllowed) return e;
  const which = a.apiKey !== undefined ? "The `apiKey` argument is" : "The configured key (pilotstatus:apiKey / PILOT_STATUS_API_KEY) is";
  const named = a.numberId !== undefined ? ` and \`numberId\` ${JSON.stringify(a.numberId)} is not a number of its tenant` : "";
  return new PilotStatusError({
    kind: e.kind,
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.apiError !== undefined ? { apiError: e.apiError } : {}),
    ...(e.method !== undefined ? { method: e.method } : {}),
    ...(e.path !== undefined ? { path: e.path } : {}),
    retries: e.retries,
    message:
      `${DATA_SOURCE}: calls need a number-scoped API key. ${which} tenant-scoped${named}: pass \`apiKey\` ` +
      `with the number's own key (e.g. \`pulumi config set --secret myNumberKey ps_...\` then ` +
      `\`apiKey: config.requireSecret("myNumberKey")\`), or \`numberId\` of a number in the key's tenant. ` +
      e.message,
  });
}

export async function getRecentCalls(args: GetRecentCallsArgs = {}, opts: DataSourceOptions = {}): Promise<GetRecentCallsResult> {
  return queryRecentCalls(args, programConnect(opts));
}

/** getRecentCalls with any client (the program's or the plugin's). */
export async function queryRecentCalls(args: unknown, connect: Connect): Promise<GetRecentCallsResult> {
  const a = parseArgs(GetRecentCallsArgs, args, DATA_SOURCE);
  const client = connect({
    ...(a.apiKey !== undefined ? { apiKey: a.apiKey } : {}),
    ...(a.numberId !== undefined ? { numberId: a.numberId } : {}),
  });
  const calls: RecentCall[] = [];
  try {
    // Returning from the loop ends the generator, so no page beyond `limit` is requested.
    for await (const call of client.iterateCalls({
      pageSize: Math.min(a.limit, API_PAGE_MAX),
      ...(a.before !== undefined ? { before: a.before } : {}),
      ...(a.since !== undefined ? { since: a.since } : {}),
    })) {
      calls.push(toRecentCall(call));
      if (calls.length >= a.limit) break;
    }
  } catch (e) {
    throw withScopeHint(e, a);
  }
  return { calls, count: calls.length, aggregates: aggregateCalls(calls) };
}

/**
 * Secretness flows: a secret `apiKey` (or any secret argument) makes the whole result a secret Output.
 * The key itself is never part of the result.
 */
export function getRecentCallsOutput(
  args: InputArgs<GetRecentCallsArgs> = {},
  opts: DataSourceOptions = {},
): pulumi.Output<GetRecentCallsResult> {
  return pulumi.output(args).apply((a) => getRecentCalls(a, opts));
}
