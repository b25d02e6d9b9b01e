// The dashboard's entry: loads /api/meta once, then renders the view the URL hash names and re-renders on
// every hash change (each render gets an AbortSignal that the next one fires, so late answers are dropped).

import "./styles.css";
import type { Meta } from "./api";
import { get } from "./api";
import { el, errorBox, replace } from "./dom";
import { count, dateLabel } from "./format";
import type { Route } from "./route";
import { go, href, parse } from "./route";
import { dyadView } from "./views/dyad";
import { mapView } from "./views/map";
import { searchView } from "./views/search";
import { storyView } from "./views/story";
import { timelineView } from "./views/timeline";

export interface Context {
  meta: Meta;
  signal: AbortSignal;
}

type View = (root: HTMLElement, route: Route, context: Context) => Promise<void>;

const VIEWS: Record<string, View> = {
  timeline: timelineView,
  map: mapView,
  dyad: dyadView,
  story: storyView,
  search: searchView,
};

let current: AbortController | null = null;

function showMeta(meta: Meta): void {
  const box = document.getElementById("dbinfo");
  if (!box) return;
  const range = meta.date_range.first
    ? `${dateLabel(meta.date_range.first)} – ${dateLabel(meta.date_range.last)}`
    : "no dated events";
  replace(
    box,
    el("span", { class: "db", title: `snapshot taken ${meta.snapshot.taken_at}` }, meta.db),
    el("span", {}, `${count(meta.counts.stories)} stories · ${count(meta.counts.articles)} articles`),
    el("span", {}, range),
  );
}

async function render(root: HTMLElement, meta: Meta): Promise<void> {
  current?.abort();
  current = new AbortController();
  const route = parse(location.hash);
  const view = VIEWS[route.view];
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav a[data-view]")) {
    if (link.dataset.view === route.view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  root.replaceChildren();
  document.title = "eventlens";
  if (!view) {
    root.append(errorBox(`no view named "${route.view}"; try ${Object.keys(VIEWS).join(", ")}`));
    return;
  }
  try {
    await view(root, route, { meta, signal: current.signal });
  } catch (error) {
    if ((error as Error).name !== "AbortError") root.append(errorBox(error));
  }
}

async function start(): Promise<void> {
  const root = document.getElementById("view") as HTMLElement;
  const search = document.getElementById("quicksearch") as HTMLFormElement;
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = String(new FormData(search).get("text") ?? "").trim();
    go(href("search", [], { text }));
  });
  let meta: Meta;
  try {
    meta = await get<Meta>("api/meta");
  } catch (error) {
    root.append(errorBox(error));
    return;
  }
  showMeta(meta);
  window.addEventListener("hashchange", () => void render(root, meta));
  await render(root, meta);
}

void start();
