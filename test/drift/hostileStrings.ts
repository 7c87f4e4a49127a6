/** Account names (and state strings) a dashboard or a state file may hold: each one a bad input for the renderers. */

/** What a terminal must never receive raw (the table's own line breaks aside). */
export const RAW_UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Hostile names the account (or a state file) may hold; each is one bad input. */
export const HOSTILE = {
  clear: "Sales\u001b[2J\u001b[H",
  osc8: "Click \u001b]8;;http://evil.example\u0007here\u001b]8;;\u0007",
  title: "T\u001b]0;owned\u0007",
  csiC1: "C1 \u009b31m red",
  forgedLine: "Support\nDrift found: none.\nNo drift: the account matches the state.",
  carriage: "Fake\rNo drift: the account matches the state.",
  bidi: "abc\u202egnp.exe\u202c",
  isolate: "x\u2066hidden\u2069y",
  nul: "nul\u0000byte",
  del: "del\u007fchar",
  tab: "tab\there",
  lineSep: "line\u2028sep",
  zeroWidth: "\u200b\u200b\ufeff",
  loneSurrogate: "lone\ud800x",
  html: "<img src=x onerror=alert(1)><script>alert(1)</script> & co",
  link: "[click](https://evil.example) ![i](https://evil.example/i.png)",
  autolink: "https://evil.example www.evil.example",
  pipes: "a | b || c",
  backticks: "``code`` `x",
  backslashPipe: "tail\\|\\",
  emphasis: "**bold** _it_ ~~gone~~",
  entity: "&lt;b&gt; &#60;",
} as const;

export const NICE = ["São Paulo", "Loja 🇧🇷 24h", "Suporte 👩‍💻", "Ünïcödé – 東京"];

/** Cells of a Markdown table row: split on the pipes no backslash escapes, as GFM's table parser does. */
export function markdownCells(row: string): string[] {
  const cells: string[] = [];
  let cur = "";
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === "\\" && i + 1 < row.length) {
      cur += c + row[i + 1]!;
      i++;
    } else if (c === "|") {
      cells.push(cur);
      cur = "";
    } else cur += c;
  }
  cells.push(cur);
  return cells.slice(1, -1);
}

/**
 * The rows of the Markdown tables in `lines` (a table is a run of lines starting with `|`); each row's cell count
 * must be its table's header's, or a value added a cell. Returns how many table rows there are.
 */
export function tableRowsKeepTheirCells(
  lines: readonly string[],
  expectCells: (cells: number, header: number, line: string) => void,
): number {
  let header: number | undefined;
  let rows = 0;
  for (const line of lines) {
    if (!line.startsWith("|")) {
      header = undefined;
      continue;
    }
    const n = markdownCells(line).length;
    if (header === undefined) header = n;
    else expectCells(n, header, line);
    rows++;
  }
  return rows;
}
