import type { Node } from "../json";

/** The parts of a step's interface a rule across steps can read, besides its shape (`Rule.acrossSteps`). */
export type StepFacet = "names" | "outputs" | "references" | "dependsOn";

/** A step's interface: its shape, and the text of each facet's values in document order. */
export type StepInterface = Record<"shape" | StepFacet, string>;

/** Members whose whole value belongs to a facet. */
const FACET_OF_MEMBER: Readonly<Record<string, StepFacet>> = {
  Name: "names",
  OutputName: "outputs",
  PropertyFileName: "outputs",
  FilePath: "outputs",
  DependsOn: "dependsOn",
};

/**
 * What the rules across steps can read of a step. Its shape: every key in order, every `Type` (it decides which arrays
 * hold nested steps: every rule that reads the steps reads it), every other value that belongs to no facet reduced to
 * its JSON type. Its facets: the values of the members they read (names, output and property file names, `DependsOn`
 * entries) and whole `Get` and `Std:JsonGet` expressions. An edit that leaves the shape and the
 * facets a rule reads unchanged (typing inside an S3 URI, an image, a hyperparameter; a rename, for a rule that reads no
 * name) cannot change that rule's findings, only move them.
 */
export function stepInterface(node: Node, text: string): StepInterface {
  const out: Record<keyof StepInterface, string[]> = { shape: [], names: [], outputs: [], references: [], dependsOn: [] };
  sketch(node, text, out);
  const joined = (parts: string[]) => parts.join("\u0000");
  return {
    shape: out.shape.join(""),
    names: joined(out.names),
    outputs: joined(out.outputs),
    references: joined(out.references),
    dependsOn: joined(out.dependsOn),
  };
}

/** The facets that differ between two interfaces of a step; "shape" when its shape differs (every rule reads it). */
export function changedFacets(before: StepInterface, after: StepInterface): Set<StepFacet> | "shape" {
  if (before.shape !== after.shape) return "shape";
  const changed = new Set<StepFacet>();
  for (const facet of ["names", "outputs", "references", "dependsOn"] as const) if (before[facet] !== after[facet]) changed.add(facet);
  return changed;
}

function raw(node: Node, text: string): string {
  return text.slice(node.offset, node.offset + node.length);
}

function sketch(node: Node, text: string, out: Record<keyof StepInterface, string[]>): void {
  const children = node.children ?? [];
  if (node.type === "object") {
    if (children.some((property) => isExpressionKey(property.children?.[0]?.value))) {
      out.references.push(raw(node, text));
      out.shape.push("E");
      return;
    }
    out.shape.push("{");
    for (const property of children) {
      const [key, value] = property.children ?? [];
      out.shape.push(key ? raw(key, text) : "?", ":");
      const facet = typeof key?.value === "string" ? FACET_OF_MEMBER[key.value] : undefined;
      if (value && key?.value === "Type") {
        out.shape.push(raw(value, text));
      } else if (value && facet) {
        out[facet].push(raw(value, text));
        out.shape.push("@");
      } else if (value) {
        sketch(value, text, out);
      }
      out.shape.push(",");
    }
    out.shape.push("}");
  } else if (node.type === "array") {
    out.shape.push("[");
    for (const element of children) {
      sketch(element, text, out);
      out.shape.push(",");
    }
    out.shape.push("]");
  } else {
    out.shape.push(node.type[0]);
  }
}

/** `Get` and `Std:JsonGet` (property file and path) are read whole; `Std:Join` only for the `Get`s among its values. */
function isExpressionKey(key: unknown): boolean {
  return key === "Get" || key === "Std:JsonGet";
}
