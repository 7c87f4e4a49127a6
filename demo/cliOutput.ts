/**
 * The Pulumi CLI's output as the demo prints it, without the engine warning that a bundled plugin came from PATH
 * ("warning: using pulumi-language-nodejs from $PATH at …"): in the offline environment the stand-in language host
 * and the SDK's dynamic-provider launcher always do (they are not installed beside the CLI), so that warning says
 * nothing about the demo and would be repeated in every command's output. Everything else is kept as printed.
 */

const AMBIENT_PLUGIN = / *warning: using pulumi-[a-z0-9-]+ from \$PATH at \S+(?: expected \S+)?/;
/** A row of the stack resource that carried only the warning: no operation, no status. */
const BARE_STACK_ROW = /^\s*pulumi:pulumi:Stack \S+(?: running)?$/;
/** A resource's heading in the Diagnostics section, e.g. "  pulumi:pulumi:Stack (pilotstatus-demo-demo):". */
const DIAGNOSTICS_HEADING = /^ {2}\S.* \(.*\):$/;

export function withoutAmbientPluginWarnings(text: string): string {
  const lines: string[] = [];
  let removed = false;
  for (const line of text.split("\n")) {
    if (!AMBIENT_PLUGIN.test(line)) {
      lines.push(line);
      continue;
    }
    removed = true;
    const rest = line.replace(AMBIENT_PLUGIN, "").trimEnd();
    if (rest.trim() === "" || BARE_STACK_ROW.test(rest) || lines.at(-1) === rest) continue;
    lines.push(rest);
  }
  if (!removed) return text;

  // Diagnostics headings left without messages go, and the section with them when none is left.
  const emptied = new Set<string>();
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    if (DIAGNOSTICS_HEADING.test(line) && !next.startsWith("    ")) {
      emptied.add(line.trim().replace(/ \(.*$/, ""));
      continue;
    }
    kept.push(line);
  }
  const out: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i] ?? "";
    if (line === "Diagnostics:" && (kept[i + 1] ?? "").trim() === "") {
      i++; // and its blank line
      continue;
    }
    // "created (2s) 2 warnings": the count was of the warnings just removed.
    const type = /^\s*(?:\S{1,2}\s+)?(\S+:\S+:\S+) /.exec(line)?.[1];
    out.push(type !== undefined && emptied.has(type) ? line.replace(/ +\d+ warnings?$/, "") : line);
  }
  return out.join("\n");
}
