/** The text of a `Get` string before the cursor, and where things are in the document. */
export interface GetText {
  /** Content of the string up to the cursor. */
  prefix: string;
  /** Content of the string after the cursor. */
  suffix: string;
  /** Document offset of the first content character. */
  contentStart: number;
}

/** Document offsets of the word at the cursor that starts at content index `from` (up to `.`, `[` or the end). */
export function wordRange(get: GetText, from: number): { start: number; end: number } {
  const after = /^[^.[\]'"]*/.exec(get.suffix)?.[0].length ?? 0;
  return { start: get.contentStart + from, end: get.contentStart + get.prefix.length + after };
}
