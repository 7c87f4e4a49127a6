/**
 * Numbers deliberately left unmanaged: matched by id or by phone number. Entries come from
 * `--ignore` and from an ignore file (one entry a line, `#` starts a comment).
 */
import { normalizePhoneNumber } from "../phoneNumber";
import { DriftInputError } from "./errors";
import { IGNORE_FILE, readInputFile } from "./readInputFile";
import { type SecretContext, looksLikeSecret, shown, shownPath } from "./shown";

export interface IgnoreEntry {
  /** As written, for messages. */
  text: string;
  kind: "id" | "number";
  /** Id as written, or E.164 "+digits". */
  value: string;
}

/**
 * "+…" or a run of digits/separators reads as a phone number; anything else is an id. An entry that
 * looks like a secret (the API key pasted into the wrong place) is refused without being echoed: it
 * would otherwise be quoted in the report's warnings.
 */
export function parseIgnoreEntry(text: string, where: string, ctx: SecretContext = {}): IgnoreEntry {
  const t = text.trim();
  if (t === "") throw new DriftInputError(`${where}: empty ignore entry`);
  if (looksLikeSecret(t, ctx)) {
    throw new DriftInputError(`${where}: an entry looks like a secret (not shown), not a number id or a phone number`);
  }
  if (/^\+|^[\d\s().-]+$/.test(t)) {
    const number = normalizePhoneNumber(t);
    if (number === undefined) {
      throw new DriftInputError(`${where}: ${shown(t, ctx)} is not a phone number in E.164 (+<country code><number>)`);
    }
    return { text: t, kind: "number", value: number };
  }
  if (/\s/.test(t)) throw new DriftInputError(`${where}: ${shown(t, ctx)} is neither a number id nor a phone number`);
  return { text: t, kind: "id", value: t };
}

/** One entry a line, `#` to the end of a line is a comment. Linear in the text: a list of 200,000 entries takes well under a second. */
export function parseIgnoreText(text: string, label: string, ctx: SecretContext = {}): IgnoreEntry[] {
  const out: IgnoreEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i]!.indexOf("#");
    const content = (hash === -1 ? lines[i]! : lines[i]!.slice(0, hash)).trim();
    if (content !== "") out.push(parseIgnoreEntry(content, `${label}:${i + 1}`, ctx));
  }
  return out;
}

export async function loadIgnoreFile(path: string, ctx: SecretContext = {}): Promise<IgnoreEntry[]> {
  const text = await readInputFile(path, IGNORE_FILE, ctx);
  return parseIgnoreText(text, shownPath(path, ctx), ctx);
}

export class IgnoreList {
  readonly entries: readonly IgnoreEntry[];
  /** Entries by id and by E.164 number: a lookup per number, whatever the size of the list. */
  readonly #byId = new Map<string, IgnoreEntry[]>();
  readonly #byNumber = new Map<string, IgnoreEntry[]>();

  constructor(entries: readonly IgnoreEntry[] = []) {
    this.entries = entries;
    for (const e of entries) {
      const index = e.kind === "id" ? this.#byId : this.#byNumber;
      const list = index.get(e.value);
      if (list) list.push(e);
      else index.set(e.value, [e]);
    }
  }

  static of(texts: readonly string[], ctx: SecretContext = {}): IgnoreList {
    return new IgnoreList(texts.map((t) => parseIgnoreEntry(t, "--ignore", ctx)));
  }

  /** The entries that match this number; `number` may be in any format the API uses. */
  matching(id: string, number: string | null): IgnoreEntry[] {
    const e164 = number === null ? undefined : normalizePhoneNumber(number);
    const byId = this.#byId.get(id) ?? [];
    const byNumber = e164 === undefined ? [] : (this.#byNumber.get(e164) ?? []);
    return byNumber.length === 0 ? byId : byId.concat(byNumber);
  }
}
