/**
 * The registry of functions (data sources): one entry per function this package offers. schema.json's functions
 * and the provider plugin's Invoke derive from it; the program-side `getX` / `getXOutput` run the same `run`.
 */
import type { z } from "zod";
import { GetNumberArgs, GetNumberResult, queryNumber } from "./getNumber";
import { GetNumberHealthArgs, GetNumberHealthResult, queryNumberHealth } from "./getNumberHealth";
import { GetNumbersArgs, GetNumbersResult, queryNumbers } from "./getNumbers";
import { GetRecentCallsArgs, GetRecentCallsResult, queryRecentCalls } from "./getRecentCalls";
import type { Connect } from "./programClient";

export interface FunctionSpec {
  /** schema.json's description of the function. */
  readonly description: string;
  readonly inputs: z.ZodObject;
  readonly outputs: z.ZodObject;
  /** Validates the arguments (before any request) and answers with the client `connect` gives. */
  readonly run: (args: unknown, connect: Connect) => Promise<Record<string, unknown>>;
}

export const FUNCTIONS = {
  getNumberHealth: {
    description: "State, `isFullyConnected`, health and (Meta numbers) the cached or live Meta snapshot of a number.",
    inputs: GetNumberHealthArgs,
    outputs: GetNumberHealthResult,
    run: queryNumberHealth,
  },
  getRecentCalls: {
    description:
      "Recent calls, newest first, paged past 100 with the `before` cursor, with aggregates by status and " +
      "direction. Needs a number-scoped key (`apiKey`).",
    inputs: GetRecentCallsArgs,
    outputs: GetRecentCallsResult,
    run: queryRecentCalls,
  },
  getNumbers: { description: "Every number of the tenant.", inputs: GetNumbersArgs, outputs: GetNumbersResult, run: queryNumbers },
  getNumber: {
    description: "One number of the tenant, by `numberId` or by phone `number`.",
    inputs: GetNumberArgs,
    outputs: GetNumberResult,
    run: queryNumber,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/** Every function, in registry order (schema.json lists them in this order). */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as [FunctionName, ...FunctionName[]];
