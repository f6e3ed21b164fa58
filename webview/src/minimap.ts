import type { GraphLayout } from "../../core/src/graph-view/layout";
import { svgElement } from "./svg";
import type { Zoom } from "./zoom";

const MAX_WIDTH = 180;
const MAX_HEIGHT = 150;

/**
 * The overview of a graph larger than the view: every node as a box, and the part on screen as a frame. Clicking or
 * dragging in it scrolls the view there. Hidden while the whole drawing is on screen.
 */
export class Minimap {
  private readonly svg: SVGSVGElement;
  private readonly frame: SVGRectElement;
  private readonly boxes = new Map<string, SVGRectElement>();
  private layout?: GraphLayout;

  constructor(
    private readonly container: HTMLElement,
    private readonly viewport: HTMLElement,
    private readonly drawing: SVGSVGElement,
    private readonly zoom: Zoom,
  ) {
    this.svg = svgElement("svg", { id: "minimap-drawing", "aria-hidden": "true" }, container);
    this.frame = svgElement("rect", { class: "minimap-frame" });
    const go = (event: PointerEvent) => {
      if (!this.layout) return;
      const r = this.svg.getBoundingClientRect();
      const x = ((event.clientX - r.left) / r.width) * this.layout.width;
      const y = ((event.clientY - r.top) / r.height) * this.layout.height;
      this.viewport.scrollLeft = this.drawingLeft() + x * this.zoom.scale - this.viewport.clientWidth / 2;
      this.viewport.scrollTop = y * this.zoom.scale - this.viewport.clientHeight / 2;
    };
    container.addEventListener("pointerdown", (event) => {
      container.setPointerCapture(event.pointerId);
      go(event);
    });
    container.addEventListener("pointermove", (event) => {
      if (container.hasPointerCapture(event.pointerId)) go(event);
    });
    viewport.addEventListener("scroll", () => this.update(), { passive: true });
  }

  draw(layout: GraphLayout): void {
    this.layout = layout;
    const scale = Math.min(MAX_WIDTH / Math.max(1, layout.width), MAX_HEIGHT / Math.max(1, layout.height));
    this.svg.setAttribute("viewBox", `0 0 ${Math.max(1, layout.width)} ${Math.max(1, layout.height)}`);
    this.svg.setAttribute("width", String(Math.max(24, Math.round(layout.width * scale))));
    this.svg.setAttribute("height", String(Math.max(24, Math.round(layout.height * scale))));
    this.svg.replaceChildren();
    this.boxes.clear();
    for (const n of layout.nodes)
      this.boxes.set(n.id, svgElement("rect", { class: "minimap-node", x: n.x, y: n.y, width: n.width, height: n.height }, this.svg));
    this.svg.appendChild(this.frame);
    this.update();
  }

  /** Marks nodes (search matches, the selection) in the overview. */
  mark(cls: string, ids: Iterable<string>): void {
    const set = new Set(ids);
    for (const [id, box] of this.boxes) box.classList.toggle(cls, set.has(id));
  }

  /** Where the drawing starts in the view's scrolled content (it is centred when narrower than the view). */
  private drawingLeft(): number {
    return this.drawing.getBoundingClientRect().left - this.viewport.getBoundingClientRect().left + this.viewport.scrollLeft;
  }

  /** Shows the frame of what is on screen; hides the overview when everything is. */
  update(): void {
    const v = this.viewport;
    const scale = this.zoom.scale;
    const overflow = v.scrollWidth > v.clientWidth + 2 || v.scrollHeight > v.clientHeight + 2;
    this.container.hidden = !this.layout || this.layout.nodes.length === 0 || !overflow;
    if (this.container.hidden) return;
    // The drawing is centred when narrower than the view (margin: auto): its left edge is not always at 0.
    this.frame.setAttribute("x", String(Math.max(0, (v.scrollLeft - this.drawingLeft()) / scale)));
    this.frame.setAttribute("y", String(v.scrollTop / scale));
    this.frame.setAttribute("width", String(v.clientWidth / scale));
    this.frame.setAttribute("height", String(v.clientHeight / scale));
  }
}
