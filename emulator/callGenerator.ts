/** Builds call records for the control API: fully generated ones, or partial ones completed. */
import { z } from "zod";
import { newCallId, randomDigits, randomToken, type CallRecord } from "./state";

const DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;
const STATUSES = ["COMPLETED", "MISSED", "REJECTED", "ACCEPTED", "FAILED", "COMPLETED", "RINGING", "INITIATED"] as const;
const ANSWERED = new Set(["COMPLETED", "ACCEPTED"]);

const iso = (ms: number): string => new Date(ms).toISOString();

export const PartialCall = z.object({
  id: z.string().min(1).optional(),
  externalCallId: z.string().nullable().optional(),
  direction: z.string().optional(),
  status: z.string().optional(),
  peerNumber: z.string().nullable().optional(),
  durationSeconds: z.number().nullable().optional(),
  startedAt: z.string().nullable().optional(),
  connectedAt: z.string().nullable().optional(),
  endedAt: z.string().nullable().optional(),
  createdAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "createdAt must be a date")
    .optional(),
  updatedAt: z.string().optional(),
});
export type PartialCall = z.infer<typeof PartialCall>;

function callAt(numberId: string, createdMs: number, i: number): CallRecord {
  const direction = DIRECTIONS[i % 3 === 1 ? 1 : 0] ?? "INBOUND";
  const status = STATUSES[(i * 5 + 1) % STATUSES.length] ?? "COMPLETED";
  const answered = ANSWERED.has(status);
  const durationSeconds = answered ? 15 + ((i * 37) % 600) : 0;
  const connectedMs = createdMs + 5_000;
  const endMs = answered ? connectedMs + durationSeconds * 1000 : createdMs + 30_000;
  const ended = status !== "RINGING" && status !== "INITIATED";
  return {
    id: newCallId(),
    numberId,
    externalCallId: `wacid.${randomToken(12)}`,
    direction,
    status,
    peerNumber: `55${randomDigits(11)}`,
    durationSeconds: ended ? durationSeconds : null,
    startedAt: iso(createdMs),
    connectedAt: answered ? iso(connectedMs) : null,
    endedAt: ended ? iso(endMs) : null,
    createdAt: iso(createdMs),
    updatedAt: iso(ended ? endMs : createdMs),
  };
}

/** `count` calls, newest at `newestAtMs`, each `spacingSeconds` older than the last (distinct, decreasing). */
export function generateCalls(numberId: string, count: number, newestAtMs: number, spacingSeconds: number): CallRecord[] {
  const spacingMs = Math.max(1, Math.round(spacingSeconds * 1000));
  return Array.from({ length: count }, (_, i) => callAt(numberId, newestAtMs - i * spacingMs, i));
}

/** Fills what a partial call leaves out; partials without createdAt get distinct, decreasing times. */
export function completeCall(numberId: string, partial: PartialCall, i: number, nowMs: number): CallRecord {
  const createdMs = partial.createdAt !== undefined ? Date.parse(partial.createdAt) : nowMs - i * 1000;
  const base = callAt(numberId, createdMs, i);
  const merged: CallRecord = { ...base };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) Object.assign(merged, { [k]: v });
  }
  merged.createdAt = iso(createdMs);
  merged.numberId = numberId;
  return merged;
}
