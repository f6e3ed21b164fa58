import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand, type OutputLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { connectionHandler, type Connection } from "../connection";
import { messageLines, type LogLine, type StreamReader } from "./stream-reader";

/** Pages of new events read per poll at most: a poll never reads without end. */
const MAX_FORWARD_PAGES = 5;
const MAX_STREAM_PAGES = 5;

/**
 * A CloudWatch Logs client with the SageMaker client's own credentials and region (the same provider: a profile, SSO,
 * or the default chain), and its timeouts. `endpoint` is for tests and private endpoints.
 */
export async function logsClientFor(connection: Connection, endpoint?: string, maxAttempts?: number): Promise<CloudWatchLogsClient> {
  const config = connection.client.config;
  return new CloudWatchLogsClient({
    ...connectionHandler(),
    region: await config.region(),
    credentials: config.credentials,
    ...(endpoint ? { endpoint } : {}),
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

/** The job's streams (`<job name>/…`), by name (algo-1 before algo-2). */
export async function jobStreams(client: CloudWatchLogsClient, logGroupName: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_STREAM_PAGES; page++) {
    const answer = await client.send(new DescribeLogStreamsCommand({ logGroupName, logStreamNamePrefix: prefix, nextToken }));
    for (const stream of answer.logStreams ?? []) if (stream.logStreamName) names.push(stream.logStreamName);
    if (!answer.nextToken || answer.nextToken === nextToken) break;
    nextToken = answer.nextToken;
  }
  return names.sort();
}

/**
 * One stream through GetLogEvents: the tail first (startFromHead false), earlier pages with the backward token (the
 * service returns the token it was given at the start of the stream), newer ones with the forward token (the same at
 * the end). After the window dropped its first lines, earlier lines are asked by time (`endTime`, exclusive: lines of
 * the same millisecond as the first kept one are not read again).
 */
export class CloudWatchStreamReader implements StreamReader {
  private backward?: string;
  private forward?: string;
  private more = true;
  private before?: number;

  constructor(
    private readonly client: CloudWatchLogsClient,
    readonly logGroupName: string,
    readonly logStreamName: string,
  ) {}

  async tail(limit: number): Promise<LogLine[]> {
    const answer = await this.get({ startFromHead: false, limit });
    this.backward = answer.nextBackwardToken;
    this.forward = answer.nextForwardToken;
    this.more = (answer.events?.length ?? 0) > 0;
    return lines(answer.events);
  }

  async earlier(limit: number): Promise<LogLine[]> {
    if (!this.more) return [];
    const sent = this.before === undefined ? this.backward : undefined;
    const answer = await this.get(sent ? { nextToken: sent, startFromHead: false, limit } : { endTime: this.before, startFromHead: false, limit });
    this.before = undefined;
    this.backward = answer.nextBackwardToken;
    const events = answer.events ?? [];
    if (events.length === 0 || (sent !== undefined && answer.nextBackwardToken === sent)) this.more = false;
    return lines(events);
  }

  hasEarlier(): boolean {
    return this.more;
  }

  async newer(): Promise<{ lines: LogLine[] }> {
    const read: LogLine[] = [];
    for (let page = 0; page < MAX_FORWARD_PAGES && this.forward; page++) {
      const sent = this.forward;
      const answer = await this.get({ nextToken: sent, startFromHead: true });
      read.push(...lines(answer.events));
      this.forward = answer.nextForwardToken ?? sent;
      if (this.forward === sent || (answer.events?.length ?? 0) === 0) break;
    }
    return { lines: read };
  }

  forgetBefore(first: LogLine): void {
    this.before = first.timestamp;
    this.more = first.timestamp !== undefined;
  }

  private get(input: { nextToken?: string; startFromHead: boolean; limit?: number; endTime?: number }) {
    return this.client.send(new GetLogEventsCommand({ logGroupName: this.logGroupName, logStreamName: this.logStreamName, ...input }));
  }
}

const lines = (events: OutputLogEvent[] | undefined): LogLine[] => (events ?? []).flatMap((e) => messageLines(e.message ?? "", e.timestamp));
