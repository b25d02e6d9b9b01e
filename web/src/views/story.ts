// The story view: one event with every report that tells it, grouped by outlet; each claimant with its
// stance (a contested story carries a red badge and its denials red rows); figures that disagree side by
// side with who gave them; each report's evidence sentence with trigger, actor and recipient highlighted.

import type { Claim, Figure, FigureValue, Mention, Report, StoryDetail } from "../api";
import { get } from "../api";
import { el, loading, replace, table } from "../dom";
import {
  codes,
  contestedBadge,
  dateLabel,
  entityLabel,
  groupBy,
  scoreChip,
  stanceBadge,
  typeLabel,
} from "../format";
import type { Context } from "../main";
import type { Route } from "../route";
import { href } from "../route";

type Role = "trigger" | "actor" | "recipient";

/** `sentence` as text nodes and <mark>s: each character takes the role whose span covers it (the trigger
 * wins over actor, actor over recipient); spans outside the sentence are clipped. */
export function highlighted(sentence: string, mention: Mention): HTMLElement {
  const roles: (Role | null)[] = new Array(sentence.length).fill(null);
  const paint = (span: [number, number] | null | undefined, role: Role) => {
    if (!span) return;
    const [start, end] = span;
    for (let i = Math.max(0, start); i < Math.min(end, sentence.length); i++) roles[i] ??= role;
  };
  const h = mention.highlights;
  paint(h?.trigger, "trigger");
  h?.actor.forEach((span) => paint(span, "actor"));
  h?.recipient.forEach((span) => paint(span, "recipient"));
  const out = el("blockquote", { class: "evidence" });
  let i = 0;
  while (i < sentence.length) {
    let j = i;
    while (j < sentence.length && roles[j] === roles[i]) j++;
    const text = sentence.slice(i, j);
    const role = roles[i];
    out.append(role ? el("mark", { class: role, title: role }, text) : text);
    i = j;
  }
  return out;
}

function claimRow(claim: Claim): HTMLTableRowElement {
  const claimant = claim.claimant ? entityLabel(claim.claimant) : "the outlet itself (no claimant named)";
  const speakers = (claim.speakers ?? []).filter((s) => s !== claim.claimant?.name);
  return el(
    "tr",
    { class: `claim stance-${claim.stance}` },
    el(
      "th",
      { scope: "row" },
      claimant,
      speakers.length ? el("div", { class: "muted small" }, `as ${speakers.join("; ")}`) : null,
    ),
    el("td", {}, stanceBadge(claim.stance)),
    el("td", {}, claim.outlets.join("; ")),
    el("td", { class: "num" }, String(claim.mentions.length)),
  );
}

function claimsTable(story: StoryDetail): HTMLElement {
  const order = { denies: 0, asserts: 1, reports: 2 };
  const claims = [...story.claims].sort((a, b) => order[a.stance] - order[b.stance]);
  return table("claims", ["Claimant", "Stance", "Outlets", "Reports#"], claims.map(claimRow));
}

/** "per the Defense Ministry": the source as the sentence would name it. */
function perLabel(per: string | null): string {
  return per ? `per ${per.replace(/^The /, "the ")}` : "no source named";
}

/** One outlet's column of a figure: each distinct amount it gives, with everyone it attributes it to. */
function outletColumn(outlet: string, values: FigureValue[]): HTMLElement {
  const amounts = new Map<string, { value: FigureValue; sources: Set<string> }>();
  for (const value of values) {
    const key = value.value === null ? value.text.toLowerCase() : String(value.value);
    const entry = amounts.get(key) ?? { value, sources: new Set<string>() };
    entry.sources.add(perLabel(value.per));
    amounts.set(key, entry);
  }
  return el(
    "div",
    { class: "figure-outlet", "data-outlet": outlet },
    el("div", { class: "figure-outlet-name" }, outlet),
    ...[...amounts.values()].map(({ value, sources }) =>
      el(
        "div",
        { class: `figure-value${value.value === null ? " vague" : ""}` },
        el("span", { class: "amount" }, value.value === null ? value.text : String(value.value)),
        value.value !== null && value.text !== String(value.value)
          ? el("span", { class: "wording" }, ` “${value.text}”`)
          : null,
        el("div", { class: "per" }, [...sources].join("; ")),
      ),
    ),
  );
}

function figureBlock(figure: Figure): HTMLElement {
  return el(
    "div",
    { class: `figure${figure.disagree ? " disagree" : ""}` },
    el(
      "h3",
      {},
      figure.name,
      figure.disagree
        ? el("span", { class: "badge disagree" }, "sources disagree")
        : el("span", { class: "badge agree" }, "sources agree"),
    ),
    el(
      "div",
      { class: "figure-values" },
      ...[...groupBy(figure.values, (v) => v.outlet)].map(([outlet, values]) => outletColumn(outlet, values)),
    ),
  );
}

