import type { NodeView } from "./render";

/** The selected nodes (ctrl/cmd/shift-click adds and removes) and the node of the editor's cursor. */
export class Selection {
  readonly ids = new Set<string>();
  cursor?: string;

  constructor(initial: string[] = []) {
    for (const id of initial) this.ids.add(id);
  }

  only(id: string): void {
    this.ids.clear();
    this.ids.add(id);
  }

  toggle(id: string): void {
    if (!this.ids.delete(id)) this.ids.add(id);
  }

  clear(): void {
    this.ids.clear();
  }

  /** The step names to run: selected nodes of real, named steps, each name once. */
  stepNames(views: Map<string, NodeView>): string[] {
    const names = new Set<string>();
    for (const id of this.ids) {
      const node = views.get(id)?.node;
      if (node?.kind === "step" && node.name !== undefined) names.add(node.name);
    }
    return [...names];
  }

  /** Drops ids the new graph does not have, and marks the nodes. */
  apply(views: Map<string, NodeView>): void {
    for (const id of [...this.ids]) if (!views.has(id)) this.ids.delete(id);
    for (const [id, view] of views) {
      view.group.classList.toggle("selected", this.ids.has(id));
      view.group.classList.toggle("cursor", this.cursor === id);
      view.group.setAttribute("aria-pressed", String(this.ids.has(id)));
    }
  }
}
