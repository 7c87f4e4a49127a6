/**
 * Reads `pulumi stack export` JSON (deployment version 3) and finds the numbers pulumi-pilotstatus
 * manages in it, by type token. Parsed loosely: only the fields the audit reads are checked, and only
 * those are kept (never `__provider`, nor other resources' properties).
 */
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { StringDecoder } from "node:string_decoder";
import { z } from "zod";
import { issuePath } from "../client/zodIssues";
import { normalizePhoneNumber } from "../phoneNumber";
import { RESOURCE_KIND_NAMES, type ResourceKind, typeToken } from "../resources/kinds";
import { type DeclaredNumber, PROVIDER_OF } from "./declaredNumber";
import { DriftInputError } from "./errors";
import { STACK_FILE, readInputChunks, readInputFile } from "./readInputFile";
import { type ExportSink, ExportSplitter } from "./stackExportReader";
import { shownPath, shownResource } from "./shown";

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

type StateResource = z.infer<typeof StateResource>;

export const StackExport = z.looseObject({
  version: z.number().int(),
  deployment: z.looseObject({
    // An empty stack exports no `resources` at all.
    resources: z.array(StateResource).nullable().optional(),
  }),
});

/** Type token → kind, for every kind of resources/kinds.ts. */
const KINDS: Record<string, ResourceKind> = Object.fromEntries(RESOURCE_KIND_NAMES.map((k) => [typeToken(k), k]));

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

/** Pulumi's secret envelope (keyed by the SDK's own signature key); `plaintext` only with `--show-secrets`. */
const SECRET_SIG: string = specialSigKey;
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
export function jsonErrorWhere(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return `at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /at position (\d+)/.exec(message);
  if (position) return `at offset ${position[1]}`;
  if (/end of JSON input/i.test(message)) return "it ends too early";
  return "unexpected text, not quoted here";
}

/** The `account` a resource names: its inputs', else its outputs' (the provider stores it in both); undefined = the default. */
function accountOfResource(r: StateResource, label: string): string | undefined {
  for (const v of [r.inputs?.account, r.outputs?.account]) {
    if (v === undefined || v === null) continue;
    if (typeof v === "string") return v;
    const revealed = stringValue(v);
    if (revealed !== null) return revealed;
    // A secret's ciphertext, or not text at all: its tenant cannot be told, and guessing the default would be wrong.
    const d = { resourceType: KINDS[r.type] ?? r.type, urn: r.urn, stack: stackOfUrn(r.urn), source: label };
    throw new DriftInputError(
      `${shownResource(d)} names its account with a value that is not a plain name (a secret, or not text; not shown): the audit cannot tell its tenant`,
    );
  }
  return undefined;
}

function notAnExport(
  label: string,
  issue: z.core.$ZodIssue | undefined,
  path: readonly PropertyKey[] = issue?.path ?? [],
): DriftInputError {
  const where = issue && path.length ? ` at ${issuePath(issue, path)}` : "";
  return new DriftInputError(
    `${shownPath(label)} is not a \`pulumi stack export\` file (expected { version, deployment: { resources: [...] } }${issue ? `; ${issue.message}${where}` : ""})`,
  );
}

/** A source being filled in, one resource at a time. */
class SourceBuilder {
  readonly out: StackSourceState;
  readonly #stacks = new Set<string>();
  readonly #others = new Set<string>();

  constructor(kind: "file" | "stack", label: string) {
    this.out = { kind, name: label, numbers: [], pendingDeleteIds: [], withoutId: [], otherResources: 0, otherPackages: [], stacks: [] };
  }

  add(r: StateResource): void {
    const out = this.out;
    const rk = KINDS[r.type];
    if (rk === undefined) {
      // The root Stack and provider resources are Pulumi's own, not another provider's resources.
      if (r.custom && !r.type.startsWith("pulumi:")) {
        out.otherResources += 1;
        this.#others.add(packageOf(r.type));
      }
      return;
    }
    if (r.external) return;
    const outputs = r.outputs ?? {};
    const inputs = r.inputs ?? {};
    const id = firstString(r.id, outputs.numberId);
    this.#stacks.add(stackOfUrn(r.urn));
    if (id === null) {
      out.withoutId.push(r.urn);
      return;
    }
    if (r.delete) {
      out.pendingDeleteIds.push(id);
      return;
    }
    const rawNumber = firstString(outputs.number, inputs.number);
    const account = accountOfResource(r, out.name);
    out.numbers.push({
      id,
      urn: r.urn,
      resourceType: rk,
      stack: stackOfUrn(r.urn),
      source: out.name,
      name: firstString(outputs.name, inputs.name),
      number: rawNumber === null ? null : (normalizePhoneNumber(rawNumber) ?? rawNumber),
      provider: firstString(outputs.provider) ?? PROVIDER_OF[rk],
      ...(account !== undefined ? { account } : {}),
    });
  }

  done(): StackSourceState {
    this.out.stacks = [...this.#stacks].sort();
    this.out.otherPackages = [...this.#others].sort();
    return this.out;
  }
}

/**
 * The plain reader: JSON.parse of the whole text, then zod over all of it. Used when the lean reader gives up (the
 * text is not JSON, or not shaped like an export), so that such a file gets the messages it always got.
 */
export function parseStackExportWhole(text: string, kind: "file" | "stack", label: string): StackSourceState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DriftInputError(
      `${shownPath(label)} is not valid JSON (${jsonErrorWhere(e)}); expected the output of \`pulumi stack export\``,
    );
  }
  const parsed = StackExport.safeParse(json);
  if (!parsed.success) throw notAnExport(label, parsed.error.issues[0]);
  const source = new SourceBuilder(kind, label);
  for (const r of parsed.data.deployment.resources ?? []) source.add(r);
  return source.done();
}

