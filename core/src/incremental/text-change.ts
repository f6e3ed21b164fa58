/** One changed region between two versions of a text: `[start, end)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  end: number;
  newEnd: number;
}

/** The region between the texts' common prefix and common suffix (O(text), for when the editor's edits are not known). */
export function changedRegion(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const beforeLast = before.length - 1;
  const afterLast = after.length - 1;
  while (suffix < max - start && before.charCodeAt(beforeLast - suffix) === after.charCodeAt(afterLast - suffix)) suffix++;
  return { start, end: before.length - suffix, newEnd: after.length - suffix };
}

/**
 * The region covering `change` made after `covering` (both as above; `change` in the coordinates of the text that
 * `covering` produced): several edits of one version become one region of the previous version.
 */
export function composeChanges(covering: TextChange | undefined, change: TextChange): TextChange {
  if (!covering) return change;
  const start = Math.min(covering.start, change.start);
  // Past the covering region the texts are the same, shifted by its growth.
  const beyond = Math.max(0, change.end - covering.newEnd);
  const end = covering.end + beyond;
  const newEndBefore = Math.max(covering.newEnd, change.end);
  const newEnd = newEndBefore + (change.newEnd - change.end);
  return { start, end, newEnd };
}
