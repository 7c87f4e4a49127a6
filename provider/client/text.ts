/**
 * Text that reaches a message or a terminal: find the characters that can forge lines, reorder or hide text, and
 * quote a value safely (escaped, length-capped). Names are validated with these rules, and every value the
 * provider echoes in a message goes through `quote` or is not echoed at all.
 */

/** The most characters of a value any message echoes. */
export const MAX_ECHO = 40;

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** What is unsafe about one code point, or undefined. Surrogates arrive here only when lone. */
function unsafeKind(cp: number): string | undefined {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control character";
  if (cp === 0x2028) return "line separator";
  if (cp === 0x2029) return "paragraph separator";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return "bidirectional control character";
  if (cp >= 0xd800 && cp <= 0xdfff) return "lone surrogate";
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return "noncharacter";
  return undefined;
}

/** Default-ignorable code points (zero-width, joiners, fillers, tags, variation selectors) and blanks that draw nothing. */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\u2800]$/u;

export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char);
}

/** The code points of `text`, a lone surrogate kept as one. */
export function codePoints(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) out.push(ch); // string iteration yields lone surrogates on their own
  return out;
}

/**
 * The first character that can forge or hide text (C0/C1 controls incl. tab, newline and NUL; DEL; line and
 * paragraph separators; bidi embeddings, overrides and isolates; lone surrogates; noncharacters), as
 * "a control character (U+000A) at position 5" (positions count characters from 1), or undefined.
 */
export function unsafeCharacter(text: string): string | undefined {
  return findCharacter(text, (ch) => unsafeKind(ch.codePointAt(0)!));
}

/** Like unsafeCharacter, for any test; "(and N more)" counts the other characters the test flags. */
export function findCharacter(text: string, kindOf: (ch: string) => string | undefined): string | undefined {
  let first: string | undefined;
  let more = 0;
  codePoints(text).forEach((ch, i) => {
    const kind = kindOf(ch);
    if (kind === undefined) return;
    if (first === undefined)
      first = `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} (${codePointLabel(ch.codePointAt(0)!)}) at position ${i + 1}`;
    else more += 1;
  });
  return first === undefined ? undefined : more > 0 ? `${first} (and ${more} more)` : first;
}

/** When `text` is made only of invisible characters: those characters, e.g. "U+200B, U+200D"; otherwise undefined. */
export function onlyInvisible(text: string): string | undefined {
  const chars = codePoints(text);
  if (chars.length === 0 || !chars.every((ch) => isInvisible(ch) || /^\s$/u.test(ch))) return undefined;
  const labels = [...new Set(chars.filter(isInvisible).map((ch) => codePointLabel(ch.codePointAt(0)!)))];
  if (labels.length === 0) return undefined;
  return labels.length > 4 ? `${labels.slice(0, 4).join(", ")}, …` : labels.join(", ");
}

/**
 * `text` for a message: in double quotes, with quotes and backslashes escaped, anything unsafe or invisible
 * written as \u{…}, and at most `max` characters (then "…").
 */
export function quote(text: string, max = MAX_ECHO): string {
  return `"${escapeText(text, max, true)}"`;
}

/**
 * `text` made safe to print: anything unsafe or invisible written as \u{…}, at most `max` characters (then "…");
 * with `quotes`, double quotes and backslashes escaped too. For text from elsewhere (the API's error messages).
 */
export function escapeText(text: string, max: number, quotes = false): string {
  const chars = codePoints(text);
  const shown = chars.slice(0, max).map((ch) => {
    if (quotes && (ch === '"' || ch === "\\")) return `\\${ch}`;
    const cp = ch.codePointAt(0)!;
    return unsafeKind(cp) !== undefined || isInvisible(ch) ? `\\u{${cp.toString(16).toUpperCase()}}` : ch;
  });
  return `${shown.join("")}${chars.length > max ? "…" : ""}`;
}

/**
 * A value that may have been put in the wrong place (a secret pasted into a setting): quoted only when it is
 * short and made of the characters `plain` allows, so clearly not a secret; otherwise undefined.
 */
export function echoIfPlain(text: string, plain: RegExp, max = MAX_ECHO): string | undefined {
  return text.length <= max && plain.test(text) ? quote(text, max) : undefined;
}

/** "1 character", "7 characters". */
export function characters(n: number): string {
  return `${n} character${n === 1 ? "" : "s"}`;
}

/** A Pilot Status API key's public prefix: a value starting with it is a key in the wrong place. */
export function looksLikeApiKey(text: string): boolean {
  return /^\s*ps_/.test(text);
}
