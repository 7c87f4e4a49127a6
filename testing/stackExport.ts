/**
 * The one writer of `pulumi stack export` JSON (deployment version 3) for tests, bench and demo:
 * - `stackExport`: a program that declares pulumi-pilotstatus numbers, from a list of numbers: root Stack, the
 *   pulumi-nodejs default provider, then one dynamic resource per number with inputs (incl. the serialized
 *   `__provider`) and outputs (secrets as ciphertext envelopes);
 * - `toStackExport`: the program driver's resources, so the drift audit reads the driver's stack exactly as it reads
 *   a real one (secrets sealed, no plaintext, as an export without --show-secrets has them).
 */
import { writeFile } from "node:fs/promises";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { join } from "node:path";
import { type ResourceKind, providerOf, typeToken } from "../provider/resources/kinds";
import type { ProgramResource } from "./programDriver";

// The SDK's own markers of a secret in serialized state.
const SIG = specialSigKey;
const SECRET_SIG_VALUE = specialSecretSig;
/** A secret as an export without --show-secrets holds it: the SDK's marker and a ciphertext. */
const sealed = (ciphertext: string) => ({ [SIG]: SECRET_SIG_VALUE, ciphertext });
const ciphertext = (n: number) => sealed(`v1:${Buffer.from(`secret-${n}`).toString("base64")}`);
/** The root Stack resource's URN. */
const stackUrnOf = (stack: string, project: string) => `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;

export interface StateNumber {
  kind: ResourceKind;
  /** Pulumi resource name. */
  name: string;
  id: string;
  displayName: string;
  /** "+digits". */
  number: string;
  state?: string;
  /** The named account (`account: "acme"`), written into inputs and outputs as the provider stores it; absent = the default. */
  account?: string;
  extra?: Record<string, unknown>;
}

const SERIALIZED_PROVIDER = "exports.handler = __f0;\nfunction __f0() { /* serialized */ }";

/** What each kind stores beyond the common number fields (the compiler points here when a kind is added). */
const KIND_STATE: Record<
  ResourceKind,
  (i: number) => { inputs: Record<string, unknown>; health: Record<string, unknown>; outputs: Record<string, unknown> }
> = {
  WhatsAppNumber: (i) => ({
    inputs: {
      pairingMethod: "code",
      sendPairingLinkViaWhatsApp: false,
      waitUntilConnected: false,
      waitTimeoutSeconds: 600,
      adoptExisting: false,
    },
    health: { qualityRating: null, messagingLimitTier: null, metaStatus: null, sendable: true },
    outputs: { qrcodeBase64: ciphertext(i + 3000), pairingCode: ciphertext(i + 4000), remotePairingUrl: null, linkedApiKeyId: null },
  }),
  MetaNumber: (i) => ({
    inputs: { metaPhoneId: `ph_${i}`, wabaId: `waba_${i}`, accessToken: ciphertext(i), adoptExisting: false },
    health: { qualityRating: "GREEN", messagingLimitTier: "TIER_1K", metaStatus: "CONNECTED", sendable: true },
    outputs: {
      meta: null,
      webhookUrl: "https://example.invalid/hook",
      verifyToken: ciphertext(i + 1000),
      credentialsFingerprint: ciphertext(i + 2000),
    },
  }),
};

export function stackExport(
  stack: string,
  project: string,
  numbers: readonly StateNumber[],
  others: Array<{ type: string; name: string }> = [],
) {
  const stackUrn = stackUrnOf(stack, project);
  const providerUrn = `urn:pulumi:${stack}::${project}::pulumi:providers:pulumi-nodejs::default`;
  const providerId = "8a3c3c2e-8d8a-4f51-9c6c-0d3f0d7a6b11";
  const time = "2025-01-01T00:00:00.000Z";
  const resources: Array<Record<string, unknown>> = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", created: time, modified: time },
    { urn: providerUrn, custom: true, id: providerId, type: "pulumi:providers:pulumi-nodejs", created: time, modified: time },
  ];
  numbers.forEach((n, i) => {
    const provider = providerOf(n.kind);
    const kindState = KIND_STATE[n.kind](i);
    const inputs: Record<string, unknown> = { __provider: SERIALIZED_PROVIDER, name: n.displayName, number: n.number, ...kindState.inputs };
    if (n.account !== undefined) inputs.account = n.account;
    const outputs: Record<string, unknown> = {
      ...inputs,
      numberId: n.id,
      instanceName: `PS-${n.id}`,
      provider,
      state: n.state ?? "OPEN",
      isFullyConnected: (n.state ?? "OPEN") === "OPEN",
      createdAt: time,
      updatedAt: time,
      health: kindState.health,
      ...kindState.outputs,
      ...n.extra,
    };
    delete outputs.accessToken;
    resources.push({
      urn: `urn:pulumi:${stack}::${project}::${typeToken(n.kind)}::${n.name}`,
      custom: true,
      id: n.id,
      type: typeToken(n.kind),
      inputs,
      outputs,
      parent: stackUrn,
      provider: `${providerUrn}::${providerId}`,
      propertyDependencies: { name: [], number: [] },
      additionalSecretOutputs: ["qrcodeBase64", "pairingCode"],
      created: time,
      modified: time,
    });
  });
  for (const o of others) {
    resources.push({
      urn: `urn:pulumi:${stack}::${project}::${o.type}::${o.name}`,
      custom: true,
      id: `${o.name}-1234`,
      type: o.type,
      inputs: {},
      outputs: { id: `${o.name}-1234` },
      parent: stackUrn,
      created: time,
      modified: time,
    });
  }
  return {
    version: 3,
    deployment: {
      manifest: { time, magic: "0f2b1e6c", version: "v3.150.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:abc:v1:def:ghi" } },
      resources,
    },
  };
}

export async function writeStackFile(dir: string, file: string, content: unknown): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content, null, 4));
  return path;
}

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
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secretKeys.includes(k) ? sealed("v1:sealed-by-demo") : v]));

/** The program driver's resources as `pulumi stack export` writes them. */
export function toStackExport(resources: readonly ProgramResource[], project: string, stack: string): StackExport {
  const stackUrn = stackUrnOf(stack, project);
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
