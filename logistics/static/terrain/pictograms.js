// A line drawing beside each category's name on the phone (inline SVG: no font, no network),
// in the style of the home tiles' pictograms. Hidden from screen readers: the words name it.
const NS = "http://www.w3.org/2000/svg";
const SHAPES = {
  desktop: "M6 2h12v20H6zM9 6h6M9 9h6M12 17h.01",
  laptop: "M4 5h16v11H4zM2 19h20",
  screen: "M2 3h20v13H2zM12 16v4M8 21h8",
  printer: "M6 9V3h12v6M3 9h18v8H3zM7 14h10v7H7z",
  tablet: "M4 2h16v20H4zM11 18.5h2",
  smartphone: "M7 2h10v20H7zM11 18.5h2",
  server: "M3 3h18v7H3zM3 14h18v7H3zM7 6.5h.01M7 17.5h.01M11 6.5h6M11 17.5h6",
  network: "M2 14h20v6H2zM6 17h.01M10 17h.01M12 14V10M8.5 8a5 5 0 017 0M6 5.5a8.5 8.5 0 0112 0",
  storage_media: "M4 3h16v18H4zM16 11a4 4 0 11-8 0 4 4 0 018 0zM12 11h.01M8 18h8",
  keyboard_mouse: "M2 6h14v10H2zM5 9h.01M8 9h.01M11 9h.01M5 13h8M20 9a2 2 0 012 2v3a2 2 0 01-4 0v-3a2 2 0 012-2z",
  peripheral: "M18 10a6 6 0 11-12 0 6 6 0 0112 0zM14 10a2 2 0 11-4 0 2 2 0 014 0zM12 16v5M8 21h8",
  cables_misc: "M9 2v5M15 2v5M6 7h12v4a6 6 0 01-12 0zM12 17v5",
};
const BOX = "M3 8l9-5 9 5v9l-9 5-9-5zM3 8l9 5 9-5M12 13v9";

export function pictogram(code) {
  const svg = document.createElementNS(NS, "svg");
  const attributes = {
    class: "picto", viewBox: "0 0 24 24", width: "32", height: "32", "aria-hidden": "true",
    focusable: "false", fill: "none", stroke: "currentColor", "stroke-width": "1.8",
    "stroke-linecap": "round", "stroke-linejoin": "round",
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", SHAPES[code] || BOX);
  svg.append(path);
  return svg;
}
