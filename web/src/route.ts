// Deep links: every view and its state live in the URL hash, e.g. #/dyad/AZE/IRN?period=day or
// #/timeline?actor=AZE&type=ASSAULT. Views read a Route and change state only by writing a new hash.

import type { Query } from "./api";
import { queryString } from "./api";

export interface Route {
  view: string;
  parts: string[];
  params: URLSearchParams;
}

/** The route of a location hash ("" and "#/" give the timeline). */
export function parse(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const at = text.indexOf("?");
  const path = at < 0 ? text : text.slice(0, at);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return {
    view: parts.shift() ?? "timeline",
    parts,
    params: new URLSearchParams(at < 0 ? "" : text.slice(at + 1)),
  };
}

/** The hash link of a view, its path parts and its query (unset values left out). */
export function href(view: string, parts: string[] = [], query: Query = {}): string {
  const path = [view, ...parts.map(encodeURIComponent)].join("/");
  return `#/${path}${queryString(query)}`;
}

/** The params of `route` as a plain object, with `changes` applied (null removes a key). */
export function withParams(route: Route, changes: Query): Query {
  const query: Query = Object.fromEntries(route.params.entries());
  for (const [key, value] of Object.entries(changes)) query[key] = value;
  return query;
}

/** Go to `link` (a hash made by href); a same-hash link re-renders nothing. */
export function go(link: string): void {
  if (location.hash !== link) location.hash = link;
}
