/**
 * The object `dynamic.Resource` serializes into state as `__provider`: a thin loader that captures
 * only two strings and requires the implementation from the installed package at run time. State stays
 * small and secret-free, and a fixed provider reaches resources created by an older one.
 *
 * Everything here is serialized by source text: no imports may be used inside these functions.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKind } from "../resources/typeTokens";

export function loaderFor(kind: ResourceKind): dynamic.ResourceProvider {
  // The host evaluates `__provider` with module paths of its cwd (the program's directory), where the
  // program's own node_modules holds this package.
  const hostModule = "pulumi-pilotstatus/host";
  const load = (): Required<dynamic.ResourceProvider> => {
    try {
      return require(hostModule).controllerFor(kind);
    } catch (e) {
      const missing = (e as { code?: string }).code === "MODULE_NOT_FOUND" && String(e).includes(hostModule);
      if (!missing) throw e;
      throw new Error(
        `pulumi-pilotstatus is not installed where Pulumi runs this program (${process.cwd()}): ` +
          "run `npm install pulumi-pilotstatus` there, then try again",
      );
    }
  };
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
