// A diverging bar chart over time, shared by the timeline and the dyad view: for each period, segments
// stacked upward (cooperation) and downward (conflict) from a zero line, optional marks above periods
// (alerts), and periods that can be picked by click or keyboard (Enter/Space on a focused bar).

import { axisBottom, axisLeft } from "d3-axis";
import type { ScaleLinear, ScaleTime } from "d3-scale";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { buttonLike, svg } from "./dom";

export type Period = "day" | "week" | "month";

export interface Segment {
  value: number;
  color: string;
  label: string;
}

export interface Column {
  period: string;
  up: Segment[];
  down: Segment[];
  title: string;
  pickable: boolean;
}

export interface ChartOptions {
  height?: number;
  selected?: string | null;
  marks?: { period: string; label: string }[];
  yLabel: { up: string; down: string };
  onPick?: (period: string) => void;
}

const DAY = 86_400_000;

function utc(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of a YYYY, YYYY-MM or YYYY-MM-DD date, as YYYY-MM-DD. */
export function firstDay(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** The day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return daysBefore(day, 1);
}

/** The last day of a YYYY, YYYY-MM or YYYY-MM-DD date, as YYYY-MM-DD. */
export function lastDay(value: string): string {
  if (value.length === 10) return value;
  if (value.length === 4) return `${value}-12-31`;
  return dayBefore(nextPeriod(`${value}-01`, "month"));
}

/** The day `days` days before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, days: number): string {
  return iso(new Date(utc(day).getTime() - days * DAY));
}

/** The first day (YYYY-MM-DD) of the `period` holding `day`: itself, its ISO week's Monday, or the 1st. */
export function periodStart(day: string, period: Period): string {
  const date = utc(day);
  if (period === "week") return iso(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY));
  if (period === "month") return `${day.slice(0, 7)}-01`;
  return day.slice(0, 10);
}

