/**
 * Entry point the serialized loaders require inside the provider host process
 * (`require("pulumi-pilotstatus/host")`). Controllers are created once per process.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { type PilotStatusClient, PilotStatusError } from "./client";
import { CONFIG_KEYS } from "./config";
import type { ResourceController } from "./engine/controller";
import { hostClient } from "./resources/hostClient";
import { PartialFailure } from "./engine/partialFailure";
import { MetaNumberController } from "./resources/metaNumber.controller";
import type { ResourceKind } from "./resources/kinds";
import { WhatsAppNumberController } from "./resources/whatsAppNumber.controller";

/** One controller per kind of resources/kinds.ts (the compiler points here when a kind is added there). */
const makers: Record<ResourceKind, (client: HostClient) => ResourceController> = {
  WhatsAppNumber: (client) => new WhatsAppNumberController(client),
  MetaNumber: (client) => new MetaNumberController(client),
};
type HostClient = (account?: string) => PilotStatusClient;

/** Every kind's controller over `client`: the dynamic face below, and the provider plugin (plugin/main.ts). */
export function newControllers(client: HostClient = (account) => hostClient(account)): Record<ResourceKind, ResourceController> {
  return Object.fromEntries(Object.entries(makers).map(([kind, make]) => [kind, make(client)])) as Record<ResourceKind, ResourceController>;
}
const made = new Map<ResourceKind, dynamic.ResourceProvider>();

export function controllerFor(kind: ResourceKind): dynamic.ResourceProvider {
  let controller = made.get(kind);
  if (controller === undefined) {
    const make = makers[kind];
    if (make === undefined) {
      throw new Error(`pulumi-pilotstatus has no resource "${kind}"; upgrade the package this stack was created with`);
    }
    controller = keepingProvider(make((account) => hostClient(account)));
    made.set(kind, controller);
  }
  return controller;
}

const PROVIDER_KEY = "__provider";

/**
 * Refresh and destroy run with the provider configuration the engine stored at the last `pulumi up`, not the
 * current stack config: a rejected key or an unreachable URL there is most often a rotated key or a moved URL.
 */
function storedConfigHint(e: unknown): never {
  if (PilotStatusError.isUnauthorized(e) || PilotStatusError.isUnreachable(e)) {
    e.message +=
      ` Refresh and destroy use the ${CONFIG_KEYS.apiKey}, ${CONFIG_KEYS.baseUrl} and ${CONFIG_KEYS.accounts} stored in the state at the last ` +
      "`pulumi up`, not the current stack config: after changing them, run `pulumi up` first (or `pulumi refresh " +
      "--run-program`).";
  }
  throw e;
}

/**
 * The dynamic face: a controller as the `dynamic.ResourceProvider` the host calls (our result types are dynamic's
 * shapes, passed as they are). The engine stores a partial failure's properties as the resource's outputs, and the
 * host finds the provider for a later read or delete in them: they must carry `__provider`, or refresh and destroy fail.
 */
function keepingProvider(controller: ResourceController): dynamic.ResourceProvider {
  const keep = (props: Record<string, unknown>) => (e: unknown) => {
    if (e instanceof PartialFailure && e.properties[PROVIDER_KEY] === undefined) {
      e.properties[PROVIDER_KEY] = props[PROVIDER_KEY];
    }
    throw e;
  };
  return {
    configure: (req) => controller.configure(req),
    check: (olds, news) => controller.check(olds, news),
    diff: (id, olds, news) => controller.diff(id, olds, news),
    create: (inputs) => controller.create(inputs).catch(keep(inputs)),
    read: (id, props) => controller.read(id, props).catch(storedConfigHint),
    update: (id, olds, news) => controller.update(id, olds, news).catch(keep(news)),
    delete: (id, props) => controller.delete(id, props).catch(storedConfigHint),
  };
}