function mentionBlock(mention: Mention): HTMLElement {
  const claimant = mention.claimed_by ? entityLabel(mention.claimed_by) : null;
  return el(
    "li",
    { class: `mention stance-${mention.stance}` },
    highlighted(mention.sentence, mention),
    el(
      "div",
      { class: "mention-meta" },
      stanceBadge(mention.stance),
      el("span", {}, claimant ? `claimed by ${claimant}` : "stated by the outlet"),
      el("span", { class: "muted" }, typeLabel(mention.type, mention.mode)),
      el("span", { class: "muted" }, `${codes(mention.actor)} → ${codes(mention.recipient)}`),
      mention.modality ? el("span", { class: "badge modality" }, mention.modality) : null,
    ),
  );
}

function reportBlock(report: Report): HTMLElement {
  const title = report.article.title ?? `untitled article ${report.article.id.slice(0, 8)}`;
  return el(
    "article",
    { class: "report" },
    el(
      "header",
      {},
      el(
        "h4",
        {},
        report.article.url
          ? el("a", { href: report.article.url, rel: "noopener noreferrer", target: "_blank" }, title)
          : title,
      ),
      el(
        "span",
        { class: "muted" },
        report.article.published
          ? `published ${dateLabel(report.article.published)}`
          : "publication date unknown",
      ),
    ),
    el("ul", { class: "mentions" }, ...report.mentions.map(mentionBlock)),
  );
}

function reportsByOutlet(reports: Report[]): HTMLElement[] {
  const outlets = groupBy(reports, (r) => r.article.outlet);
  return [...outlets.entries()].map(([outlet, list]) =>
    el(
      "section",
      { class: "outlet", "data-outlet": outlet },
      el(
        "h3",
        {},
        outlet,
        el("span", { class: "muted" }, ` · ${list.length} article${list.length === 1 ? "" : "s"}`),
      ),
      ...list.map(reportBlock),
    ),
  );
}

function summary(story: StoryDetail): HTMLElement {
  const outlets = new Set(story.articles.map((a) => a.outlet));
  const actor = story.actor[0]?.country;
  const recipient = story.recipient[0]?.country;
  return el(
    "div",
    { class: "story-summary" },
    el(
      "div",
      { class: "who" },
      story.actor.map(entityLabel).join(" + ") || "unknown actor",
      el("span", { class: "arrow" }, " → "),
      story.recipient.map(entityLabel).join(" + ") || "no recipient",
    ),
    el(
      "dl",
      { class: "facts" },
      el("dt", {}, "Date"),
      el("dd", {}, dateLabel(story.date, story.date_precision)),
      el("dt", {}, "Place"),
      el(
        "dd",
        {},
        story.location
          ? `${story.location.name}${story.location.country ? ` (${story.location.country})` : ""}`
          : "not located",
      ),
      el("dt", {}, "Score"),
      el("dd", {}, scoreChip(story.score)),
      el("dt", {}, "Sources"),
      el(
        "dd",
        {},
        `${story.articles.length} articles from ${outlets.size} outlet${outlets.size === 1 ? "" : "s"}`,
      ),
    ),
    actor && recipient
      ? el(
          "p",
          {},
          el(
            "a",
            { href: href("dyad", [actor, recipient], { period: "day" }) },
            `${actor} → ${recipient} dyad over time`,
          ),
        )
      : null,
  );
}

function storyHead(story: StoryDetail): HTMLElement {
  return el(
    "header",
    { class: `story-head${story.contested ? " is-contested" : ""}` },
    el("h1", {}, typeLabel(story.type, story.mode), story.contested ? contestedBadge() : null),
    story.contested
      ? el(
          "p",
          { class: "contested-note", role: "note" },
          "Contested: at least one claimant denies this event. Read the denials before using it.",
        )
      : null,
    summary(story),
  );
}

function figuresPanel(figures: Figure[]): HTMLElement | null {
  if (!figures.length) return null;
  const ordered = [...figures.filter((f) => f.disagree), ...figures.filter((f) => !f.disagree)];
  return el("section", { class: "panel" }, el("h2", {}, "Figures"), ...ordered.map(figureBlock));
}

function reportsPanel(reports: Report[]): HTMLElement {
  const legend = el(
    "p",
    { class: "legend" },
    "Evidence: ",
    el("mark", { class: "trigger" }, "trigger"),
    " ",
    el("mark", { class: "actor" }, "actor"),
    " ",
    el("mark", { class: "recipient" }, "recipient"),
  );
  return el(
    "section",
    { class: "panel" },
    el("h2", {}, "Reports by outlet"),
    legend,
    ...reportsByOutlet(reports),
  );
}

/** Render #/story/<id>. */
export async function storyView(root: HTMLElement, route: Route, { signal }: Context): Promise<void> {
  const id = route.parts[0];
  if (!id) {
    root.append(
      el(
        "p",
        {},
        "Pick a story from the ",
        el("a", { href: href("timeline") }, "timeline"),
        " or ",
        el("a", { href: href("search") }, "search"),
        ".",
      ),
    );
    return;
  }
  root.append(loading("Loading story…"));
  const story = await get<StoryDetail>(`api/stories/${encodeURIComponent(id)}`, {}, signal);
  document.title = `${story.type} ${codes(story.actor)} → ${codes(story.recipient)} · eventlens`;
  replace(
    root,
    storyHead(story),
    el("section", { class: "panel" }, el("h2", {}, "Who says so"), claimsTable(story)),
    figuresPanel(story.figures),
    reportsPanel(story.reports),
  );
}
