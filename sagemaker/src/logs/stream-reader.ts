/** One line of a log: its text, and where it is, for reading what comes before it. */
export interface LogLine {
  text: string;
  /** CloudWatch: the event's time (ms). */
  timestamp?: number;
  /** A local log: the line's byte offset in the file. */
  at?: number;
}

/** Reads one log (a CloudWatch stream, a local step's file) from its end, backwards on demand and forwards as it grows. */
export interface StreamReader {
  /** The last lines (about `limit`). */
  tail(limit: number): Promise<LogLine[]>;
  /** The lines before the first one read so far (about `limit`); none at the start of the log. */
  earlier(limit: number): Promise<LogLine[]>;
  hasEarlier(): boolean;
  /** The lines written since the last read; `replacesLast` when the last line read was unfinished and comes again, whole. */
  newer(): Promise<{ lines: LogLine[]; replacesLast?: boolean }>;
  /** The window let go of the lines before `first`: reading earlier starts from it. */
  forgetBefore(first: LogLine): void;
}

/** A log event's message as lines (one event may hold several; its final newline is not a line). */
export function messageLines(message: string, timestamp?: number): LogLine[] {
  const text = message.endsWith("\n") ? message.slice(0, message.endsWith("\r\n") ? -2 : -1) : message;
  return text.split(/\r?\n/).map((line) => ({ text: line, timestamp }));
}
