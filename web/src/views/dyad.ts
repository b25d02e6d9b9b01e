// The dyad view: a pair's conflict (below the line) and cooperation (above) per day or week, its escalation
// alerts marked on the chart and listed with why they fired; picking a day lists the stories behind it.

import type { Alert, DyadSeries, DyadSummary, Page } from "../api";
import { get, storiesById } from "../api";
import type { Column, Period } from "../charts";
import { divergingChart, periodStart } from "../charts";
import { el, errorBox, loading, replace, table } from "../dom";
import { rangeLinks } from "../filters";
import { count, dateLabel, scoreColor } from "../format";
import type { Context } from "../main";
import type { Route } from "../route";
import { go, href, withParams } from "../route";
import { pager, storyTable } from "../storylist";

const CONFLICT = scoreColor(-7);
const COOPERATION = scoreColor(7);

function picker(): HTMLFormElement {
  const form = el(
    "form",
    { class: "filters", "aria-label": "Choose a dyad" },
    el(
      "label",
      { class: "field" },
      el("span", {}, "Actor"),
      el("input", { name: "actor", class: "code", placeholder: "AZE", required: true, maxlength: 12 }),
    ),
    el(
      "label",
      { class: "field" },
      el("span", {}, "Recipient"),
      el("input", { name: "recipient", class: "code", placeholder: "IRN", required: true, maxlength: 12 }),
    ),
    el("button", { type: "submit", class: "primary" }, "Show dyad"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const code = (key: string) =>
      String(data.get(key) ?? "")
        .trim()
        .toUpperCase();
    go(href("dyad", [code("actor"), code("recipient")], { period: "day" }));
  });
  return form;
}

async function topDyads(signal: AbortSignal): Promise<HTMLElement> {
  const page = await get<Page<DyadSummary>>("api/dyads", { limit: 30 }, signal);
  const rows = page.items.map((d) =>
    el(
      "tr",
      {},
      el(
        "td",
        {},
        el(
          "a",
          { href: href("dyad", [d.actor, d.recipient], { period: "day" }) },
          `${d.actor} → ${d.recipient}`,
        ),
      ),
      el("td", { class: "num" }, count(d.stories)),
      el("td", { class: "num" }, d.conflict.toFixed(1)),
      el("td", { class: "num" }, d.cooperation.toFixed(1)),
    ),
  );
  return table("stories", ["Dyad", "Stories#", "Conflict#", "Cooperation#"], rows);
}

function columns(series: DyadSeries): Column[] {
  return series.series.map((point) => ({
    period: point.period,
    up: point.cooperation
      ? [{ value: point.cooperation, color: COOPERATION, label: `cooperation ${point.cooperation}` }]
      : [],
    down: point.conflict
      ? [{ value: point.conflict, color: CONFLICT, label: `conflict ${point.conflict}` }]
      : [],
    title: `${dateLabel(point.period)}: conflict ${point.conflict}, cooperation ${point.cooperation}, ${point.stories.length} stor${point.stories.length === 1 ? "y" : "ies"}`,
    pickable: point.stories.length > 0,
  }));
}

function alertItem(alert: Alert, route: Route): HTMLElement {
  return el(
    "li",
    { class: "alert", "data-day": alert.day },
    el(
      "a",
      {
        class: "alert-day",
        href: href("dyad", route.parts, withParams(route, { day: alert.day, offset: null })),
      },
      `⚠ Alert on ${dateLabel(alert.day)}`,
    ),
    el(
      "span",
      {},
      ` ${alert.actor} → ${alert.recipient}: ${alert.events} conflict stor${alert.events === 1 ? "y" : "ies"} (conflict ${alert.conflict}) where the usual rate is ${alert.baseline} a day; chance ${alert.p}`,
    ),
    el("div", { class: "muted small" }, `${alert.reports} reports from ${alert.outlets.join("; ")}`),
  );
}

const DAY_PAGE = 25;

/** The stories behind the picked day, DAY_PAGE at a time (the route's `offset`), with a pager. */
async function dayStories(box: HTMLElement, ids: string[], route: Route, signal: AbortSignal): Promise<void> {
  const offset = Math.max(0, Number(route.params.get("offset") ?? 0) || 0);
  const shown = ids.slice(offset, offset + DAY_PAGE);
  replace(box, loading(`Loading ${shown.length} stories…`));
  try {
    const stories = await storiesById(shown, signal);
    const page = { total: ids.length, limit: DAY_PAGE, offset, items: stories };
    replace(box, pager(route, page), storyTable(stories));
  } catch (error) {
    if ((error as Error).name !== "AbortError") replace(box, errorBox(error));
  }
}