/** What the audit reads of a resource's `inputs` and `outputs` (firstString calls in SourceBuilder.add). */
const KEPT_INPUTS = ["name", "number", "account"] as const;
const KEPT_OUTPUTS = ["numberId", "name", "number", "provider", "account"] as const;
const KEPT_FIELDS = ["urn", "type", "custom", "id", "delete", "external"] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const to: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(from, k)) to[k] = from[k];
  return to;
}

/**
 * Of one parsed resource, what StateResource checks and SourceBuilder reads: never `__provider`, nor any other input
 * or output; of another provider's resource, not even those. A value of the wrong type is kept as it is, so zod says
 * the same about it as about the whole resource.
 */
function leanResource(r: unknown): unknown {
  if (!isRecord(r)) return r;
  const lean = pick(r, KEPT_FIELDS);
  const ours = typeof r.type === "string" && KINDS[r.type] !== undefined;
  for (const [key, kept] of [
    ["inputs", KEPT_INPUTS],
    ["outputs", KEPT_OUTPUTS],
  ] as const) {
    if (!Object.hasOwn(r, key)) continue;
    const v = r[key];
    lean[key] = isRecord(v) ? (ours ? pick(v, kept) : {}) : v;
  }
  return lean;
}

/**
 * The lean reader's sink: each resource is checked against StateResource and added as it comes; the top level is
 * kept as a skeleton (version, deployment, whether resources is an array or null) and checked against StackExport
 * at the end. zod reports the top level's keys before the resources and the resources in order, so the message is
 * the one zod would give for the whole export: the skeleton's first issue, else the first resource's.
 */
class LeanSink implements ExportSink {
  readonly source: SourceBuilder;
  readonly #skeleton: { version?: unknown; deployment?: { resources?: [] | null } } = {};
  #issue: { issue: z.core.$ZodIssue; path: PropertyKey[] } | undefined;

  constructor(kind: "file" | "stack", label: string) {
    this.source = new SourceBuilder(kind, label);
  }

  topValue(key: string, value: unknown): void {
    if (key === "version") this.#skeleton.version = value;
  }
  deployment(): void {
    this.#skeleton.deployment = {};
  }
  deploymentValue(): void {
    // manifest, secrets_providers, pending_operations...: checked to be JSON, not read.
  }
  resources(kind: "array" | "null"): void {
    this.#skeleton.deployment!.resources = kind === "array" ? [] : null;
  }
  resource(index: number, value: unknown): void {
    if (this.#issue) return; // the export is refused anyway: only its JSON is still checked
    const parsed = StateResource.safeParse(leanResource(value));
    if (parsed.success) this.source.add(parsed.data);
    else {
      const issue = parsed.error.issues[0]!;
      this.#issue = { issue, path: ["deployment", "resources", index, ...issue.path] };
    }
  }

  result(label: string): StackSourceState {
    const top = StackExport.safeParse(this.#skeleton);
    if (!top.success) throw notAnExport(label, top.error.issues[0]);
    if (this.#issue) throw notAnExport(label, this.#issue.issue, this.#issue.path);
    return this.source.done();
  }
}

/**
 * The lean reader: text in, a chunk at a time (stackExportReader.ts splits it, one resource at a time is parsed, and
 * only what the audit reads of it is kept). `end()` gives the source, or throws the message zod would give for the
 * whole export, or gives undefined when the reader gave up (not JSON, not shaped like an export): read it whole then.
 */
export class LeanStackReader {
  readonly #sink: LeanSink;
  readonly #splitter: ExportSplitter;
  readonly #label: string;

  constructor(kind: "file" | "stack", label: string) {
    this.#sink = new LeanSink(kind, label);
    this.#splitter = new ExportSplitter(this.#sink);
    this.#label = label;
  }

  /** False once the reader gave up: the rest of the text need not be given. */
  push(text: string): boolean {
    return this.#splitter.push(text);
  }

  end(): StackSourceState | undefined {
    return this.#splitter.end() ? this.#sink.result(this.#label) : undefined;
  }
}

/** Parses export JSON text; `label` names the source in errors. Lean (LeanStackReader), else whole for the message. */
export function parseStackExport(text: string, kind: "file" | "stack", label: string): StackSourceState {
  const reader = new LeanStackReader(kind, label);
  reader.push(text);
  return reader.end() ?? parseStackExportWhole(text, kind, label);
}

/**
 * A regular file only: a FIFO, a device or a directory fails at once (readInputFile.ts). Read a chunk at a time, so
 * a large export is never held whole; one the lean reader gives up on (not JSON, not an export) is read again whole,
 * for the message it always got.
 */
export async function loadStackFile(path: string): Promise<StackSourceState> {
  const reader = new LeanStackReader("file", path);
  const decoder = new StringDecoder("utf8");
  let ok = true;
  for await (const chunk of readInputChunks(path, STACK_FILE)) {
    ok = reader.push(decoder.write(chunk));
    if (!ok) break;
  }
  const source = ok && reader.push(decoder.end()) ? reader.end() : undefined;
  return source ?? parseStackExportWhole(await readInputFile(path, STACK_FILE), "file", path);
}

/** Number of our resources in a source, counting the ones left out (pending delete, no id). */
export function ourResourceCount(s: StackSourceState): number {
  return s.numbers.length + s.pendingDeleteIds.length + s.withoutId.length;
}
