// How records read on screen: the conflict–cooperation colour scale, actors, dates, stances and scores.

import { scaleDiverging } from "d3-scale";
import { interpolateRdBu } from "d3-scale-chromatic";
import type { Entity, Precision, Stance, Story } from "./api";
import { el } from "./dom";

/** PLOVER conflict–cooperation score (-10 … 10) → colour: conflict red, cooperation blue, 0 pale. */
export const scoreColor = scaleDiverging<string>(interpolateRdBu).domain([-10, 0, 10]).clamp(true);

function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Whether white text reads better than the page's ink on the colour of score `score` (WCAG contrast). */
export function darkChip(score: number): boolean {
  const l = luminance(scoreColor(score));
  const ink = 0.017; // relative luminance of --ink, #1d2430
  return 1.05 / (l + 0.05) > (l + 0.05) / (ink + 0.05);
}

/** A score chip: the signed score on its colour. */
export function scoreChip(score: number | null): HTMLElement {
  if (score === null || Number.isNaN(score)) return el("span", { class: "chip muted" }, "–");
  const chip = el(
    "span",
    { class: `chip score${darkChip(score) ? " dark" : ""}`, title: "PLOVER conflict–cooperation score" },
    score > 0 ? `+${score.toFixed(1)}` : score.toFixed(1),
  );
  chip.style.backgroundColor = scoreColor(score);
  return chip;
}

/** An entity as analysts name it: "Iran (IRN)", or the code or text alone when that is all there is. */
export function entityLabel(entity: Entity): string {
  const name = entity.name ?? entity.text ?? "";
  const code = entity.country ?? "";
  if (name && code && name !== code) return `${name} (${code}${entity.sector ? ` ${entity.sector}` : ""})`;
  return name || code || "unknown";
}

/** The codes of a list of entities, joined: "USA + ISR"; "—" for none. */
export function codes(entities: Entity[]): string {
  const names = entities.map((e) => e.country ?? e.name ?? e.text ?? "?");
  return names.length ? names.join(" + ") : "—";
}

/** "IRN → AZE", the dyad of a story. */
export function dyadLabel(story: Pick<Story, "actor" | "recipient">): string {
  return `${codes(story.actor)} → ${codes(story.recipient)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An ISO date at its precision: "5 Mar 2026", "Mar 2026", "2026"; "undated" for none. */
export function dateLabel(date: string | null, precision?: Precision | null): string {
  if (!date) return "undated";
  const [year, month, day] = date.split("-");
  if (precision === "year" || !month) return year;
  const name = MONTHS[Number(month) - 1] ?? month;
  if (precision === "month" || !day) return `${name} ${year}`;
  return `${Number(day)} ${name} ${year}`;
}

const STANCE_TEXT: Record<Stance, string> = { asserts: "asserts", denies: "denies", reports: "reports" };

/** A stance badge; "denies" is red and loud. */
export function stanceBadge(stance: Stance): HTMLElement {
  return el("span", { class: `badge stance-${stance}` }, STANCE_TEXT[stance] ?? stance);
}

/** The red "contested" badge of a story some claimant denies. */
export function contestedBadge(): HTMLElement {
  return el(
    "span",
    { class: "badge contested", title: "At least one claimant denies this event" },
    "contested",
  );
}

/** A PLOVER type with its modes: "ASSAULT · drone". */
export function typeLabel(type: string, mode: string[]): string {
  return mode.length ? `${type} · ${mode.join(", ")}` : type;
}

/** A count with a thousands separator. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `items` grouped by `key`, groups and items in their first order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}
