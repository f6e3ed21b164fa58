import table from "../../schemas/step-properties.json";
import { closest } from "./json";
import type { PathSegment } from "./references";

/** Step properties readable through `{"Get": "Steps.X.<path>"}`: the Describe* shapes of each step type. */
interface MemberEntry {
  shape: string;
  doc?: string;
}
interface ShapeEntry {
  type: string;
  members?: Record<string, MemberEntry>;
  member?: string;
  keyField?: string;
  value?: string;
  enum?: string[];
}
interface PropertyTable {
  roots: Record<string, string | string[]>;
  extraMembers: Record<string, Record<string, MemberEntry>>;
  shapes: Record<string, ShapeEntry>;
}

const properties = table as unknown as PropertyTable;

export type PathCheck =
  { ok: true; shape: string | undefined; doc?: string } | { ok: false; segment: number; message: string; options: string[]; suggestion?: string };

/** Members at the top of a step type's properties, or undefined when the type has no known properties. */
export function rootMembers(stepType: string): Record<string, MemberEntry> | undefined {
  const roots = properties.roots[stepType];
  const extra = properties.extraMembers[stepType];
  if (roots === undefined && extra === undefined) return undefined;
  const members: Record<string, MemberEntry> = {};
  for (const root of roots === undefined ? [] : Array.isArray(roots) ? roots : [roots]) {
    Object.assign(members, properties.shapes[root]?.members ?? {});
  }
  return Object.assign(members, extra ?? {});
}

export function shapeEntry(name: string | undefined): ShapeEntry | undefined {
  return name === undefined ? undefined : properties.shapes[name];
}

/**
 * Walks a property path through the shapes. Returns undefined when the step type's properties are
 * unknown (nothing can be said), otherwise whether and where the path breaks.
 */
export function checkPropertyPath(stepType: string, path: PathSegment[]): PathCheck | undefined {
  const top = rootMembers(stepType);
  if (!top) return undefined;
  if (path.length === 0) {
    return {
      ok: false,
      segment: -1,
      message: `Name a property of the ${stepType} step, e.g. Steps.<name>.${Object.keys(top)[0] ?? "…"}.`,
      options: Object.keys(top),
    };
  }
  let current: ShapeEntry | undefined = { type: "structure", members: top };
  let label = `${stepType} step`;
  let doc: string | undefined;
  let shapeName: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (!current || current.type === "object") return { ok: true, shape: undefined }; // free-form below here
    if (segment.kind === "member") {
      if (current.type !== "structure") return mismatch(i, `'${segment.name}'`, label, current);
      const member: MemberEntry | undefined = current.members?.[segment.name];
      if (!member) {
        const options = Object.keys(current.members ?? {});
        const suggestion = closest(segment.name, options);
        return {
          ok: false,
          segment: i,
          message: `'${segment.name}' is not a property of ${label}.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
          options,
          suggestion,
        };
      }
      shapeName = member.shape;
      doc = member.doc;
      label = `${segment.name}`;
    } else if (segment.kind === "index") {
      if (current.type !== "list") return mismatch(i, `[${segment.index}]`, label, current);
      shapeName = current.member;
      label = `${label}[${segment.index}]`;
    } else if (segment.kind === "key") {
      if (current.type === "list") shapeName = current.member;
      else if (current.type === "map") shapeName = current.value;
      else return mismatch(i, `['${segment.key}']`, label, current);
      label = `${label}['${segment.key}']`;
    } else {
      return { ok: false, segment: i, message: `'${segment.text}' is not a valid path segment.`, options: [] };
    }
    current = properties.shapes[shapeName!];
  }
  return { ok: true, shape: shapeName, doc };
}

function mismatch(segment: number, written: string, label: string, shape: ShapeEntry): PathCheck {
  const what =
    shape.type === "structure"
      ? "an object: use .Member"
      : shape.type === "list"
        ? "a list: use [index] or ['name']"
        : shape.type === "map"
          ? "a map: use ['key']"
          : `a ${shape.type}, which has no properties`;
  return { ok: false, segment, message: `${written} cannot follow ${label}: it is ${what}.`, options: Object.keys(shape.members ?? {}) };
}
