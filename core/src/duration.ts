/**
 * ExpireAfter durations as the service takes them: ISO 8601 durations, leniently spelled
 * (optional or lower-case `P`, lower-case units, no `P` before `T`: `30d`, `T16m`, `30dT5h`, `p30d`).
 * `M` before `T` is months, after `T` minutes.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const PATTERN = new RegExp(
  String.raw`^P?(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  "i",
);

export function parseDuration(text: string): Duration | undefined {
  const match = PATTERN.exec(text.trim() === text ? text : "\0");
  if (!match) return undefined;
  const parts = match.slice(1).map((v) => (v === undefined ? undefined : Number(v.replace(",", "."))));
  if (parts.every((v) => v === undefined)) return undefined;
  // "T" with no time component after it ("P1DT") is not a duration.
  if (/T$/i.test(text)) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = parts.map((v) => v ?? 0);
  return { years, months, weeks, days, hours, minutes, seconds };
}

export function canonicalDuration(d: Duration): string {
  const date = unit(d.years, "Y") + unit(d.months, "M") + unit(d.weeks, "W") + unit(d.days, "D");
  const time = unit(d.hours, "H") + unit(d.minutes, "M") + unit(d.seconds, "S");
  if (!date && !time) return "PT0S";
  return `P${date}${time ? `T${time}` : ""}`;
}

const WORDS: Array<[keyof Duration, string]> = [
  ["years", "year"],
  ["months", "month"],
  ["weeks", "week"],
  ["days", "day"],
  ["hours", "hour"],
  ["minutes", "minute"],
  ["seconds", "second"],
];

/** `30 days and 5 hours`. */
export function durationInWords(d: Duration): string {
  const parts = WORDS.filter(([key]) => d[key] !== 0).map(([key, word]) => `${d[key]} ${word}${d[key] === 1 ? "" : "s"}`);
  if (parts.length === 0) return "0 seconds";
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Approximate length in milliseconds (a month is 30 days, a year 365 days). */
export function durationMilliseconds(d: Duration): number {
  const days = d.years * 365 + d.months * 30 + d.weeks * 7 + d.days;
  return (((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

function unit(value: number, letter: string): string {
  return value ? `${value}${letter}` : "";
}