function rangeForm(route: Route): HTMLFormElement {
  const input = (name: string) =>
    el("input", {
      name,
      value: route.params.get(name) ?? "",
      placeholder: "YYYY-MM-DD",
      size: 10,
      maxlength: 10,
      "aria-label": name,
    });
  const form = el(
    "form",
    { class: "range-form", "aria-label": "Date range" },
    input("since"),
    el("span", {}, "to"),
    input("until"),
    el("button", { type: "submit" }, "Set range"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (key: string) => String(data.get(key) ?? "").trim() || null;
    go(
      href(
        "dyad",
        route.parts,
        withParams(route, { since: value("since"), until: value("until"), day: null }),
      ),
    );
  });
  return form;
}

function controls(route: Route, series: DyadSeries, last: string | null): HTMLElement {
  const [actor, recipient] = route.parts;
  const period = series.period;
  const link = (label: string, changes: Record<string, string | null>, current: boolean) =>
    el(
      "a",
      {
        href: href("dyad", route.parts, withParams(route, { ...changes, day: null })),
        "aria-current": current ? "true" : null,
      },
      label,
    );
  return el(
    "div",
    { class: "controls" },
    el(
      "div",
      { class: "segmented", role: "group", "aria-label": "Period" },
      link("day", { period: "day" }, period === "day"),
      link("week", { period: "week" }, period === "week"),
    ),
    el(
      "div",
      { class: "segmented", role: "group", "aria-label": "Direction" },
      link(`${actor} → ${recipient}`, { directed: null }, series.directed),
      link("both directions", { directed: "false" }, !series.directed),
    ),
    el(
      "a",
      { class: "button", href: href("dyad", [recipient, actor], withParams(route, { day: null })) },
      `⇄ ${recipient} → ${actor}`,
    ),
    el("a", { class: "button", href: href("timeline", [], { actor, recipient }) }, "stories on the timeline"),
    rangeForm(route),
    rangeLinks(route, last),
  );
}

function alertsPanel(series: DyadSeries, route: Route): HTMLElement {
  return el(
    "section",
    { class: "panel" },
    el("h2", {}, `Alerts (${series.alerts.length})`),
    series.alerts.length
      ? el("ul", { class: "alerts" }, ...series.alerts.map((a) => alertItem(a, route)))
      : el("p", { class: "muted" }, "No escalation alerts for this dyad."),
  );
}

function chart(box: HTMLElement, series: DyadSeries, route: Route, selected: string | null): Node {
  if (!series.series.length) return el("p", { class: "muted empty" }, "No day-dated stories for this dyad.");
  return divergingChart(columns(series), series.period as Period, Math.max(320, box.clientWidth - 4), {
    selected,
    marks: series.alerts.map((a) => ({ period: a.day, label: `alert on ${a.day}` })),
    yLabel: { up: "cooperation (PLOVER score)", down: "conflict (PLOVER score)" },
    onPick: (picked) => go(href("dyad", route.parts, withParams(route, { day: picked, offset: null }))),
  });
}

function fetchSeries(route: Route, signal: AbortSignal): Promise<DyadSeries> {
  const [actor, recipient] = route.parts.map(encodeURIComponent);
  const query = {
    directed: route.params.get("directed") !== "false",
    period: route.params.get("period") ?? "day",
    since: route.params.get("since"),
    until: route.params.get("until"),
  };
  return get<DyadSeries>(`api/dyads/${actor}/${recipient}`, query, signal);
}

/** Render #/dyad, or #/dyad/<actor>/<recipient>?period&directed&since&until&day. */
export async function dyadView(root: HTMLElement, route: Route, { meta, signal }: Context): Promise<void> {
  const [actor, recipient] = route.parts;
  if (!actor || !recipient) {
    root.append(
      el("h1", {}, "Dyads"),
      picker(),
      el("section", { class: "panel" }, el("h2", {}, "Dyads with most stories"), await topDyads(signal)),
    );
    return;
  }
  const heading = (directed: boolean) => el("h1", {}, `${actor} ${directed ? "→" : "↔"} ${recipient}`);
  root.append(heading(route.params.get("directed") !== "false"), loading("Loading dyad…"));
  const series = await fetchSeries(route, signal);
  const day = route.params.get("day");
  const start = day ? periodStart(day, series.period as Period) : null;
  const chartBox = el("div", { class: "chart-box" });
  const dayBox = el("div", {});
  replace(
    root,
    heading(series.directed),
    controls(route, series, meta.date_range.last),
    el("section", { class: "panel" }, chartBox),
    alertsPanel(series, route),
    el("section", { class: "panel" }, el("h2", {}, day ? `Stories on ${dateLabel(day)}` : "Stories"), dayBox),
  );
  chartBox.append(chart(chartBox, series, route, start));
  const point = series.series.find((p) => p.period === start);
  if (point) await dayStories(dayBox, point.stories, route, signal);
  else {
    const hint = day
      ? `No stories on ${dateLabel(day)}.`
      : "Click a day on the chart (or focus it and press Enter) to list its stories.";
    replace(dayBox, el("p", { class: "muted" }, hint));
  }
}
