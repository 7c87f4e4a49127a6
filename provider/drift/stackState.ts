/**
 * Reads `pulumi stack export` JSON (deployment version 3) and finds the numbers pulumi-pilotstatus
 * manages in it, by type token. Parsed loosely: only the fields the audit reads are checked.
 */
import { z } from "zod";
import { normalizePhoneNumber } from "../phoneNumber";
import { type ResourceKind, typeToken } from "../resources/typeTokens";
import { type DeclaredNumber, PROVIDER_OF } from "./declaredNumber";
import { DriftInputError } from "./errors";
import { STACK_FILE, readInputFile } from "./readInputFile";
import { shownPath } from "./shown";

const StateResource = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  /** Replaced resource waiting for deletion. */
  delete: z.boolean().optional(),
  /** Read with `.get()`: referenced, not managed, by this stack. */
  external: z.boolean().optional(),
});

export const StackExport = z.looseObject({
  version: z.number().int(),
  deployment: z.looseObject({
    // An empty stack exports no `resources` at all.
    resources: z.array(StateResource).nullable().optional(),
  }),
});

const KINDS: Record<string, ResourceKind> = {
  [typeToken("WhatsAppNumber")]: "WhatsAppNumber",
  [typeToken("MetaNumber")]: "MetaNumber",
};

export interface StackSourceState {
  kind: "file" | "stack";
  /** File path or stack name. */
  name: string;
  numbers: DeclaredNumber[];
  /** Ids of replaced resources still awaiting deletion: in the account legitimately, but not declared. */
  pendingDeleteIds: string[];
  /** URNs of our resources that have no id (a create that never finished). */
  withoutId: string[];
  /** Resource count by provider package of resources that are not ours (for the "wrong stack" message). */
  otherResources: number;
  otherPackages: string[];
  stacks: string[];
}

/** Pulumi's secret envelope; `plaintext` only with `--show-secrets`. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SecretValue = z.looseObject({ [SECRET_SIG]: z.string(), plaintext: z.string().optional() });

/** A plain string, or a revealed secret string; null for anything else (ciphertext, absent). */
function stringValue(v: unknown): string | null {
  if (typeof v === "string") return v;
  const secret = SecretValue.safeParse(v);
  if (secret.success && secret.data.plaintext !== undefined) {
    try {
      const inner: unknown = JSON.parse(secret.data.plaintext);
      return typeof inner === "string" ? inner : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → "project/stack". */
function stackOfUrn(urn: string): string {
  const parts = urn.split("::");
  const stack = parts[0]?.startsWith("urn:pulumi:") ? parts[0].slice("urn:pulumi:".length) : "";
  const project = parts[1] ?? "";
  return project && stack ? `${project}/${stack}` : stack || "unknown";
}

/** The package part of a type token, e.g. "aws" of "aws:s3/bucket:Bucket". */
function packageOf(type: string): string {
  return type.split(":")[0] ?? type;
}

function firstString(...vs: unknown[]): string | null {
  for (const v of vs) {
    const s = stringValue(v);
    if (s !== null && s !== "") return s;
  }
  return null;
}

/**
 * Where JSON.parse gave up, without its quote of the text: a file passed by mistake (a .env, a key
 * file) must not have its content echoed.
 */
function jsonErrorWhere(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return `at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /at position (\d+)/.exec(message);
  if (position) return `at offset ${position[1]}`;
  if (/end of JSON input/i.test(message)) return "it ends too early";
  return "unexpected text, not quoted here";
}

/** Parses export JSON text; `label` names the source in errors. */
export function parseStackExport(text: string, kind: "file" | "stack", label: string): StackSourceState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DriftInputError(`${shownPath(label)} is not valid JSON (${jsonErrorWhere(e)}); expected the output of \`pulumi stack export\``);
  }
  const parsed = StackExport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    throw new DriftInputError(
      `${shownPath(label)} is not a \`pulumi stack export\` file (expected { version, deployment: { resources: [...] } }${issue ? `; ${issue.message}${where}` : ""})`,
    );
  }
  const out: StackSourceState = {
    kind,
    name: label,
    numbers: [],
    pendingDeleteIds: [],
    withoutId: [],
    otherResources: 0,
    otherPackages: [],
    stacks: [],
  };
  const stacks = new Set<string>();
  const others = new Set<string>();
  for (const r of parsed.data.deployment.resources ?? []) {
    const rk = KINDS[r.type];
    if (rk === undefined) {
      // The root Stack and provider resources are Pulumi's own, not another provider's resources.
      if (r.custom && !r.type.startsWith("pulumi:")) {
        out.otherResources += 1;
        others.add(packageOf(r.type));
      }
      continue;
    }
    if (r.external) continue;
    const outputs = r.outputs ?? {};
    const inputs = r.inputs ?? {};
    const id = firstString(r.id, outputs.numberId);
    stacks.add(stackOfUrn(r.urn));
    if (id === null) {
      out.withoutId.push(r.urn);
      continue;
    }
    if (r.delete) {
      out.pendingDeleteIds.push(id);
      continue;
    }
    const rawNumber = firstString(outputs.number, inputs.number);
    out.numbers.push({
      id,
      urn: r.urn,
      resourceType: rk,
      stack: stackOfUrn(r.urn),
      source: label,
      name: firstString(outputs.name, inputs.name),
      number: rawNumber === null ? null : (normalizePhoneNumber(rawNumber) ?? rawNumber),
      provider: firstString(outputs.provider) ?? PROVIDER_OF[rk],
    });
  }
  out.stacks = [...stacks].sort();
  out.otherPackages = [...others].sort();
  return out;
}

/** A regular file only: a FIFO, a device or a directory fails at once (readInputFile.ts). */
export async function loadStackFile(path: string): Promise<StackSourceState> {
  return parseStackExport(await readInputFile(path, STACK_FILE), "file", path);
}

/** Number of our resources in a source, counting the ones left out (pending delete, no id). */
export function ourResourceCount(s: StackSourceState): number {
  return s.numbers.length + s.pendingDeleteIds.length + s.withoutId.length;
}
