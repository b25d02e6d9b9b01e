// A small element builder: text always goes in as text nodes (never parsed as HTML), attributes are set by
// name, and no style attribute is ever written (the page's Content-Security-Policy forbids inline styles).

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

const SVG = "http://www.w3.org/2000/svg";

function fill(node: Element, attrs: Attrs, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "style") throw new Error("inline style attributes are not allowed; use a class");
    if (typeof value === "function") node.addEventListener(name.replace(/^on/, ""), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** An HTML element `tag` with `attrs` (a function value named onX becomes an X listener) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  fill(node, attrs, children);
  return node;
}

/** An SVG element `tag` with `attrs` and children, as `el` makes HTML ones. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  fill(node, attrs, children);
  return node;
}

/** Replace the children of `node` with `children`. */
export function replace(node: Element, ...children: Child[]): void {
  node.replaceChildren();
  fill(node, {}, children);
}

/** A box telling the user what went wrong (the API's reason, or the network error). */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return el("div", { class: "error", role: "alert" }, el("strong", {}, "Could not load: "), message);
}

/** A muted "Loading…" line. */
export function loading(what = "Loading…"): HTMLElement {
  return el("p", { class: "muted loading", "aria-live": "polite" }, what);
}

/** Attributes that make an SVG or HTML element act as a button: focusable, a click or Enter/Space runs
 * `action`. */
export function buttonLike(action: () => void): Attrs {
  return {
    tabindex: 0,
    role: "button",
    onclick: action,
    onkeydown: ((event: KeyboardEvent) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        action();
      }
    }) as EventListener,
  };
}

/** A table of class `className` with one header cell per column name (a name ending in "#" is numeric,
 * right-aligned, shown without the mark) and `rows` as its body. */
export function table(className: string, columns: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const head = columns.map((name) =>
    name.endsWith("#")
      ? el("th", { scope: "col", class: "num" }, name.slice(0, -1))
      : el("th", { scope: "col" }, name),
  );
  return el("table", { class: className }, el("thead", {}, el("tr", {}, ...head)), el("tbody", {}, ...rows));
}
