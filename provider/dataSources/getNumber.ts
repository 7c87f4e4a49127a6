/** `getNumber`: one number's detail, looked up by id or by phone number. */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PilotStatusError } from "../client";
import { phoneNumberInput } from "../phoneNumber";
import { type InputArgs, parseArgs } from "./args";
import { NumberDetailResult, toE164, toNumberDetailResult } from "./numberDetail";
import { type Connect, type DataSourceOptions, programConnect } from "./programClient";

export const GetNumberArgs = z
  .strictObject({
    numberId: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .optional()
      .meta({ description: "Id of the number in Pilot Status. Give exactly one of `numberId` and `number`." }),
    // 8 digits: the published minimum for Meta numbers (QR numbers need 10, and cannot be shorter anyway).
    number: phoneNumberInput(8)
      .optional()
      .meta({ description: "Phone number (E.164; spaces, dashes and brackets ignored). Give exactly one of `numberId` and `number`." }),
    refresh: z.boolean().default(false).meta({ description: "Fetch the Meta snapshot live (`?refresh=1`) instead of the cached one." }),
  })
  .superRefine((a, ctx) => {
    if ((a.numberId === undefined) === (a.number === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: `give exactly one of \`numberId\` or \`number\` (got ${a.numberId === undefined ? "neither" : "both"})`,
      });
    }
  });
export type GetNumberArgs = z.input<typeof GetNumberArgs>;

export const GetNumberResult = NumberDetailResult;
export type GetNumberResult = z.infer<typeof GetNumberResult>;

export async function getNumber(args: GetNumberArgs, opts: DataSourceOptions = {}): Promise<GetNumberResult> {
  return queryNumber(args, programConnect(opts));
}

/** getNumber with any client (the program's or the plugin's). */
export async function queryNumber(args: unknown, connect: Connect): Promise<GetNumberResult> {
  const a = parseArgs(GetNumberArgs, args, "getNumber");
  const client = connect();
  let id = a.numberId;
  if (id === undefined) {
    const wanted = a.number!;
    // No lookup-by-number endpoint is published: list the tenant's numbers and match in E.164.
    const matches = (await client.listNumbers()).filter((n) => toE164(n.number) === wanted);
    if (matches.length === 0) {
      throw new PilotStatusError({
        kind: "not_found",
        method: "GET",
        path: "/v1/numbers",
        message: `getNumber: no number ${wanted} in this tenant (the API key's tenant); check the number, or use the key of the tenant that owns it.`,
      });
    }
    if (matches.length > 1) {
      throw new PilotStatusError({
        kind: "unexpected_response",
        method: "GET",
        path: "/v1/numbers",
        message: `getNumber: ${matches.length} numbers in this tenant have the phone number ${wanted} (ids ${matches.map((n) => n.id).join(", ")}); pass \`numberId\` instead.`,
      });
    }
    id = matches[0]!.id;
  }
  return toNumberDetailResult(await client.getNumber(id, { refresh: a.refresh }));
}

export function getNumberOutput(args: InputArgs<GetNumberArgs>, opts: DataSourceOptions = {}): pulumi.Output<GetNumberResult> {
  return pulumi.output(args).apply((a) => getNumber(a, opts));
}
