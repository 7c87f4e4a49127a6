/**
 * Entry point the serialized loaders require inside the provider host process
 * (`require("pulumi-pilotstatus/host")`). Controllers are created once per process.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { hostClient } from "./resources/hostClient";
import { MetaNumberController } from "./resources/metaNumber.controller";
import type { ResourceKind } from "./resources/typeTokens";
import { WhatsAppNumberController } from "./resources/whatsAppNumber.controller";

const controllers: Record<ResourceKind, () => dynamic.ResourceProvider> = {
  WhatsAppNumber: () => new WhatsAppNumberController(() => hostClient()),
  MetaNumber: () => new MetaNumberController(() => hostClient()),
};
const made = new Map<ResourceKind, dynamic.ResourceProvider>();

export function controllerFor(kind: ResourceKind): dynamic.ResourceProvider {
  let controller = made.get(kind);
  if (controller === undefined) {
    const make = controllers[kind];
    if (make === undefined) {
      throw new Error(`pulumi-pilotstatus has no resource "${kind}"; upgrade the package this stack was created with`);
    }
    controller = make();
    made.set(kind, controller);
  }
  return controller;
}
