import type { Node } from "../json";
import { MAX_NESTING_DEPTH, parseJsonTree } from "../parse";
import { moveTree } from "../strict-json-tree";
import type { TextChange } from "./text-change";

/** An array member of the root (`Steps`, `Parameters`) is at depth 2: its elements' own `{` opens depth 3. */
const ELEMENT_DEPTH = 2;

/** jsonc-parser declares its nodes read-only; the incremental parse updates them in place. */
type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/**
 * Re-parses only the element of a root array (a top-level step, a parameter) that holds the change, when the change
 * lies strictly inside it (its braces unchanged), and splices the new subtree into the array in place: the elements after it and the root's later members move,
 * the ancestors grow. Returns the replaced element's node (detached, as it was) and its replacement, or undefined when the change cannot be confined to one
 * element (the caller parses the whole text).
 *
 * Why the result equals a full parse: the text before the step is unchanged, so the parser reaches the element's `{` in
 * the same state; the new element's text parses alone as one object with no error and ends on the same `}`, so the parser
 * reads it the same way and then goes on through the same remaining text.
 */
export function spliceElement(array: Node, text: string, change: TextChange): { replaced: Node; replacement: Node } | undefined {
  const children = array.children ?? [];
  const index = stepHolding(children, change);
  if (index === undefined) return undefined;
  const old = children[index];
  if (old.type !== "object") return undefined;
  const delta = change.newEnd - change.end;
  const slice = text.slice(old.offset, old.offset + old.length + delta);
  const node = parseElement(slice);
  if (node?.type !== "object" || node.offset !== 0 || node.length !== slice.length) return undefined;

  moveTree(node, old.offset);
  (node as MutableNode).parent = array;
  children[index] = node;
  if (delta !== 0) {
    for (let i = index + 1; i < children.length; i++) moveTree(children[i], delta);
    let inner: Node = array;
    for (let ancestor: Node | undefined = array; ancestor; inner = ancestor, ancestor = ancestor.parent) {
      (ancestor as MutableNode).length += delta;
      // Members after the one holding the array (only the root's and the Steps property's siblings can follow).
      const siblings = ancestor.children ?? [];
      for (let i = siblings.indexOf(inner) + 1; i > 0 && i < siblings.length; i++) moveTree(siblings[i], delta);
    }
  }
  return { replaced: old, replacement: node };
}

/** The element's tree when it parses alone without error, else undefined. */
function parseElement(slice: string): Node | undefined {
  const tree = parseJsonTree(slice, MAX_NESTING_DEPTH - ELEMENT_DEPTH, { anchorRoot: true });
  return "tooDeep" in tree || tree.errors.length > 0 ? undefined : tree.root;
}

/** The step whose text strictly contains the change (its first and last characters untouched), by binary search. */
function stepHolding(children: Node[], change: TextChange): number | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const step = children[middle];
    if (step.offset + step.length <= change.start) low = middle + 1;
    else if (step.offset >= change.start) high = middle - 1;
    else return change.end <= step.offset + step.length - 1 ? middle : undefined;
  }
  return undefined;
}
