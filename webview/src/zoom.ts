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

  /** While true the drawing is fitted again when the view is resized; a zoom by hand ends it. */
  autoFit = false;

  by(factor: number): void {
    this.autoFit = false;
    this.scale = Math.min(3, Math.max(0.05, this.scale * factor));
    this.apply();
  }

  private minimum = 0.05;

  /**
   * Shrinks the drawing to fit the view (never enlarges it). Not below `minimum`: when the whole drawing would be
   * smaller, it fits the view's width if that is readable (a long pipeline scrolls down), else stays at `minimum`.
   */
  fit(minimum = 0.05): void {
    this.minimum = minimum;
    this.autoFit = true;
    if (this.width === 0 || this.height === 0) return;
    const across = Math.min((this.viewport.clientWidth - 8) / this.width, 1);
    const whole = Math.min(across, (this.viewport.clientHeight - 8) / this.height);
    this.scale = whole >= minimum ? whole : Math.max(minimum, across);
    this.apply();
  }

  /** The view was resized: fitted again unless zoomed by hand since. */
  resized(): void {
    if (this.autoFit) this.fit(this.minimum);
  }

  private apply(): void {
    this.svg.setAttribute("width", String(Math.ceil(this.width * this.scale)));
    this.svg.setAttribute("height", String(Math.ceil(this.height * this.scale)));
  }
}
