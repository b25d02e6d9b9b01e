// Lists of stories: a table (date, type, dyad, place, score, contested, outlets) whose rows link to the
// story view, and a server-paginated version that keeps its offset in the URL hash.

import type { Page, Query, Story } from "./api";
import { get } from "./api";
import { el, errorBox, loading, replace, table } from "./dom";
import { contestedBadge, count, dateLabel, dyadLabel, scoreChip, typeLabel } from "./format";
import type { Route } from "./route";
import { href, withParams } from "./route";

export const PAGE_SIZE = 50;

/** A table of `stories`, each row linking to its story view. */
export function storyTable(stories: Story[]): HTMLElement {
  if (!stories.length) return el("p", { class: "muted empty" }, "No stories match.");
  const rows = stories.map((story) => {
    const outlets = new Set(story.articles.map((a) => a.outlet));
    return el(
      "tr",
      { "data-story": story.id },
      el("td", { class: "date" }, dateLabel(story.date, story.date_precision)),
      el(
        "td",
        {},
        el("a", { href: href("story", [story.id]), class: "storylink" }, typeLabel(story.type, story.mode)),
        story.contested ? contestedBadge() : null,
      ),
      el("td", { class: "dyad" }, dyadLabel(story)),
      el("td", {}, story.location?.name ?? ""),
      el("td", { class: "num" }, scoreChip(story.score)),
      el(
        "td",
        { class: "num", title: [...outlets].join("; ") },
        `${story.articles.length} / ${outlets.size}`,
      ),
    );
  });
  return table(
    "stories",
    ["Date", "Event", "Actor → recipient", "Place", "Score#", "Reports / outlets#"],
    rows,
  );
}

/** "1–50 of 1,234" with previous/next links that move the route's `offset`. */
export function pager(route: Route, page: Page<unknown>): HTMLElement {
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  const range = el("span", { class: "range" }, `${count(first)}–${count(last)} of ${count(page.total)}`);
  if (page.offset === 0 && last >= page.total) return el("div", { class: "pager" }, range);
  const link = (label: string, offset: number, enabled: boolean) =>
    enabled
      ? el(
          "a",
          { class: "button", href: href(route.view, route.parts, withParams(route, { offset })) },
          label,
        )
      : el("span", { class: "button disabled", "aria-disabled": "true" }, label);
  return el(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    link("← Previous", Math.max(0, page.offset - page.limit), page.offset > 0),
    range,
    link("Next →", page.offset + page.limit, last < page.total),
  );
}

/** Fill `box` with one page of /api/stories for `query`, at the route's offset, with a pager. */
export async function pagedStories(
  box: HTMLElement,
  route: Route,
  query: Query,
  signal: AbortSignal,
): Promise<void> {
  replace(box, loading("Loading stories…"));
  const offset = Number(route.params.get("offset") ?? 0) || 0;
  try {
    const page = await get<Page<Story>>("api/stories", { ...query, limit: PAGE_SIZE, offset }, signal);
    replace(
      box,
      pager(route, page),
      storyTable(page.items),
      page.total > page.limit ? pager(route, page) : null,
    );
  } catch (error) {
    if ((error as Error).name !== "AbortError") replace(box, errorBox(error));
  }
}
