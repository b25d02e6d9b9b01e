// The filter bar shared by the timeline and the map: actor, recipient, PLOVER type, outlet, date range and
// contested stories. Submitting writes the filters into the URL hash, which re-renders the view.

import type { Meta, Query } from "./api";
import { el } from "./dom";
import type { Route } from "./route";
import { daysBefore, lastDay } from "./charts";
import { go, href, withParams } from "./route";

export const FILTER_KEYS = ["actor", "recipient", "type", "outlet", "since", "until", "contested", "text"];

/** The filters set in `route` as an API query (only FILTER_KEYS). */
export function filtersOf(route: Route): Query {
  const query: Query = {};
  for (const key of FILTER_KEYS) {
    const value = route.params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return el("label", { class: "field" }, el("span", {}, label), control);
}

function codeInput(name: string, value: string, placeholder: string): HTMLInputElement {
  return el("input", {
    name,
    value,
    placeholder,
    size: 6,
    maxlength: 12,
    autocomplete: "off",
    spellcheck: "false",
    class: "code",
  });
}

function dateInput(name: string, value: string): HTMLInputElement {
  return el("input", {
    name,
    value,
    placeholder: "YYYY-MM-DD",
    size: 10,
    maxlength: 10,
    pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?",
    title: "A date as YYYY, YYYY-MM or YYYY-MM-DD",
  });
}

function select(name: string, value: string, options: string[], any: string): HTMLSelectElement {
  const control = el("select", { name }, el("option", { value: "" }, any));
  for (const option of options)
    control.append(el("option", { value: option, selected: option === value }, option));
  return control;
}

/** The filter form of `route`'s view, its fields filled from the route; `keep` names route params (other
 * than filters) that survive a submit, e.g. the timeline's period. */
export function filterBar(route: Route, meta: Meta, keep: string[] = []): HTMLFormElement {
  const p = (key: string) => route.params.get(key) ?? "";
  const form = el(
    "form",
    { class: "filters", "aria-label": "Filters" },
    field("Actor", codeInput("actor", p("actor"), "AZE")),
    field("Recipient", codeInput("recipient", p("recipient"), "IRN")),
    field("Type", select("type", p("type"), meta.types, "any type")),
    field("Outlet", select("outlet", p("outlet"), meta.outlets, "any outlet")),
    field("Since", dateInput("since", p("since"))),
    field("Until", dateInput("until", p("until"))),
    el(
      "label",
      { class: "field check" },
      el("input", { type: "checkbox", name: "contested", value: "true", checked: p("contested") === "true" }),
      el("span", {}, "contested only"),
    ),
    el("button", { type: "submit", class: "primary" }, "Apply"),
    el("a", { class: "reset", href: href(route.view, route.parts) }, "Reset"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query: Query = {};
    for (const key of keep) query[key] = route.params.get(key);
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? route.params.get(key) ?? "").trim();
      query[key] = key === "actor" || key === "recipient" ? value.toUpperCase() : value;
    }
    go(href(route.view, route.parts, query));
  });
  return form;
}

/** Quick date ranges ending on `last` (the data's last date): all of it, or its last 30, 90 or 365 days;
 * choosing one also clears the route params named in `reset`. */
export function rangeLinks(route: Route, last: string | null, reset: string[] = []): HTMLElement | null {
  if (!last) return null;
  const end = lastDay(last);
  const cleared = Object.fromEntries(["day", "offset", ...reset].map((key) => [key, null]));
  const link = (label: string, since: string | null, until: string | null) => {
    const current = route.params.get("since") === since && route.params.get("until") === until;
    const target = href(route.view, route.parts, withParams(route, { ...cleared, since, until }));
    return el("a", { href: target, "aria-current": current ? "true" : null }, label);
  };
  return el(
    "div",
    { class: "segmented", role: "group", "aria-label": "Date range" },
    link("all", null, null),
    ...[30, 90, 365].map((days) => link(`last ${days} days`, daysBefore(end, days - 1), end)),
  );
}