/** The period after the one starting on `start`. */
export function nextPeriod(start: string, period: Period): string {
  const date = utc(start);
  if (period === "month") return iso(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
  return iso(new Date(date.getTime() + (period === "week" ? 7 : 1) * DAY));
}

/** Every period start from the one holding `first` to the one holding `last`, inclusive. */
export function periodsBetween(first: string, last: string, period: Period): string[] {
  const out: string[] = [];
  const end = periodStart(last, period);
  for (let p = periodStart(first, period); p <= end; p = nextPeriod(p, period)) out.push(p);
  return out;
}

/** The finest period that keeps a chart from `first` to `last` under ~400 bars. */
export function periodFor(first: string, last: string): Period {
  const days = (utc(last).getTime() - utc(first).getTime()) / DAY;
  if (days <= 400) return "day";
  if (days <= 7 * 400) return "week";
  return "month";
}

const MAX_BAR = 56;
const MARGIN = { top: 38, right: 12, bottom: 26, left: 44 };

function stack(column: Column, x0: number, width: number, y: (v: number) => number): SVGGElement {
  const group = svg("g", { class: "column" });
  let up = 0;
  for (const segment of column.up) {
    const top = y(up + segment.value);
    group.append(
      svg(
        "rect",
        { x: x0, y: top, width, height: Math.max(0.5, y(up) - top), fill: segment.color },
        svg("title", {}, segment.label),
      ),
    );
    up += segment.value;
  }
  let down = 0;
  for (const segment of column.down) {
    const top = y(-down);
    group.append(
      svg(
        "rect",
        {
          x: x0,
          y: top,
          width,
          height: Math.max(0.5, y(-(down + segment.value)) - top),
          fill: segment.color,
        },
        svg("title", {}, segment.label),
      ),
    );
    down += segment.value;
  }
  return group;
}

function hitArea(
  column: Column,
  x0: number,
  width: number,
  height: number,
  options: ChartOptions,
): SVGGElement {
  const pick = () => options.onPick?.(column.period);
  const group = svg(
    "g",
    {
      class: `hit${column.period === options.selected ? " selected" : ""}`,
      "data-period": column.period,
      "aria-label": column.title,
      ...(column.pickable ? buttonLike(pick) : {}),
    },
    svg("rect", { x: x0, y: 0, width: Math.max(width, 1), height }, svg("title", {}, column.title)),
  );
  return group;
}

interface Frame {
  x: ScaleTime<number, number>;
  y: ScaleLinear<number, number>;
  w: number;
  h: number;
}

function frame(columns: Column[], period: Period, width: number, height: number): Frame {
  const w = Math.max(100, width - MARGIN.left - MARGIN.right);
  const h = height - MARGIN.top - MARGIN.bottom;
  const first = columns[0]?.period ?? "2000-01-01";
  const end = nextPeriod(columns[columns.length - 1]?.period ?? first, period);
  const sum = (segments: Segment[]) => segments.reduce((total, s) => total + s.value, 0);
  const top = Math.max(1, ...columns.map((c) => sum(c.up)));
  const bottom = Math.max(1, ...columns.map((c) => sum(c.down)));
  return {
    x: scaleUtc()
      .domain([utc(first), utc(end)])
      .range([0, w]),
    y: scaleLinear().domain([-bottom, top]).range([h, 0]).nice(),
    w,
    h,
  };
}

function axes(f: Frame, yLabel: ChartOptions["yLabel"]): SVGGElement[] {
  const xAxis = svg("g", { class: "axis x", transform: `translate(0,${f.h})` });
  const yAxis = svg("g", { class: "axis y" });
  const days = f.x.ticks(Math.max(2, Math.floor(f.w / 90))).filter((d) => d.getUTCHours() === 0);
  select(xAxis).call(axisBottom(f.x).tickValues(days));
  select(yAxis).call(
    axisLeft(f.y)
      .tickValues(f.y.ticks(6).filter(Number.isInteger))
      .tickFormat((v) => String(Math.abs(Number(v)))),
  );
  return [
    yAxis,
    xAxis,
    svg(
      "g",
      {},
      svg("text", { class: "ylabel", x: -MARGIN.left + 4, y: -24 }, `▲ ${yLabel.up}  ▼ ${yLabel.down}`),
    ),
  ];
}

function mark(f: Frame, period: Period, at: { period: string; label: string }): SVGGElement {
  const start = periodStart(at.period, period);
  const cx = (f.x(utc(start)) + f.x(utc(nextPeriod(start, period)))) / 2;
  return svg(
    "g",
    { class: "mark", "data-mark": at.period },
    svg("line", { x1: cx, x2: cx, y1: -4, y2: f.h }),
    svg("path", { d: `M${cx - 6},${-16} L${cx + 6},${-16} L${cx},${-5} Z` }),
    svg("title", {}, at.label),
  );
}

/** An SVG chart `width` px wide of `columns` (one per period, in order, of length `period`). */
export function divergingChart(
  columns: Column[],
  period: Period,
  width: number,
  options: ChartOptions,
): SVGSVGElement {
  const height = options.height ?? 260;
  const f = frame(columns, period, width, height);
  const plot = svg("g", { transform: `translate(${MARGIN.left},${MARGIN.top})` }, ...axes(f, options.yLabel));
  const gap = f.w / columns.length > 4 ? 1 : 0;
  for (const column of columns) {
    const slot = f.x(utc(nextPeriod(column.period, period))) - f.x(utc(column.period));
    const w = Math.max(1, Math.min(MAX_BAR, slot - gap));
    const x0 = f.x(utc(column.period)) + (slot - gap - w) / 2;
    plot.append(hitArea(column, x0, w, f.h, options), stack(column, x0, w, f.y));
    if (column.period === options.selected) {
      plot.append(svg("rect", { class: "selection", x: x0 - 1.5, y: -1, width: w + 3, height: f.h + 2 }));
    }
  }
  plot.append(svg("line", { class: "zero", x1: 0, x2: f.w, y1: f.y(0), y2: f.y(0) }));
  for (const at of options.marks ?? []) plot.append(mark(f, period, at));
  return svg("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img" }, plot);
}

/** A horizontal legend of the diverging score scale from -10 to +10. */
export function scoreLegend(color: (score: number) => string): SVGSVGElement {
  const [left, width, steps] = [52, 200, 40];
  const legend = svg("svg", {
    class: "legend-scale",
    width: left + width + 80,
    height: 34,
    role: "img",
    "aria-label": "score colours: -10 conflict (red) to +10 cooperation (blue)",
  });
  for (let i = 0; i < steps; i++) {
    const score = -10 + (20 * (i + 0.5)) / steps;
    legend.append(
      svg("rect", {
        x: left + (i * width) / steps,
        y: 4,
        width: width / steps + 0.5,
        height: 12,
        fill: color(score),
      }),
    );
  }
  legend.append(svg("text", { x: left - 4, y: 14, "text-anchor": "end" }, "conflict"));
  legend.append(svg("text", { x: left, y: 30, "text-anchor": "middle" }, "−10"));
  legend.append(svg("text", { x: left + width / 2, y: 30, "text-anchor": "middle" }, "0"));
  legend.append(svg("text", { x: left + width, y: 30, "text-anchor": "middle" }, "+10"));
  legend.append(svg("text", { x: left + width + 4, y: 14 }, "cooperation"));
  return legend;
}
