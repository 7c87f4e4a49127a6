// Wire conventions for property bags exchanged with a resource provider, mirroring what the Pulumi engine does
// (pkg/resource/plugin/provider_plugin.go) and what @pulumi/pulumi/runtime/rpc.js encodes.
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

export type PropertyMap = Record<string, unknown>;

/** The sentinel the engine sends for values not known during preview. */
export const UNKNOWN: string = unknownValue;

/** A secret in wire form: `{ "4dabf…": "1b47…", value }` — what the engine sends when secrets are kept. */
export interface SecretValue {
  readonly [specialSigKey]: typeof specialSecretSig;
  readonly value: unknown;
}

export function secret(value: unknown): SecretValue {
  return { [specialSigKey]: specialSecretSig, value };
}

export function isSecretValue(v: unknown): v is SecretValue {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function containsSecrets(v: unknown): boolean {
  if (isSecretValue(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isPlainObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

/** Deeply replaces secret wrappers by their values (the engine's `removeSecrets` when a provider can't take them). */
export function stripSecrets(v: unknown): unknown {
  if (isSecretValue(v)) return stripSecrets(v.value);
  if (Array.isArray(v)) return v.map(stripSecrets);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripSecrets(x)]));
  return v;
}

export function stripSecretsFromMap(m: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, stripSecrets(x)]));
}

/**
 * Copies secretness from `ins` onto same-keyed `outs` (the engine's `annotateSecrets`): a provider that does not
 * accept secrets (the dynamic host answers Configure with acceptSecrets=false) gets plaintext and returns plaintext,
 * and the engine re-marks as secret every output whose same-named input contained a secret.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isPlainObject(outValue) && !isSecretValue(outValue) && isPlainObject(inValue) && !isSecretValue(inValue)) {
      result[key] = annotateSecrets(outValue, inValue);
    } else if (!isSecretValue(outValue) && containsSecrets(inValue)) {
      result[key] = secret(outValue);
    }
  }
  return result;
}

/** Lists the top-level keys whose value is (or contains) a secret. */
export function secretKeys(m: PropertyMap): string[] {
  return Object.keys(m).filter((k) => containsSecrets(m[k]));
}

function toJavaScriptValue(v: unknown, path: string): JavaScriptValue | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`property ${path} is not a finite number`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => toJavaScriptValue(x, `${path}[${i}]`) ?? null);
  if (isPlainObject(v)) {
    const obj: Record<string, JavaScriptValue> = {};
    for (const [k, x] of Object.entries(v)) {
      const converted = toJavaScriptValue(x, `${path}.${k}`);
      if (converted !== undefined) obj[k] = converted;
    }
    return obj;
  }
  throw new Error(`property ${path} has unsupported type ${typeof v}`);
}

/** Plain object → protobuf Struct, dropping undefined keys the way JSON (and rpc.serializeProperty) does. */
export function toStruct(m: PropertyMap): Struct {
  const obj: Record<string, JavaScriptValue> = {};
  for (const [k, v] of Object.entries(m)) {
    const converted = toJavaScriptValue(v, k);
    if (converted !== undefined) obj[k] = converted;
  }
  return Struct.fromJavaScript(obj);
}

export function fromStruct(s: Struct | undefined): PropertyMap {
  return s ? s.toJavaScript() : {};
}
