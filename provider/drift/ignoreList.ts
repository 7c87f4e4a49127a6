/**
 * Numbers deliberately left unmanaged: matched by id or by phone number. Entries come from
 * `--ignore` and from an ignore file (one entry a line, `#` starts a comment).
 */
import { readFile } from "node:fs/promises";
import { normalizePhoneNumber } from "../phoneNumber";
import { DriftInputError } from "./errors";

export interface IgnoreEntry {
  /** As written, for messages. */
  text: string;
  kind: "id" | "number";
  /** Id as written, or E.164 "+digits". */
  value: string;
}

/** "+…" or a run of digits/separators reads as a phone number; anything else is an id. */
export function parseIgnoreEntry(text: string, where: string): IgnoreEntry {
  const t = text.trim();
  if (t === "") throw new DriftInputError(`${where}: empty ignore entry`);
  if (/^\+|^[\d\s().-]+$/.test(t)) {
    const number = normalizePhoneNumber(t);
    if (number === undefined) {
      throw new DriftInputError(`${where}: "${t}" is not a phone number in E.164 (+<country code><number>)`);
    }
    return { text: t, kind: "number", value: number };
  }
  if (/\s/.test(t)) throw new DriftInputError(`${where}: "${t}" is neither a number id nor a phone number`);
  return { text: t, kind: "id", value: t };
}

export function parseIgnoreText(text: string, label: string): IgnoreEntry[] {
  const out: IgnoreEntry[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, "").trim();
    if (content !== "") out.push(parseIgnoreEntry(content, `${label}:${i + 1}`));
  });
  return out;
}

export async function loadIgnoreFile(path: string): Promise<IgnoreEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DriftInputError(`cannot read ignore file ${path}: ${code === "ENOENT" ? "no such file" : code ?? (e as Error).message}`);
  }
  return parseIgnoreText(text, path);
}

export class IgnoreList {
  readonly entries: readonly IgnoreEntry[];

  constructor(entries: readonly IgnoreEntry[] = []) {
    this.entries = entries;
  }

  static of(texts: readonly string[]): IgnoreList {
    return new IgnoreList(texts.map((t) => parseIgnoreEntry(t, "--ignore")));
  }

  /** The entries that match this number; `number` may be in any format the API uses. */
  matching(id: string, number: string | null): IgnoreEntry[] {
    const e164 = number === null ? undefined : normalizePhoneNumber(number);
    return this.entries.filter(
      (e) => (e.kind === "id" && e.value === id) || (e.kind === "number" && e164 !== undefined && e.value === e164),
    );
  }
}
