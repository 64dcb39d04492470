// A tiny element builder: text is always set as text, never parsed as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

export const byId = (id) => document.getElementById(id);

// The sticky top's height is the page's scroll padding: a field focused or a button scrolled to
// lands below the status line and the heading, never under them.
export function keepClearOf(top) {
  const pad = () => { document.documentElement.style.scrollPaddingTop = `${top.offsetHeight + 8}px`; };
  new ResizeObserver(pad).observe(top);
  pad();
}
