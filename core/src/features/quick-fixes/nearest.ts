import type { Suggestion } from "../../json";

export { nearest, type Suggestion } from "../../json";

/** `suggestions` with `first` (the rule's own suggestion) moved to the front, if it is among them. */
export function leading(suggestions: Suggestion[], first: string | undefined): Suggestion[] {
  const index = suggestions.findIndex((s) => s.name === first);
  return index <= 0 ? suggestions : [suggestions[index], ...suggestions.slice(0, index), ...suggestions.slice(index + 1)];
}

/** The best suggestion is the obvious fix when nothing else is as close. */
export function isObvious(suggestions: Suggestion[], index: number): boolean {
  return index === 0 && (suggestions.length === 1 || suggestions[0].distance < suggestions[1].distance);
}
