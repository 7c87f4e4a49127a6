/**
 * The program driver's resources in the shape of `pulumi stack export` (deployment version 3), so the drift audit
 * reads the driver's stack exactly as it reads a real one. Secrets are written as ciphertext envelopes with no
 * plaintext, as an export without --show-secrets has them.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { ProgramResource } from "../testing/programDriver";

export interface StackExportResource {
  urn: string;
  custom: boolean;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
}

export interface StackExport {
  version: 3;
  deployment: { manifest: { time: string; version: string }; resources: StackExportResource[] };
}

const withSecretsSealed = (values: Record<string, unknown>, secretKeys: readonly string[]) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      secretKeys.includes(k) ? { [specialSigKey]: specialSecretSig, ciphertext: "v1:sealed-by-demo" } : v,
    ]),
  );

export function toStackExport(resources: readonly ProgramResource[], project: string, stack: string): StackExport {
  const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  return {
    version: 3,
    deployment: {
      manifest: { time: new Date().toISOString(), version: "program-driver" },
      resources: [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack" },
        ...resources.map((r) => ({
          urn: r.urn,
          custom: true,
          id: r.id,
          type: r.type,
          inputs: withSecretsSealed(r.inputs, r.secretInputs),
          outputs: withSecretsSealed(r.outputs, r.secretOutputs),
          parent: stackUrn,
        })),
      ],
    },
  };
}
