/** At most this many names are listed in one message. */
export const LISTED = 20;

/**
 * `names` joined with commas for a message, the first `LISTED` of them and a count of the rest: a message's
 * length must not grow with the document (one per reference would make the diagnostics quadratic).
 */
export function listed(names: readonly string[], format: (name: string) => string = (name) => name, limit = LISTED): string {
  const shown = names.slice(0, limit).map(format).join(", ");
  return names.length <= limit ? shown : `${shown} and ${names.length - limit} more`;
}
