import type { Node } from "./json";

/**
 * The tree jsonc-parser's `parseTree` builds (the same nodes, offsets, values and links), for text that is strict JSON
 * (no comments, no trailing commas, only space, tab, CR and LF between tokens, nesting at most `maxDepth` levels), built
 * about twice as fast; undefined for any other text, which the caller then parses with jsonc-parser for its error
 * recovery and messages. Nothing it accepts is read differently by jsonc-parser (test/core/strict-json-tree.test.ts
 * compares both on the corpus and on random edits of it).
 *
 * Each element of the root's `Steps` array is an anchor: the offsets of the nodes inside it are kept relative to it,
 * so that moving a step (an edit before it added or removed characters) moves its node alone (`moveTree`). With
 * `anchorRoot`, the root is such an anchor (an element parsed alone, to be spliced into `Steps`).
 */
export function parseStrictJsonTree(text: string, maxDepth: number, { anchorRoot = false } = {}): Node | undefined {
  try {
    return new StrictParser(text, maxDepth, anchorRoot).document();
  } catch (error) {
    if (error === NOT_STRICT || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Moves a subtree by `delta` characters: a node of this parser that anchors its subtree moves alone. */
export function moveTree(node: Node, delta: number): void {
  if (node instanceof TreeNode && node.anchors) {
    node.offset += delta;
    return;
  }
  const mutable = node as { -readonly [K in keyof Node]: Node[K] };
  mutable.offset += delta;
  if (mutable.colonOffset !== undefined) mutable.colonOffset += delta;
  if (!node.children) return;
  for (const child of node.children) if (!(child instanceof TreeNode && child.anchor === node)) moveTree(child, delta);
}

const NOT_STRICT = new Error("not strict JSON");

/**
 * One class for every node (one shape for the code that reads them). `rel` is the offset from the anchor's start, or
 * the absolute offset of a node outside any anchor (and of an anchor itself).
 */
class TreeNode implements Node {
  constructor(
    readonly type: Node["type"],
    private rel: number,
    public length: number,
    public parent: Node | undefined,
    readonly children: Node[] | undefined,
    readonly value: unknown,
    private colonRel: number | undefined,
    readonly anchor: TreeNode | null,
    /** The offsets of the nodes below are relative to this one's (an element of `Steps`). */
    readonly anchors = false,
  ) {}

  get offset(): number {
    const anchor = this.anchor;
    return anchor === null ? this.rel : anchor.rel + this.rel;
  }

  set offset(offset: number) {
    const anchor = this.anchor;
    this.rel = anchor === null ? offset : offset - anchor.rel;
  }

  get colonOffset(): number | undefined {
    const colon = this.colonRel;
    if (colon === undefined) return undefined;
    const anchor = this.anchor;
    return anchor === null ? colon : anchor.rel + colon;
  }

  set colonOffset(offset: number | undefined) {
    const anchor = this.anchor;
    this.colonRel = offset === undefined || anchor === null ? offset : offset - anchor.rel;
  }
}

class StrictParser {
  private pos = 0;
  private depth = 0;
  /** The step whose subtree is being parsed, and its start. */
  private anchor: TreeNode | null = null;
  private base = 0;
  /** The next object is an element of `Steps`. */
  private anchorNext: boolean;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    anchorRoot: boolean,
  ) {
    this.anchorNext = anchorRoot;
  }

  document(): Node {
    this.skipSpace();
    const root = this.value(undefined);
    this.skipSpace();
    if (this.pos !== this.text.length) throw NOT_STRICT;
    return root;
  }

  private node(type: Node["type"], offset: number, length: number, parent: Node | undefined, children?: Node[], value?: unknown): TreeNode {
    return new TreeNode(type, offset - this.base, length, parent, children, value, undefined, this.anchor, false);
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
    this.pos = pos;
  }

  private value(parent: Node | undefined): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === 34 /* " */) return this.string(parent);
    if (c === 123 /* { */) return this.object(parent);
    if (c === 91 /* [ */) return this.array(parent);
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(parent);
    if (c === 116 /* t */) return this.literal(parent, "true", true, "boolean");
    if (c === 102 /* f */) return this.literal(parent, "false", false, "boolean");
    if (c === 110 /* n */) return this.literal(parent, "null", null, "null");
    throw NOT_STRICT;
  }

  private object(parent: Node | undefined): Node {
    if (++this.depth > this.maxDepth) throw NOT_STRICT;
    const text = this.text;
    const children: Node[] = [];
    const anchors = this.anchorNext;
    this.anchorNext = false;
    const outer = this.anchor;
    const node = anchors
      ? new TreeNode("object", this.pos, -1, parent, children, undefined, undefined, null, true)
      : this.node("object", this.pos, -1, parent, children);
    if (anchors) {
      this.anchor = node;
      this.base = this.pos;
    }
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== 125 /* } */) {
      for (;;) {
        if (text.charCodeAt(this.pos) !== 34) throw NOT_STRICT;
        const members: Node[] = [];
        const property = this.node("property", this.pos, -1, node, members);
        members.push(this.string(property));
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== 58 /* : */) throw NOT_STRICT;
        property.colonOffset = this.pos++;
        this.skipSpace();
        // The root's `Steps` array: its elements are anchors.
        const steps = this.depth === 1 && this.anchor === null && members[0].value === "Steps";
        const value = steps ? this.array(property, true) : this.value(property);
        members.push(value);
        property.length = value.offset + value.length - property.offset;
        children.push(property);
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === 44 /* , */) {
          this.pos++;
          this.skipSpace();
        } else if (next === 125) break;
        else throw NOT_STRICT;
      }
    }
    node.length = ++this.pos - node.offset;
    if (anchors) {
      this.anchor = outer;
      this.base = outer === null ? 0 : outer.offset;
    }
    this.depth--;
    return node;
  }

  private array(parent: Node | undefined, anchorElements = false): Node {
    if (this.text.charCodeAt(this.pos) !== 91) return this.value(parent);
    if (++this.depth > this.maxDepth) throw NOT_STRICT;
    const text = this.text;
    const children: Node[] = [];
    const node = this.node("array", this.pos, -1, parent, children);
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== 93 /* ] */) {
      for (;;) {
        this.anchorNext = anchorElements;
        children.push(this.value(node));
        this.anchorNext = false;
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === 44) {
          this.pos++;
          this.skipSpace();
        } else if (next === 93) break;
        else throw NOT_STRICT;
      }
    }
    node.length = ++this.pos - node.offset;
    this.depth--;
    return node;
  }

  private string(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        escaped = true;
        pos += 2;
      } else if (c < 32 || Number.isNaN(c))
        throw NOT_STRICT; // a control character, or the end of the text
      else pos++;
    }
    this.pos = pos + 1;
    // An invalid escape makes JSON.parse throw a SyntaxError: not strict JSON.
    const value: string = escaped ? JSON.parse(text.slice(start, pos + 1)) : text.slice(start + 1, pos);
    return this.node("string", start, pos + 1 - start, parent, undefined, value);
  }

  private number(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 45) pos++;
    const first = text.charCodeAt(pos);
    if (first === 48 /* 0 */) pos++;
    else if (first >= 49 && first <= 57) pos = this.digits(pos);
    else throw NOT_STRICT;
    if (text.charCodeAt(pos) === 46 /* . */) {
      const end = this.digits(pos + 1);
      if (end === pos + 1) throw NOT_STRICT;
      pos = end;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69 /* e E */) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 43 || sign === 45) pos++;
      const end = this.digits(pos);
      if (end === pos) throw NOT_STRICT;
      pos = end;
    }
    this.pos = pos;
    return this.node("number", start, pos - start, parent, undefined, Number(text.slice(start, pos)));
  }

  private digits(from: number): number {
    const text = this.text;
    let pos = from;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c >= 48 && c <= 57) pos++;
      else return pos;
    }
  }

  private literal(parent: Node | undefined, word: string, value: boolean | null, type: "boolean" | "null"): Node {
    if (!this.text.startsWith(word, this.pos)) throw NOT_STRICT;
    const offset = this.pos;
    this.pos += word.length;
    return this.node(type, offset, word.length, parent, undefined, value);
  }
}
