/** A number as one stack's state declares it. */
import type { NumberProvider } from "../client/schemas";
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES, type ResourceKind } from "../resources/kinds";

export type DeclaredKind = ResourceKind;

export interface DeclaredNumber {
  id: string;
  urn: string;
  resourceType: DeclaredKind;
  /** `project/stack` from the URN. */
  stack: string;
  /** The stack file path or the `--stack` name it was read from. */
  source: string;
  /** Null when the state holds no value or only a secret ciphertext. */
  name: string | null;
  /** E.164 with "+", or null (see name). */
  number: string | null;
  provider: string;
  /**
   * The named account (the resource's `account`, from its inputs, else its outputs) whose tenant holds it; absent
   * for the default account. Not checked here: the audit refuses a name that is not valid before any request.
   */
  account?: string;
}

/** What a provider a resource type implies, when the state's outputs do not say. */
export const PROVIDER_OF = Object.fromEntries(RESOURCE_KIND_NAMES.map((k) => [k, RESOURCE_KINDS[k].provider])) as Record<
  DeclaredKind,
  NumberProvider
>;
