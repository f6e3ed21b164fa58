/** How places inside a step's definition are written: `HyperParameters.max_depth`, `ProcessingInputs[code].S3Input.S3Uri`. */

/** Members that name a list element, in the order they are looked for. */
const ELEMENT_NAME_MEMBERS = ["InputName", "ChannelName", "OutputName", "PropertyFileName", "MetricName", "VariantName", "Name", "Key"];

export function memberPath(base: string, key: string): string {
  if (/^[A-Za-z0-9_:-]+$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

export function elementPath(base: string, label: string | number): string {
  return `${base}[${label}]`;
}

/** The name an element goes by (`code` for `{"InputName": "code", …}`), if it has one. */
export function elementName(element: unknown): string | undefined {
  if (!isPlainObject(element)) return undefined;
  for (const member of ELEMENT_NAME_MEMBERS) {
    const value = element[member];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/** The element names of a list, when every element has one and no two share it; else undefined (use indexes). */
export function elementNames(list: unknown[]): string[] | undefined {
  const names = list.map(elementName);
  if (names.some((n) => n === undefined)) return undefined;
  return new Set(names).size === names.length ? (names as string[]) : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
