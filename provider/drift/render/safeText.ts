/**
 * Strings from the account (names, states, providers) and from state files (URNs, stack and file names)
 * are not ours to print raw: an escape sequence clears the screen or plants a link, a newline or a
 * carriage return forges a report line, a bidi override reorders what is read. The table shows such
 * characters visibly (`\u001b`, `\n`); Markdown escapes HTML and everything that would open a link, a
 * code span, a new cell or a new row; JSON escapes them too (JSON.parse gives the exact value back).
 * Letters, marks, symbols and emoji (ZWJ sequences, flags) pass unchanged.
 */
import stringWidth from "string-width";

/**
 * C0/C1 controls and DEL, lone surrogates, line and paragraph separators, and format characters
 * (bidi embeddings, overrides, isolates and marks, zero-width spaces, the BOM, ...), except the
 * joiners and tag characters that emoji sequences are made of.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the joiners are listed one by one on purpose (kept, not matched).
const UNSAFE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]|(?![\u200c\u200d\u{e0020}-\u{e007f}])\p{Cf}/gu;
/** The same minus C0 controls and lone surrogates, which JSON.stringify escapes already (and the C0 set holds its own line breaks). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: as above.
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Zl}\p{Zp}]|(?![\u200c\u200d\u{e0020}-\u{e007f}])\p{Cf}/gu;

const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function unicodeEscape(ch: string): string {
  let out = "";
  // UTF-16 units, as JSON and JavaScript write them: \u202e, \ud800, \udb40\udc01.
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/** For a terminal: every unsafe character as a visible escape (`\n`, `\u001b`, `\u202e`). */
export function visible(text: string): string {
  return text.replace(UNSAFE, (ch) => SHORT[ch] ?? unicodeEscape(ch));
}

/** `JSON.stringify(value, null, 2)`, with DEL, C1 and format characters escaped as well: same value, safe bytes. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, unicodeEscape)}\n`;
}

/**
 * Markdown (GFM) text: visible() first, then every character that could start markup escaped, so the
 * value renders as the same characters and nothing else. `<`, `>`, `&` become entities (no raw HTML, no
 * `<url>` autolink); backslash, backtick, `*`, `_`, `~`, `[`, `]` and `|` are backslash-escaped (no code
 * span, emphasis, link or image, no new table cell); `://` and `www.` are broken with an entity so GFM's
 * autolinker sees no URL (it reads the source). Newlines are already `\n` text, so no row can be added.
 * An e-mail-like value may still be linked as mailto: by renderers that autolink addresses after parsing.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*_~[\]|]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/:(?=\/\/)/g, "&#58;")
    .replace(/(www)\./gi, "$1&#46;");
}

/** An id or resource name as a code span when it is plain; anything else as escaped text. */
export function markdownCode(text: string): string {
  if (text === "") return "";
  return /^[A-Za-z0-9_.:/+@=-]+$/.test(text) ? `\`${text}\`` : markdownText(text);
}

/** markdownText for the start of a line (a list item's text): no heading, list, quote or code block either. */
export function markdownLine(text: string): string {
  return markdownText(text)
    .replace(/^[ \t]+/, (s) => "&#32;".repeat(s.length))
    .replace(/^[#+=-]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * Columns a terminal gives the text, by string-width (graphemes, East Asian Width, emoji sequences,
 * zero-width marks). Give it visible() text, which is what the terminal gets: no ESC or CSI is left for
 * its ANSI stripping to hide. East Asian Ambiguous characters (`–`, `é`) take one column, as non-CJK
 * terminals show them (string-width's default, spelled out).
 */
export function displayWidth(text: string): number {
  return stringWidth(text, { ambiguousIsNarrow: true });
}

/** padEnd by display width. */
export function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
