// The map: countries drawn from the world-atlas package (no tile server), located stories as markers from
// /api/places, clustered on the server on a grid whose cell shrinks as the map zooms in; picking a marker
// lists its stories. Pan and zoom with the mouse, or the +/− buttons; markers are keyboard-focusable.

import { geoMercator, geoPath } from "d3-geo";
import type { GeoProjection } from "d3-geo";
import { select } from "d3-selection";
import type { ZoomBehavior, ZoomTransform } from "d3-zoom";
import { zoom, zoomIdentity } from "d3-zoom";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Page, PlaceCluster, Query } from "../api";
import { get, storiesById } from "../api";
import { buttonLike, el, errorBox, loading, replace, svg, table } from "../dom";
import { filterBar, filtersOf } from "../filters";
import { count, darkChip, scoreColor } from "../format";
import type { Context } from "../main";
import type { Route } from "../route";
import { storyTable } from "../storylist";

const HEIGHT = 520;
const STORIES_PER_PLACE = 20;
const CELLS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20];

let atlas: Promise<GeoJSON.FeatureCollection> | null = null;

/** The world-atlas countries (50m), fetched from the dashboard's own assets once per page. */
function countries(): Promise<GeoJSON.FeatureCollection> {
  atlas ??= fetch("assets/countries-50m.json")
    .then((response) => {
      if (!response.ok)
        throw new Error(`the country shapes (assets/countries-50m.json) answered ${response.status}`);
      return response.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then((topology) => feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection);
  return atlas;
}

/** The clustering cell (degrees) that keeps markers about 36 px apart at this projection and zoom. */
function cellFor(projection: GeoProjection, k: number): number {
  const pxPerDegree = (projection.scale() * k * Math.PI) / 180;
  return CELLS.find((cell) => cell * pxPerDegree >= 36) ?? CELLS[CELLS.length - 1];
}

function fitTo(projection: GeoProjection, places: PlaceCluster[], width: number): void {
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  if (!places.length) {
    projection.fitExtent(
      [
        [8, 8],
        [width - 8, HEIGHT - 8],
      ],
      { type: "Sphere" },
    );
    return;
  }
  const pad = (lo: number, hi: number, min: number) => {
    const extra = Math.max(0, min - (hi - lo)) / 2 + (hi - lo) * 0.15;
    return [lo - extra, hi + extra];
  };
  const [west, east] = pad(Math.min(...lons), Math.max(...lons), 16);
  const [south, north] = pad(Math.min(...lats), Math.max(...lats), 10);
  projection.fitExtent(
    [
      [16, 16],
      [width - 16, HEIGHT - 16],
    ],
    {
      type: "MultiPoint",
      coordinates: [
        [west, Math.max(-60, south)],
        [east, Math.min(75, north)],
      ],
    },
  );
}

function placeName(place: PlaceCluster): string {
  return `${place.name ?? "several places"}${place.country ? ` (${place.country})` : ""}`;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Markers drawn with their place names beside them when there are at most this many. */
const NAMED_MARKERS = 40;

function marker(
  place: PlaceCluster,
  { maxRadius, named }: { maxRadius: number; named: boolean },
  onPick: (place: PlaceCluster) => void,
): SVGGElement {
  const r = Math.min(maxRadius, 5 + 3 * Math.sqrt(place.count));
  const score = place.score ?? 0;
  const label = `${placeName(place)}: ${count(place.count)} located event${place.count === 1 ? "" : "s"}${place.score !== null ? `, mean score ${place.score.toFixed(1)}` : ""}`;
  const group = svg(
    "g",
    {
      class: "marker",
      "aria-label": label,
      "data-name": place.name ?? "",
      ...buttonLike(() => onPick(place)),
    },
    svg("circle", { r, fill: scoreColor(score) }),
    place.count > 1
      ? svg("text", { class: darkChip(score) ? "on-dark" : "", dy: "0.35em" }, compact.format(place.count))
      : null,
    named && place.name ? svg("text", { class: "place-label", x: r + 4, dy: "0.35em" }, place.name) : null,
    svg("title", {}, label),
  );
  return group;
}

async function showPlace(panel: HTMLElement, place: PlaceCluster, signal: AbortSignal): Promise<void> {
  replace(panel, el("h2", {}, place.name ?? "Several places"), loading("Loading stories…"));
  try {
    const stories = await storiesById(place.stories, signal);
    const more =
      place.stories.length >= STORIES_PER_PLACE
        ? el(
            "p",
            { class: "muted small" },
            `The first ${STORIES_PER_PLACE} stories; zoom in to split the cluster.`,
          )
        : null;
    const what = el(
      "p",
      { class: "muted small" },
      `${count(place.count)} located event${place.count === 1 ? "" : "s"} in ${place.stories.length} stor${place.stories.length === 1 ? "y" : "ies"}`,
    );
    replace(panel, el("h2", {}, placeName(place)), what, more, storyTable(stories));
  } catch (error) {
    if ((error as Error).name !== "AbortError") replace(panel, errorBox(error));
  }
}

const TABLE_ROWS = 20;

function placesTable(places: PlaceCluster[], onPick: (place: PlaceCluster) => void): HTMLElement {
  const rows = [...places]
    .sort((a, b) => b.count - a.count)
    .slice(0, TABLE_ROWS)
    .map((p) =>
      el(
        "tr",
        {},
        el(
          "td",
          {},
          el(
            "button",
            { type: "button", class: "link", onclick: () => onPick(p) },
            p.name ?? "several places",
          ),
        ),
        el("td", {}, p.country ?? ""),
        el("td", { class: "num" }, count(p.count)),
        el("td", { class: "num" }, count(p.stories.length)),
        el("td", { class: "num" }, p.score === null ? "–" : p.score.toFixed(1)),
      ),
    );
  return table(
    "stories places",
    ["Place or cluster", "Country", "Located events#", "Stories#", "Mean score#"],
    rows,
  );
}

interface MapState {
  projection: GeoProjection;
  transform: ZoomTransform;
  cell: number;
  places: PlaceCluster[];
  /** How many markers the server has at this cell size (it sends at most 500). */
  total: number;
}

function landLayer(shapes: GeoJSON.FeatureCollection, projection: GeoProjection): SVGGElement {
  const land = svg("g", { class: "land" });
  const path = geoPath(projection);
  for (const country of shapes.features) {
    land.append(
      svg(
        "path",
        { d: path(country) ?? "", class: "country" },
        svg("title", {}, String(country.properties?.name ?? "")),
      ),
    );
  }
  return land;
}

/** The zoomable map of `state.places` over `shapes`; markers are redrawn on every zoom and re-clustered
 * (`load(cell)`) when the zoom settles at a scale that wants another cell size. */
function drawMarkers(layer: SVGGElement, state: MapState, pick: (place: PlaceCluster) => void): void {
  layer.replaceChildren();
  const cellPx = (state.projection.scale() * state.transform.k * Math.PI * state.cell) / 180;
  const maxRadius = Math.max(8, Math.min(26, cellPx * 0.45));
  for (const place of state.places) {
    const [x, y] = state.transform.apply(state.projection([place.lon, place.lat]) ?? [0, 0]);
    const node = marker(place, { maxRadius, named: state.places.length <= NAMED_MARKERS }, pick);
    node.setAttribute("transform", `translate(${x},${y})`);
    layer.append(node);
  }
}

function zoomButtons(chart: SVGSVGElement, behaviour: ZoomBehavior<SVGSVGElement, unknown>): HTMLElement {
  const zoomBy = (factor: number) => select(chart).call(behaviour.scaleBy, factor);
  return el(
    "div",
    { class: "map-tools" },
    el("button", { type: "button", onclick: () => zoomBy(2), "aria-label": "zoom in" }, "+"),
    el("button", { type: "button", onclick: () => zoomBy(0.5), "aria-label": "zoom out" }, "−"),
  );
}

interface MapHandlers {
  load: (cell: number) => Promise<Page<PlaceCluster>>;
  pick: (place: PlaceCluster) => void;
  onPlaces: () => void;
  onError: (error: unknown) => void;
}

function zoomableMap(
  shapes: GeoJSON.FeatureCollection,
  state: MapState,
  width: number,
  { load, pick, onPlaces, onError }: MapHandlers,
): { chart: SVGSVGElement; tools: HTMLElement; settle: () => Promise<void> } {
  const land = landLayer(shapes, state.projection);
  const markers = svg("g", { class: "markers" });
  const chart = svg(
    "svg",
    {
      class: "map",
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      role: "img",
      "aria-label": "map of located stories",
    },
    land,
    markers,
  );
  const draw = () => drawMarkers(markers, state, pick);
  const settle = async () => {
    const cell = cellFor(state.projection, state.transform.k);
    if (cell !== state.cell) {
      state.cell = cell;
      const page = await load(cell);
      [state.places, state.total] = [page.items, page.total];
      onPlaces();
    }
    draw();
  };
  let pending = 0;
  const behaviour = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 64])
    .on("zoom", (event: { transform: ZoomTransform }) => {
      state.transform = event.transform;
      land.setAttribute("transform", event.transform.toString());
      draw();
    })
    .on("end", () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => settle().catch(onError), 200);
    });
  select(chart).call(behaviour);
  return { chart, tools: zoomButtons(chart, behaviour), settle };
}

