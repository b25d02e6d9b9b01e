// The timeline: stories per period over the filtered range, stacked by PLOVER conflict–cooperation score
// (conflict below the line in reds, cooperation above in blues), from /api/timeline so the whole range is
// drawn at any scale; picking a period lists its stories, a page at a time, from /api/stories.

import type { Query, Timeline } from "../api";
import { get } from "../api";
import type { Column, Period } from "../charts";
import {
  dayBefore,
  daysBefore,
  divergingChart,
  firstDay,
  lastDay,
  nextPeriod,
  periodFor,
  periodsBetween,
  scoreLegend,
} from "../charts";
import { el, errorBox, loading, replace } from "../dom";
import { filterBar, filtersOf, rangeLinks } from "../filters";
import { count, dateLabel, scoreColor } from "../format";
import type { Context } from "../main";
import type { Route } from "../route";
import { go, href, withParams } from "../route";
import { pagedStories } from "../storylist";

const PERIODS: Period[] = ["day", "week", "month"];
const MIN_DAYS = 30;

function columns(timeline: Timeline, first: string, last: string, period: Period): Column[] {
  const byPeriod = new Map(timeline.items.map((item) => [item.period, item]));
  return periodsBetween(first, last, period).map((start) => {
    const item = byPeriod.get(start);
    const scores = item?.scores ?? [];
    const segment = ([score, n]: [number, number]) => ({
      value: n,
      color: scoreColor(score),
      label: `${n} stor${n === 1 ? "y" : "ies"} scoring ${score > 0 ? "+" : ""}${score}`,
    });
    const stories = item?.stories ?? 0;
    return {
      period: start,
      up: scores
        .filter(([s]) => s >= 0)
        .sort((a, b) => a[0] - b[0])
        .map(segment),
      down: scores
        .filter(([s]) => s < 0)
        .sort((a, b) => b[0] - a[0])
        .map(segment),
      title: `${period === "day" ? "" : `${period} of `}${dateLabel(start)}: ${count(stories)} stor${stories === 1 ? "y" : "ies"}`,
      pickable: stories > 0,
    };
  });
}

function periodLinks(route: Route, period: Period): HTMLElement {
  return el(
    "div",
    { class: "segmented", role: "group", "aria-label": "Bar width" },
    ...PERIODS.map((p) =>
      el(
        "a",
        {
          href: href("timeline", [], withParams(route, { period: p, day: null, offset: null })),
          "aria-current": p === period ? "true" : null,
        },
        p,
      ),
    ),
  );
}

/** /api/timeline for the filters, at the route's period, or else the finest period that keeps the drawn
 * range (the filters' dates, or the data's first to last period) under ~400 bars. */
async function fetchTimeline(route: Route, context: Context, filters: Query): Promise<Timeline> {
  const wanted = route.params.get("period") as Period | null;
  const since = route.params.get("since") ?? context.meta.date_range.first;
  const until = route.params.get("until") ?? context.meta.date_range.last;
  const guess = since && until ? periodFor(firstDay(since), lastDay(until)) : "day";
  const ask = (period: Period) => get<Timeline>("api/timeline", { ...filters, period }, context.signal);
  const timeline = await ask(wanted ?? guess);
  const items = timeline.items;
  if (wanted || !items.length) return timeline;
  const [first, last] = drawnRange(route, items[0].period, items[items.length - 1].period);
  const finer = periodFor(first, last);
  return PERIODS.indexOf(finer) < PERIODS.indexOf(guess) ? ask(finer) : timeline;
}

/** The days the chart spans: the route's since/until where set, else the data's first and last periods,
 * widened to at least MIN_DAYS days so that a lone day does not fill the chart. */
function drawnRange(route: Route, dataFirst: string, dataLast: string): [string, string] {
  const since = route.params.get("since");
  const until = route.params.get("until");
  const last = until ? lastDay(until) : dataLast;
  let first = since ? firstDay(since) : dataFirst;
  if (!since && first > daysBefore(last, MIN_DAYS - 1)) first = daysBefore(last, MIN_DAYS - 1);
  return [first, last];
}

async function drawChart(box: HTMLElement, route: Route, context: Context, filters: Query): Promise<void> {
  const timeline = await fetchTimeline(route, context, filters);
  const items = timeline.items;
  const period = timeline.period as Period;
  const [first, last] = items.length
    ? drawnRange(route, items[0].period, items[items.length - 1].period)
    : [null, null];
  const total = items.reduce((n, item) => n + item.stories, 0);
  const note = timeline.undated
    ? el(
        "p",
        { class: "muted small" },
        `${count(timeline.undated)} matching stor${timeline.undated === 1 ? "y is" : "ies are"} dated only to a month or year: listed below, not drawn.`,
      )
    : null;
  if (!first || !last || !items.length) {
    replace(box, el("p", { class: "muted empty" }, "No day-dated stories match these filters."), note);
    return;
  }
  const chart = divergingChart(
    columns(timeline, first, last, period),
    period,
    Math.max(320, box.clientWidth - 4),
    {
      selected: route.params.get("day"),
      yLabel: { up: "cooperation (stories)", down: "conflict (stories)" },
      onPick: (day) => go(href("timeline", [], withParams(route, { day, period, offset: null }))),
    },
  );
  replace(
    box,
    el(
      "div",
      { class: "chart-head" },
      el(
        "span",
        {},
        `${count(total)} stor${total === 1 ? "y" : "ies"} from ${dateLabel(first)} to ${dateLabel(last)}, per ${period}`,
      ),
      rangeLinks(route, context.meta.date_range.last, ["period"]),
      periodLinks(route, period),
      scoreLegend(scoreColor),
    ),
    chart,
    note,
  );
}

/** The story list's query: the filters, narrowed to the picked period when there is one. */
function listQuery(route: Route, filters: Query): Query {
  const day = route.params.get("day");
  if (!day) return filters;
  const period = (route.params.get("period") as Period | null) ?? "day";
  return { ...filters, since: day, until: dayBefore(nextPeriod(day, period)) };
}

/** Render #/timeline?actor&recipient&type&outlet&since&until&contested&period&day&offset. */
export async function timelineView(root: HTMLElement, route: Route, context: Context): Promise<void> {
  const { meta, signal } = context;
  const filters = filtersOf(route);
  const chartBox = el("div", { class: "chart-box" }, loading("Loading timeline…"));
  const listBox = el("div", {});
  const day = route.params.get("day");
  const actor = route.params.get("actor");
  const recipient = route.params.get("recipient");
  root.append(
    el("h1", {}, "Timeline"),
    filterBar(route, meta, ["period"]),
    el("section", { class: "panel" }, chartBox),
    el(
      "section",
      { class: "panel" },
      el(
        "h2",
        {},
        "Stories",
        day
          ? el(
              "span",
              { class: "pill" },
              `${dateLabel(day)} `,
              el(
                "a",
                {
                  href: href("timeline", [], withParams(route, { day: null, offset: null })),
                  "aria-label": "show all periods",
                },
                "×",
              ),
            )
          : null,
        actor && recipient
          ? el(
              "a",
              { class: "aside", href: href("dyad", [actor, recipient], { period: "day" }) },
              `${actor} → ${recipient} dyad`,
            )
          : null,
      ),
      listBox,
    ),
  );
  const chart = drawChart(chartBox, route, context, filters).catch((error) => {
    if ((error as Error).name !== "AbortError") replace(chartBox, errorBox(error));
  });
  await Promise.all([chart, pagedStories(listBox, route, listQuery(route, filters), signal)]);
}
