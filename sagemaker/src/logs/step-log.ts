import type { PipelineExecutionStep } from "@aws-sdk/client-sagemaker";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { executionIdOf } from "../../../core/src";
import type { Connection } from "../connection";
import { CloudWatchStreamReader, jobStreams, logsClientFor } from "./cloudwatch-reader";
import { explainLogError } from "./log-errors";
import { stepLogSources } from "./log-sources";
import { LocalStreamReader, NoLocalLog } from "./local-reader";
import type { LogLine, StreamReader } from "./stream-reader";

export interface StepLogLimits {
  /** Lines (events) asked per page. */
  pageLines: number;
  /** Lines one section keeps at most: following a long log lets go of its oldest lines. */
  maxLines: number;
}
export const DEFAULT_LOG_LIMITS: StepLogLimits = { pageLines: 1000, maxLines: 20_000 };

/** What one stream shows. */
export interface LogSectionView {
  title: string;
  lines: readonly string[];
  /** Lines before these can be read (Load Earlier). */
  earlier: boolean;
  /** Lines let go of because the section keeps `maxLines` at most. */
  dropped: number;
  /** Nothing was read: "no log yet". */
  empty: boolean;
}

interface Section {
  key: string;
  title: string;
  reader: StreamReader;
  lines: LogLine[];
  dropped: number;
  read: boolean;
}

interface Discovered {
  streams: Array<{ key: string; title: string; reader: StreamReader }>;
  notes: string[];
}

/**
 * The log of one step as it grows: its streams found (again at each refresh: a job's instances add streams), each read
 * from its end, earlier pages on demand and new lines at each refresh, within `maxLines` per stream. An error is kept
 * as a message for the view (the last one; a refresh that works clears it).
 */
export class StepLogFeed {
  private readonly sections: Section[] = [];
  private notes: string[] = [];
  error?: string;

  constructor(
    private readonly discover: () => Promise<Discovered>,
    private readonly explain: (error: unknown, operation: string) => string,
    private readonly limits: StepLogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  /** Finds streams, reads the tail of new ones and what the known ones gained. True when something changed. */
  async refresh(): Promise<boolean> {
    let changed = false;
    let operation = "DescribeLogStreams";
    try {
      const found = await this.discover();
      changed = found.notes.join("\n") !== this.notes.join("\n");
      this.notes = found.notes;
      for (const stream of found.streams)
        if (!this.sections.some((s) => s.key === stream.key)) this.sections.push({ ...stream, lines: [], dropped: 0, read: false });
      operation = "GetLogEvents";
      for (const section of this.sections) changed = (await this.advance(section)) || changed;
      changed = changed || this.error !== undefined;
      this.error = undefined;
    } catch (error) {
      const message = error instanceof NoLocalLog ? undefined : this.explain(error, operation);
      changed = changed || message !== this.error;
      this.error = message;
    }
    return changed;
  }

  /** Reads a page before the first line of each stream that has one (within the limit). True when lines were added. */
  async loadEarlier(): Promise<boolean> {
    let added = false;
    try {
      for (const section of this.sections) {
        if (!section.read || !section.reader.hasEarlier()) continue;
        const room = this.limits.maxLines - section.lines.length;
        if (room <= 0) continue;
        const lines = await section.reader.earlier(Math.min(this.limits.pageLines, room));
        section.lines = [...lines, ...section.lines];
        added = added || lines.length > 0;
      }
    } catch (error) {
      this.error = this.explain(error, "GetLogEvents");
      return true;
    }
    return added;
  }

  view(): { sections: LogSectionView[]; notes: readonly string[]; error?: string; earlier: boolean } {
    const sections = this.sections.map((s) => ({
      title: s.title,
      lines: s.lines.map((l) => l.text),
      earlier: s.read && s.reader.hasEarlier() && s.lines.length < this.limits.maxLines,
      dropped: s.dropped,
      empty: s.lines.length === 0,
    }));
    return { sections, notes: this.notes, error: this.error, earlier: sections.some((s) => s.earlier) };
  }

  private async advance(section: Section): Promise<boolean> {
    if (!section.read) {
      section.lines = await section.reader.tail(this.limits.pageLines);
      section.read = true;
      return true;
    }
    const { lines, replacesLast } = await section.reader.newer();
    if (lines.length === 0) return false;
    if (replacesLast) section.lines.pop();
    section.lines.push(...lines);
    const over = section.lines.length - this.limits.maxLines;
    if (over > 0) {
      section.lines.splice(0, over);
      section.dropped += over;
      section.reader.forgetBefore(section.lines[0]);
    }
    return true;
  }
}

export interface StepLogOptions {
  /** CloudWatch Logs' endpoint (tests, private endpoints); the region's by default. */
  logsEndpoint?: string;
  limits?: StepLogLimits;
  /** The SDK's attempts per CloudWatch call (its retries on throttling). */
  maxAttempts?: number;
}

/**
 * The feed of a step's log: on the local engine, the engine's log of the step; on AWS, the CloudWatch streams of the
 * step's jobs (see stepLogSources). `dispose` closes the CloudWatch client.
 */
export async function openStepLog(
  connection: Connection,
  executionArn: string,
  /** The step as last listed: its metadata names its jobs once they start. */
  step: () => PipelineExecutionStep,
  options: StepLogOptions = {},
): Promise<{ feed: StepLogFeed; dispose: () => void }> {
  if (connection.target === "local") {
    const reader = new LocalStreamReader(connection, executionIdOf(executionArn), step().StepName ?? "");
    const discover = async (): Promise<Discovered> => ({ streams: [{ key: "local", title: "Local engine", reader }], notes: [] });
    return { feed: new StepLogFeed(discover, (e, op) => explainLogError(e, op, connection), options.limits), dispose: () => undefined };
  }
  let client: CloudWatchLogsClient | undefined;
  const readers = new Map<string, CloudWatchStreamReader>();
  const discover = async (): Promise<Discovered> => {
    const sources = await stepLogSources(connection.client, step());
    client ??= await logsClientFor(connection, options.logsEndpoint, options.maxAttempts);
    const streams: Discovered["streams"] = [];
    const notes = [...sources.notes];
    for (const job of sources.jobs) {
      const names = await jobStreams(client, job.logGroup, job.streamPrefix).catch((error: { name?: string }) => {
        if (error?.name === "ResourceNotFoundException") return [];
        throw error;
      });
      if (names.length === 0) notes.push(`${job.title}: no log yet (no stream ${job.streamPrefix}… in ${job.logGroup}).`);
      for (const name of names) {
        const key = `${job.logGroup}\n${name}`;
        if (!readers.has(key)) readers.set(key, new CloudWatchStreamReader(client, job.logGroup, name));
        streams.push({ key, title: `${job.title} · ${job.logGroup} ${name}`, reader: readers.get(key)! });
      }
    }
    return { streams, notes };
  };
  const feed = new StepLogFeed(discover, (e, op) => explainLogError(e, op, connection), options.limits);
  return { feed, dispose: () => client?.destroy() };
}
