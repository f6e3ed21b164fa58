import type { Json } from "./arguments";

/** `AlgorithmSpecification.MetricDefinitions` applied to the job's log: the last match of each metric is its final value. */

export interface MetricData {
  MetricName: string;
  Value: number;
  /** Epoch seconds, as the JSON protocol renders timestamps. */
  Timestamp: number;
}

/** Python regex syntax the service accepts, in JavaScript terms: named groups `(?P<n>…)` and `(?P=n)`. */
export function toJavaScriptRegex(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>"));
}

export class MetricCollector {
  private readonly definitions: { name: string; regex: RegExp }[] = [];
  private readonly last = new Map<string, MetricData>();

  constructor(
    definitions: Json[],
    log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    for (const definition of definitions) {
      const name = definition.Name;
      const regex = definition.Regex;
      if (typeof name !== "string" || typeof regex !== "string") continue;
      try {
        this.definitions.push({ name, regex: toJavaScriptRegex(regex) });
      } catch (error) {
        log(`Metric ${name}: its Regex cannot be used locally (${(error as Error).message}); the metric is not collected.`);
      }
    }
  }

  readonly onLine = (line: string): void => {
    for (const { name, regex } of this.definitions) {
      const match = regex.exec(line);
      if (!match) continue;
      const value = Number.parseFloat(match[1] ?? match[0]);
      if (Number.isFinite(value)) this.last.set(name, { MetricName: name, Value: value, Timestamp: Math.floor(this.now() / 1000) });
    }
  };

  get enabled(): boolean {
    return this.definitions.length > 0;
  }

  /** The final value of each metric that matched, in definition order. */
  finalMetrics(): MetricData[] {
    return this.definitions.flatMap(({ name }) => {
      const data = this.last.get(name);
      return data ? [data] : [];
    });
  }
}