/** Render #/map?actor&recipient&type&outlet&since&until&contested. */
export async function mapView(root: HTMLElement, route: Route, { meta, signal }: Context): Promise<void> {
  const filters: Query = filtersOf(route);
  const mapBox = el("div", { class: "map-box" }, loading("Loading map…"));
  const panel = el(
    "aside",
    { class: "panel map-panel", "aria-live": "polite" },
    el("p", { class: "muted" }, "Pick a marker to list its stories."),
  );
  const tableBox = el("section", { class: "panel" });
  root.append(
    el("h1", {}, "Map"),
    filterBar(route, meta),
    el("div", { class: "map-layout" }, el("section", { class: "panel" }, mapBox), panel),
    tableBox,
  );
  const width = Math.max(320, mapBox.clientWidth);
  const load = (cell: number) => get<Page<PlaceCluster>>("api/places", { ...filters, cell }, signal);
  const [shapes, first] = await Promise.all([countries(), load(CELLS[CELLS.length - 1])]);
  const state: MapState = {
    projection: geoMercator(),
    transform: zoomIdentity,
    cell: CELLS[CELLS.length - 1],
    places: first.items,
    total: first.total,
  };
  fitTo(state.projection, state.places, width);
  const pick = (place: PlaceCluster) => void showPlace(panel, place, signal);
  const table = () =>
    replace(
      tableBox,
      el(
        "h2",
        {},
        state.places.length > TABLE_ROWS
          ? `Busiest places: ${TABLE_ROWS} of ${count(state.total)} markers (cells of ${state.cell}°)`
          : `Places: ${count(state.total)} markers (cells of ${state.cell}°)`,
      ),
      state.total > state.places.length
        ? el(
            "p",
            { class: "muted small" },
            `The map draws the ${count(state.places.length)} the server sent.`,
          )
        : null,
      placesTable(state.places, pick),
    );
  const onError = (error: unknown) => {
    if ((error as Error).name !== "AbortError") replace(panel, errorBox(error));
  };
  const map = zoomableMap(shapes, state, width, { load, pick, onPlaces: table, onError });
  replace(mapBox, map.tools, map.chart);
  table();
  await map.settle();
}
