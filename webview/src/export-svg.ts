/**
 * The drawing as a standalone SVG file: the theme's CSS variables mean nothing outside VS Code, so each element's
 * computed colours and fonts are written as presentation attributes (only where they differ from what the element
 * inherits), at scale 1, on the editor's background.
 */
const INHERITED = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
];

export function exportSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [clone, ...clone.querySelectorAll("*")];
  originals.forEach((original, i) => {
    const copy = copies[i];
    copy.removeAttribute("class");
    copy.removeAttribute("tabindex");
    if (!(original instanceof SVGElement) || original instanceof SVGTitleElement) return;
    const style = getComputedStyle(original);
    const parent = original === svg || !original.parentElement ? undefined : getComputedStyle(original.parentElement);
    for (const property of INHERITED) {
      const value = style.getPropertyValue(property);
      if (value && value !== parent?.getPropertyValue(property)) copy.setAttribute(property, value);
    }
    if (style.opacity !== "1") copy.setAttribute("opacity", style.opacity);
    if (style.display === "none") copy.setAttribute("display", "none");
  });
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const background = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", getComputedStyle(document.body).backgroundColor || "white");
  clone.insertBefore(background, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}
