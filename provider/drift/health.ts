/**
 * Why a present, declared number cannot be relied on to send. Health fields that are null (QR
 * numbers have no Meta health, ASSUMED) are unknown, not bad, and give no reason.
 */
import type { z } from "zod";
import type { Health, UnhealthyEntry, UnhealthyReason } from "./report.schema";

/** The report entry's fields the rules read (only these, so a caller of this exported rule needs no more). */
export interface HealthInput extends Pick<UnhealthyEntry, "state" | "isFullyConnected"> {
  health?: Pick<z.infer<typeof Health>, "qualityRating" | "metaStatus" | "sendable"> | null;
}

export function unhealthyReasons(n: HealthInput): UnhealthyReason[] {
  const reasons: UnhealthyReason[] = [];
  if (n.state !== "OPEN") {
    reasons.push({ code: "STATE_NOT_OPEN", message: `state is ${n.state}, not OPEN` });
  } else if (!n.isFullyConnected) {
    reasons.push({ code: "NOT_FULLY_CONNECTED", message: "state is OPEN but the number is not fully connected" });
  }
  const h = n.health;
  if (h) {
    if (h.sendable === false) reasons.push({ code: "NOT_SENDABLE", message: "the API reports it cannot send (sendable: false)" });
    if (h.qualityRating !== null && h.qualityRating !== "GREEN") {
      reasons.push({ code: "QUALITY_NOT_GREEN", message: `quality rating is ${h.qualityRating}` });
    }
    if (h.metaStatus !== null && h.metaStatus !== "CONNECTED") {
      reasons.push({ code: "META_STATUS_NOT_CONNECTED", message: `Meta status is ${h.metaStatus}` });
    }
  }
  return reasons;
}
