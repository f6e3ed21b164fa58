import type { Node } from "./json";

/**
 * The tree jsonc-parser's `parseTree` builds, for text that is strict JSON (no comments, no trailing commas, only
 * space, tab, CR and LF between tokens, nesting at most `maxDepth` levels), built about three times faster; undefined
 * for any other text, which the caller then parses with jsonc-parser for its error recovery and messages. Nothing it
 * accepts is read differently by jsonc-parser (test/core/strict-json-tree.test.ts compares both on the corpus and on
 * random edits of it).
 */
export function parseStrictJsonTree(text: string, maxDepth: number): Node | undefined {
  try {
    return new StrictParser(text, maxDepth).document();
  } catch (error) {
    if (error === NOT_STRICT || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

const NOT_STRICT = new Error("not strict JSON");

// Nodes are built with their members in jsonc-parser's order, so that they share its shapes (and print the same).
type Built = { -readonly [K in keyof Node]: Node[K] };

class StrictParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): Node {
    this.skipSpace();
    const root = this.value(undefined);
    this.skipSpace();
    if (this.pos !== this.text.length) throw NOT_STRICT;
    delete (root as Built).parent;
    return root;
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
    const node: Built = { type: "object", offset: this.pos, length: -1, parent, children };
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== 125 /* } */) {
      for (;;) {
        if (text.charCodeAt(this.pos) !== 34) throw NOT_STRICT;
        const members: Node[] = [];
        const property: Built = { type: "property", offset: this.pos, length: -1, parent: node, children: members, colonOffset: -1 };
        members.push(this.string(property, true));
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== 58 /* : */) throw NOT_STRICT;
        property.colonOffset = this.pos++;
        this.skipSpace();
        const value = this.value(property);
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
    this.depth--;
    return node;
  }

  private array(parent: Node | undefined): Node {
    if (++this.depth > this.maxDepth) throw NOT_STRICT;
    const text = this.text;
    const children: Node[] = [];
    const node: Built = { type: "array", offset: this.pos, length: -1, parent, children };
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== 93 /* ] */) {
      for (;;) {
        children.push(this.value(node));
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

  private string(parent: Node | undefined, key = false): Node {
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
    const length = pos + 1 - start;
    // jsonc-parser builds a key with its value first, a string value with it last.
    return (key ? { type: "string", value, offset: start, length, parent } : { type: "string", offset: start, length, parent, value }) as Node;
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
    return { type: "number", offset: start, length: pos - start, parent, value: Number(text.slice(start, pos)) } as Node;
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
    return { type, offset, length: word.length, parent, value } as Node;
  }
}
