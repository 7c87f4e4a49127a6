/** The demo's printed narrative: numbered headings, indented blocks, and no secret ever printed. */

const SECRET = "[secret]";

/** Shapes of secrets that may appear in text we did not write (CLI output, errors). */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bps_[A-Za-z0-9_]{6,}/g, // API keys
  /\b[A-Z]{4}-[A-Z]{4}\b/g, // pairing codes
  /data:image\/png;base64,[A-Za-z0-9+/=]+/g, // QR codes
];

export class Narrator {
  private readonly secrets = new Set<string>();
  private step = 0;

  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  /** Values that must never be printed, whatever their shape. */
  addSecret(value: string | null | undefined): void {
    if (value) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(SECRET);
    for (const p of SECRET_PATTERNS) out = out.replace(p, SECRET);
    return out;
  }

  heading(title: string): void {
    this.step += 1;
    const line = `${this.step}. ${title}`;
    this.write(`\n${line}\n${"=".repeat(line.length)}\n`);
  }

  say(text: string): void {
    this.write(`${this.redact(text)}\n`);
  }

  /** Indented, e.g. a CLI's output or a table. */
  block(text: string): void {
    const lines = this.redact(text).replace(/\s+$/, "").split("\n");
    this.write(`${lines.map((l) => (l === "" ? "" : `    ${l}`)).join("\n")}\n`);
  }

  /** Stack outputs, with the secret ones shown as [secret]. */
  outputs(values: Record<string, unknown>, secretKeys: readonly string[]): void {
    const lines = Object.keys(values)
      .sort()
      .map((k) => `${k}: ${secretKeys.includes(k) ? SECRET : JSON.stringify(values[k])}`);
    this.block(lines.join("\n"));
  }
}

/** `text` on lines of at most `width` characters, broken at spaces (a longer word keeps its own line). */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
