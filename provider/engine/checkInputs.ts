/**
 * `check` for both resources: validate the program's inputs with the resource's zod schema before any
 * request, naming the property and what is wrong. Preview unknowns pass through untouched.
 */
import type { z } from "zod";
import { issuePath, issueReason, unknownKeys } from "../client/zodIssues";
import { isUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

const PROVIDER_KEY = "__provider";

export function checkInputs(schema: z.ZodObject, news: Record<string, unknown>, resourceType: string): CheckOutcome {
  const known: Record<string, unknown> = {};
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(news)) {
    if (key === PROVIDER_KEY) continue;
    if (isUnknown(value)) unknownKeys.push(key);
    else known[key] = value;
  }
  // Unknowns cannot be validated yet; a missing-required report for them would be wrong.
  const partialMask = Object.fromEntries(unknownKeys.filter((k) => k in schema.shape).map((k) => [k, true]));
  const parsed = schema.partial(partialMask as Record<string, true>).safeParse(known);
  if (!parsed.success) {
    return { inputs: news, failures: parsed.error.issues.map((issue) => toFailure(issue, known, resourceType)) };
  }
  const inputs: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) };
  for (const key of unknownKeys) inputs[key] = news[key];
  return { inputs: dropUndefined(inputs), failures: [] };
}

function toFailure(issue: z.core.$ZodIssue, given: Record<string, unknown>, resourceType: string): CheckFailure {
  if (issue.code === "unrecognized_keys") {
    const keys = unknownKeys(issue);
    const names = keys.map((k) => `"${k}"`).join(", ");
    return {
      property: keys[0] ?? "",
      reason: `${resourceType} has no property ${names}; check the spelling against the README`,
    };
  }
  const property = issuePath(issue);
  const reason =
    issue.code === "invalid_type" && issue.path.length === 1 && given[String(issue.path[0])] === undefined
      ? `"${property}" is required`
      : `"${property}" ${issueReason(issue)}`;
  return { property, reason };
}

/** Struct values cannot hold undefined; an absent optional input stays absent. */
function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/**
 * Typed inputs for create/update: the engine passes them checked, with `__provider` beside them. Inputs that skipped
 * Check fail here, before any request, with Check's own messages (a ZodError would print the issues as JSON).
 */
export function parseInputs<S extends z.ZodObject>(schema: S, props: Record<string, unknown>, resourceType = "resource"): z.output<S> {
  const { [PROVIDER_KEY]: _provider, ...inputs } = props;
  const parsed = schema.safeParse(inputs);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map((issue) => toFailure(issue, inputs, resourceType).reason);
  throw new Error(`Invalid ${resourceType} inputs: ${reasons.join("; ")}`);
}
