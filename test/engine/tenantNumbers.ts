/** examples/tenant-numbers deployed with the real CLI, for the scenarios that audit or check a deployed stack. */
import { expect } from "vitest";
import type { PulumiStack } from "../../testing/engine/pulumi";
import { configureForEmulator, type EngineRig, projectDir } from "./engineRig";

export const TENANT_NUMBERS = projectDir("examples", "tenant-numbers");

export interface DeployedTenantNumbers {
  readonly stack: PulumiStack;
  readonly ids: Record<"Support" | "Sales" | "Billing", string>;
}

/** `pulumi up` of the example, its three phones paired (new QR numbers are CONNECTING: unhealthy), counts cleared. */
export async function deployTenantNumbers(rig: EngineRig): Promise<DeployedTenantNumbers> {
  const { control } = rig.emulator;
  const stack = await rig.stack(TENANT_NUMBERS);
  await configureForEmulator(stack, rig.emulator);
  await stack.up();
  const numbers = (await control.state()).tenants.default?.numbers ?? [];
  expect(numbers.map((n) => n.name).sort()).toEqual(["Billing", "Sales", "Support"]);
  for (const n of numbers) await control.pair(n.id);
  await control.resetRequests();
  const id = (name: string) => numbers.find((n) => n.name === name)!.id;
  return { stack, ids: { Support: id("Support"), Sales: id("Sales"), Billing: id("Billing") } };
}
