/**
 * What the CLI may send to a terminal beyond plain text. Nothing is coloured today; whatever colours
 * later asks `colour`. Cursor control (the progress line redrawn in place) asks `cursor`.
 *
 * - not a terminal: plain text only.
 * - `TERM=dumb`: a terminal that cannot move the cursor or colour: plain lines, as in a CI log.
 * - `NO_COLOR` set to anything non-empty (https://no-color.org): no colour; cursor control stays.
 */
export interface TerminalCaps {
  colour: boolean;
  cursor: boolean;
}

export function terminalCaps(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): TerminalCaps {
  const dumb = (env.TERM ?? "").trim().toLowerCase() === "dumb";
  const cursor = isTTY === true && !dumb;
  return { cursor, colour: cursor && !env.NO_COLOR };
}
