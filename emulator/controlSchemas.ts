/** Bodies of the control API (/__emulator/*); the routes parse them, EmulatorControl sends them. */
import { z } from "zod";
import { PartialCall } from "./callGenerator";
import { STATES, TENANTS } from "./state";

const Tenant = z.enum(TENANTS);
/** "PILOT_STATUS" | "META", or any other string to emulate an unsupported provider. */
const Provider = z.string().min(1);

/**
 * The most numbers one seed call makes, and calls one addCalls call generates: not a limit of the store (both are
 * linear), only a guard against a typo that would keep the emulator busy for minutes. Call again for more.
 */
export const MAX_SEED_COUNT = 1_000_000;
const capMessage = `at most ${MAX_SEED_COUNT} per call (a safety cap against typos, not a limit of the emulator: call again for more)`;

export const CreateNumberBody = z.object({
  tenant: Tenant.optional(),
  name: z.string(),
  number: z.string(),
  provider: Provider.optional(),
  state: z.enum(STATES).optional(),
});
export type CreateNumberBody = z.input<typeof CreateNumberBody>;

export const SeedBody = z.object({
  count: z.number().int().min(1).max(MAX_SEED_COUNT, capMessage),
  tenant: Tenant.optional(),
  provider: Provider.optional(),
  state: z.enum(STATES).optional(),
  namePrefix: z.string().min(1).optional(),
  /** First number (digits, optional '+'); later ones count up, skipping numbers already taken. */
  numberStart: z.union([z.string(), z.number().int()]).optional(),
});
export type SeedBody = z.input<typeof SeedBody>;

export const HealthBody = z.object({
  qualityRating: z.string().nullable().optional(),
  messagingLimitTier: z.string().nullable().optional(),
  metaStatus: z.string().nullable().optional(),
  sendable: z.boolean().nullable().optional(),
});
export type HealthBody = z.input<typeof HealthBody>;

export const RenameBody = z.object({ name: z.string().optional(), number: z.string().optional() });
export type RenameBody = z.input<typeof RenameBody>;

export const AddCallsBody = z.union([
  z.object({ calls: z.array(PartialCall) }),
  z.object({
    count: z.number().int().min(1).max(MAX_SEED_COUNT, capMessage),
    /** ISO date; default now. */
    newestAt: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), "newestAt must be a date")
      .optional(),
    spacingSeconds: z.number().positive().optional(),
  }),
]);
export type AddCallsBody = z.input<typeof AddCallsBody>;

export const FaultBody = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  count: z.number().int().min(1),
  status: z.number().int().min(100).max(599).optional(),
  retryAfter: z.union([z.number().nonnegative(), z.string().min(1)]).optional(),
  body: z.unknown().optional(),
  latencyMs: z.number().nonnegative().optional(),
  drop: z.enum(["before", "after"]).optional(),
});
export type FaultBody = z.input<typeof FaultBody>;

export const RateLimitBody = z.object({ enabled: z.boolean(), perSecond: z.number().positive().optional() });
export type RateLimitBody = z.input<typeof RateLimitBody>;
