import { addExpireAfter } from "./add-expire-after";
import { canonicalExpireAfter } from "./canonical-expire-after";
import { expireAfterFromWords } from "./expire-after-from-words";
import { expireAfterReadings } from "./expire-after-readings";
import type { QuickFix } from "./quick-fix";
import { removeCacheConfig } from "./remove-cache-config";
import { removePropertiesSegment } from "./remove-properties-segment";
import { renameUnknownMember } from "./rename-unknown-member";
import { replaceEnumValue } from "./replace-enum-value";
import { unknownName } from "./unknown-name";

export type { QuickFix, QuickFixContext } from "./quick-fix";

/** Every quick fix; each says which diagnostic codes it repairs. */
export const quickFixes: QuickFix[] = [
  removePropertiesSegment,
  unknownName,
  canonicalExpireAfter,
  addExpireAfter,
  expireAfterFromWords,
  expireAfterReadings,
  removeCacheConfig,
  renameUnknownMember,
  replaceEnumValue,
];

const byCode = new Map<string, QuickFix[]>();
for (const fix of quickFixes) for (const code of fix.codes) byCode.set(code, [...(byCode.get(code) ?? []), fix]);

export function quickFixesFor(code: string): QuickFix[] {
  return byCode.get(code) ?? [];
}
