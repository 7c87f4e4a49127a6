/**
 * What the drift audit compares, for its unit tests: a declared number (as a stack's state gives it), a stack source,
 * a number as the account lists it. Each test overrides what it is about; the defaults line up (a declared `+5511…NN`
 * is listed as `5511…NN`, both named `Name <id>`).
 */
import type { NumberSummary } from "../../provider/client/schemas";
import type { DeclaredNumber } from "../../provider/drift/declaredNumber";
import type { StackSourceState } from "../../provider/drift/stackState";

export const WHATSAPP_TOKEN = "pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber";

export function declaredNumber(id: string, over: Partial<DeclaredNumber> = {}): DeclaredNumber {
  return {
    id,
    urn: `urn:pulumi:dev::numbers::${WHATSAPP_TOKEN}::res-${id}`,
    resourceType: "WhatsAppNumber",
    stack: "numbers/dev",
    source: "dev.json",
    name: `Name ${id}`,
    number: `+55119000000${id.slice(-2)}`,
    provider: "PILOT_STATUS",
    ...over,
  };
}

export function stackSource(numbers: DeclaredNumber[], over: Partial<StackSourceState> = {}): StackSourceState {
  return {
    kind: "file",
    name: "dev.json",
    numbers,
    pendingDeleteIds: [],
    withoutId: [],
    otherResources: 0,
    otherPackages: [],
    stacks: ["numbers/dev"],
    ...over,
  };
}

export function listedNumber(id: string, over: Partial<NumberSummary> = {}): NumberSummary {
  return {
    id,
    number: `55119000000${id.slice(-2)}`,
    name: `Name ${id}`,
    provider: "PILOT_STATUS",
    state: "OPEN",
    isFullyConnected: true,
    ...over,
  };
}
