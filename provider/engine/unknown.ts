import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** The value Pulumi sends during preview for an input that is not known yet: the SDK's own constant. */
export const UNKNOWN: string = unknownValue;

export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}
