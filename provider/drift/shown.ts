/**
 * What the drift CLI may echo of what it was given. A secret pasted into the wrong flag or argument
 * (the API key as a --concurrency value, a Meta token as a file name) must not come back in an error
 * message, where CI logs keep it: values that could be secrets are described, not shown, and anything
 * shown is made visible (no control characters) and capped in length.
 */
import { MAX_ECHO } from "../client/text";
import { ENV_VARS } from "../config";
import { visible } from "./render/safeText";

/** Echoed values are cut to the provider's one limit for any message (client/text.ts). */
export { MAX_ECHO };
/** Paths are longer; the end (the file name) is what tells them apart. */
export const MAX_ECHO_PATH = 120;

/** Secrets the drift CLI may be handed: the environment's API keys, the accounts file's, and anything shaped like one. */
export interface SecretContext {
  env?: NodeJS.ProcessEnv;
  /** Keys read from elsewhere (the accounts file); added to once that file is read. */
  keys?: string[];
}

/** PILOT_STATUS_API_KEY and every named account's PILOT_STATUS_API_KEY_<NAME>. */
const KEY_VARIABLE = new RegExp(`^${ENV_VARS.apiKey}(_.+)?$`);

/** A Pilot Status key (ps_…), a Meta access token (EAA…), or a long random token (an app secret, a password). */
const SECRET_SHAPES = [/(?<![A-Za-z0-9])ps_[A-Za-z0-9_-]{4,}/, /(?<![A-Za-z0-9])EAA[A-Za-z0-9]{16,}/];
/** A run of 32 or more token characters with letters and digits in it, alone or inside a path or URL. */
const TOKEN = /(?<![A-Za-z0-9_+=])[A-Za-z0-9_+=]{32,}(?![A-Za-z0-9_+=])/g;
const isToken = (t: string) => /\d/.test(t) && /[A-Za-z]/.test(t);

function knownKeys(ctx: SecretContext): string[] {
  const keys: string[] = [];
  const add = (key: string | undefined) => {
    const k = key?.trim();
    if (k !== undefined && k.length >= 8) keys.push(k);
  };
  for (const [name, value] of Object.entries(ctx.env ?? {})) if (KEY_VARIABLE.test(name)) add(value);
  for (const k of ctx.keys ?? []) add(k);
  // Longest first, so that a key which holds another is redacted whole.
  return keys.sort((a, b) => b.length - a.length);
}

export function looksLikeSecret(value: string, ctx: SecretContext = {}): boolean {
  if (knownKeys(ctx).some((k) => value.includes(k))) return true;
  if (SECRET_SHAPES.some((re) => re.test(value))) return true;
  return (value.match(TOKEN) ?? []).some(isToken);
}

function cap(text: string, max: number, keep: "start" | "end"): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return keep === "start" ? `${chars.slice(0, max - 1).join("")}…` : `…${chars.slice(chars.length - max + 1).join("")}`;
}

/** A value for a message: quoted, visible and capped; or, when it could be a secret, only its length. */
export function shown(value: string, ctx: SecretContext = {}, max = MAX_ECHO): string {
  if (looksLikeSecret(value, ctx)) return `a value of ${[...value].length} characters (not shown: it looks like a secret)`;
  return `"${visible(cap(value, max, "start"))}"`;
}

/** A path for a message: as given, visible and capped (keeping its end); not shown when it could be a secret. */
export function shownPath(path: string, ctx: SecretContext = {}): string {
  if (looksLikeSecret(path, ctx)) return "(a path that looks like a secret; not shown)";
  return visible(cap(path, MAX_ECHO_PATH, "end"));
}

/** Shown only when it is a plain word (a flag, a command, a bucket name): anything else could be a secret. */
export function shownWord(value: string, ctx: SecretContext = {}): string | undefined {
  return /^-{0,2}[A-Za-z][A-Za-z0-9-]{0,31}$/.test(value) && !looksLikeSecret(value, ctx) ? value : undefined;
}

/** The last line of defence for every message the CLI prints: known and secret-shaped values redacted, capped. */
export function redactMessage(message: string, ctx: SecretContext = {}, max = 1000): string {
  let out = message;
  for (const k of knownKeys(ctx)) out = out.split(k).join("[redacted]");
  out = out
    .replace(/(?<![A-Za-z0-9])ps_[A-Za-z0-9_-]{4,}/g, "[redacted]")
    .replace(/(?<![A-Za-z0-9])EAA[A-Za-z0-9]{16,}/g, "[redacted]")
    .replace(TOKEN, (t) => (isToken(t) ? "[redacted]" : t));
  return cap(visible(out), max, "start");
}

/** A declared resource for a message: its type and name (the URN's last part), its stack and its source, made visible and capped. */
export function shownResource(d: { resourceType: string; urn: string; stack: string; source: string }, ctx: SecretContext = {}): string {
  const parts = d.urn.split("::");
  const name = parts.length >= 4 ? parts.slice(3).join("::") : d.urn;
  return `${d.resourceType} ${shown(name, ctx)} of ${shown(d.stack, ctx)} (${shownPath(d.source, ctx)})`;
}
