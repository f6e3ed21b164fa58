/** The drawing's scale: the SVG keeps the layout's coordinates (viewBox) and is sized by the scale; the viewport scrolls. */
export class Zoom {
  private width = 0;
  private height = 0;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly viewport: HTMLElement,
    public scale = 1,
  ) {}

  setSize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.apply();
  }

  by(factor: number): void {
    this.scale = Math.min(3, Math.max(0.05, this.scale * factor));
    this.apply();
  }

  /** Shrinks the drawing to fit the view (never enlarges it), but not below `minimum`: past that the viewport scrolls. */
  fit(minimum = 0.05): void {
    if (this.width === 0 || this.height === 0) return;
    const scale = Math.min((this.viewport.clientWidth - 8) / this.width, (this.viewport.clientHeight - 8) / this.height, 1);
    this.scale = Math.max(minimum, scale);
    this.apply();
  }

  private apply(): void {
    this.svg.setAttribute("width", String(Math.ceil(this.width * this.scale)));
    this.svg.setAttribute("height", String(Math.ceil(this.height * this.scale)));
  }
}
