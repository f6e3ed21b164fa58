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

/** Unit words and abbreviations people write (`12 hrs`, `30m`, `2 weeks`); `m` alone is minutes. */
const UNIT_WORDS = new Map<string, keyof Duration>();
for (const [key, words] of [
  ["years", ["y", "yr", "yrs", "year", "years"]],
  ["months", ["mo", "mos", "mon", "mons", "mth", "mths", "month", "months"]],
  ["weeks", ["w", "wk", "wks", "week", "weeks"]],
  ["days", ["d", "day", "days"]],
  ["hours", ["h", "hr", "hrs", "hour", "hours"]],
  ["minutes", ["m", "min", "mins", "minute", "minutes"]],
  ["seconds", ["s", "sec", "secs", "second", "seconds"]],
] as Array<[keyof Duration, string[]]>) {
  for (const word of words) UNIT_WORDS.set(word, key);
}

/** One `<amount> <unit>` part: a number (or `a`, `an`, `one` followed by a space) then a unit word. */
const WORD_PART = /^(?:(\d+(?:[.,]\d+)?)\s*|(a|an|one)\s+)([a-z]+)/;
/** Between parts: spaces, a comma, `and` or `+` (or nothing: `1h30m`). */
const WORD_SEPARATOR = /^\s*(?:,\s*)?(?:(?:and\b|\+)\s*)?/;

/**
 * A duration written in words or with unit abbreviations, as people type it into ExpireAfter:
 * `1 hour`, `30 days`, `2 weeks`, `30 days and 5 hours`, `90 minutes`, `1h`, `30m`, `12 hrs`, `1h30m`.
 * Case-insensitive; each unit at most once, in any order; a zero total is not a duration.
 * Returns undefined for anything else (ISO spellings are parseDuration's).
 */
export function parseDurationInWords(text: string): Duration | undefined {
  let rest = text.trim().toLowerCase();
  if (!rest) return undefined;
  const duration: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const seen = new Set<keyof Duration>();
  while (rest) {
    const part = WORD_PART.exec(rest);
    if (!part) return undefined;
    const key = UNIT_WORDS.get(part[3]);
    if (!key || seen.has(key)) return undefined;
    seen.add(key);
    duration[key] = part[1] !== undefined ? Number(part[1].replace(",", ".")) : 1;
    rest = rest.slice(part[0].length);
    if (!rest) break;
    rest = rest.slice(WORD_SEPARATOR.exec(rest)![0].length);
    if (!rest) return undefined; // a trailing "and" or comma
  }
  if (Object.values(duration).every((v) => v === 0)) return undefined;
  return duration;
}
