// Search: text over stories or over event mentions (their evidence sentences), a page at a time from the
// server, so it stays usable at 100,000 events.

import type { Mention, Page } from "../api";
import { get } from "../api";
import { el, errorBox, loading, replace } from "../dom";
import { codes, dateLabel, scoreChip, stanceBadge, typeLabel } from "../format";
import type { Context } from "../main";
import type { Route } from "../route";
import { go, href, withParams } from "../route";
import { PAGE_SIZE, pagedStories, pager } from "../storylist";

/** `sentence` with every case-insensitive occurrence of `text` in a <mark>. */
function marked(sentence: string, text: string): HTMLElement {
  const out = el("blockquote", { class: "evidence" });
  const lower = sentence.toLowerCase();
  const needle = text.toLowerCase();
  let at = 0;
  for (let hit = needle ? lower.indexOf(needle) : -1; hit >= 0; hit = lower.indexOf(needle, at)) {
    out.append(
      sentence.slice(at, hit),
      el("mark", { class: "match" }, sentence.slice(hit, hit + needle.length)),
    );
    at = hit + needle.length;
  }
  out.append(sentence.slice(at));
  return out;
}

function eventItem(mention: Mention, text: string): HTMLElement {
  return el(
    "li",
    { class: `mention stance-${mention.stance}` },
    el(
      "div",
      { class: "mention-meta" },
      el("span", { class: "date" }, dateLabel(mention.date, mention.date_precision)),
      mention.story
        ? el("a", { href: href("story", [mention.story]) }, typeLabel(mention.type, mention.mode))
        : el("span", {}, typeLabel(mention.type, mention.mode)),
      el("span", {}, `${codes(mention.actor)} → ${codes(mention.recipient)}`),
      scoreChip(mention.score),
      stanceBadge(mention.stance),
      el("span", { class: "muted" }, mention.outlet ?? mention.article.outlet),
    ),
    marked(mention.sentence, text),
  );
}

async function pagedEvents(box: HTMLElement, route: Route, text: string, signal: AbortSignal): Promise<void> {
  replace(box, loading("Loading event mentions…"));
  const offset = Number(route.params.get("offset") ?? 0) || 0;
  try {
    const page = await get<Page<Mention>>("api/events", { text, limit: PAGE_SIZE, offset }, signal);
    const list = page.items.length
      ? el("ul", { class: "mentions" }, ...page.items.map((m) => eventItem(m, text)))
      : el("p", { class: "muted empty" }, "No event mentions match.");
    replace(box, pager(route, page), list);
  } catch (error) {
    if ((error as Error).name !== "AbortError") replace(box, errorBox(error));
  }
}

/** Render #/search?text&kind=stories|events&offset. */
export async function searchView(root: HTMLElement, route: Route, { signal }: Context): Promise<void> {
  const text = route.params.get("text") ?? "";
  const kind = route.params.get("kind") === "events" ? "events" : "stories";
  const input = el("input", {
    type: "search",
    name: "text",
    value: text,
    maxlength: 200,
    placeholder: "drone, Nakhchivan, ceasefire…",
    "aria-label": "Search text",
  });
  const form = el(
    "form",
    { class: "filters", role: "search" },
    input,
    el("button", { type: "submit", class: "primary" }, "Search"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(href("search", [], { text: input.value.trim(), kind }));
  });
  const tab = (name: string, label: string) =>
    el(
      "a",
      {
        href: href("search", [], withParams(route, { kind: name, offset: null })),
        "aria-current": kind === name ? "true" : null,
      },
      label,
    );
  const results = el("div", {});
  root.append(
    el("h1", {}, text ? `Search: “${text}”` : "Search"),
    form,
    el(
      "div",
      { class: "segmented", role: "group", "aria-label": "Search in" },
      tab("stories", "Stories"),
      tab("events", "Event mentions"),
    ),
    el("section", { class: "panel" }, results),
  );
  if (!text) {
    replace(
      results,
      el("p", { class: "muted" }, "Type words to find in stories and in the sentences that report them."),
    );
    return;
  }
  if (kind === "events") await pagedEvents(results, route, text, signal);
  else await pagedStories(results, route, { text }, signal);
}
