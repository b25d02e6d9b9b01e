// The JSON API's records (as the API contract describes them) and one fetch helper that turns an error
// answer into an ApiError carrying the API's reason.

export type Precision = "day" | "month" | "year";
export type Stance = "asserts" | "denies" | "reports";

export interface Entity {
  text?: string;
  country: string | null;
  sector: string | null;
  name: string | null;
}

export interface Place {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface Claim {
  claimant: Entity | null;
  speakers?: string[];
  stance: Stance;
  mentions: string[];
  outlets: string[];
}

export interface FigureValue {
  value: number | null;
  text: string;
  per: string | null;
  outlet: string;
  article: string;
  mention?: string;
}

export interface Figure {
  name: string;
  values: FigureValue[];
  disagree: boolean;
}

export interface Story {
  id: string;
  type: string;
  mode: string[];
  actor: Entity[];
  recipient: Entity[];
  date: string | null;
  date_precision: Precision | null;
  location: Place | null;
  score: number;
  contested: boolean;
  claims: Claim[];
  figures: Figure[];
  articles: { id: string; outlet: string; source_id?: string; path?: string }[];
  mentions: string[];
}

export interface Highlights {
  trigger: [number, number] | null;
  actor: [number, number][];
  recipient: [number, number][];
}

export interface Mention {
  id: string;
  article: { id: string; outlet: string; published: string | null; title: string | null };
  sentence: string;
  evidence: string;
  trigger?: string;
  type: string;
  mode: string[];
  score: number;
  actor: Entity[];
  recipient: Entity[];
  date: string | null;
  date_precision: Precision | null;
  location: Place | null;
  claimed_by: Entity | null;
  stance: Stance;
  modality: string | null;
  story: string | null;
  outlet?: string;
  published?: string | null;
  title?: string | null;
  contested?: boolean;
  highlights?: Highlights;
}

export interface Report {
  article: { id: string; title: string | null; outlet: string; url: string | null; published: string | null };
  mentions: Mention[];
}

export interface StoryDetail extends Story {
  reports: Report[];
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface Meta {
  db: string;
  snapshot: { taken_at: string; source_modified_at: string | null };
  counts: { articles: number; mentions: number; stories: number };
  outlets: string[];
  types: string[];
  date_range: { first: string | null; last: string | null };
  version: string;
}

export interface Alert {
  actor: string;
  recipient: string;
  day: string;
  conflict: number;
  events: number;
  baseline: number;
  p: number;
  days_observed?: number;
  reports: number;
  outlets: string[];
  stories: string[];
}

export interface DyadSeries {
  actor: string;
  recipient: string;
  directed: boolean;
  period: string;
  series: { period: string; conflict: number; cooperation: number; stories: string[] }[];
  alerts: Alert[];
}

export interface DyadSummary {
  actor: string;
  recipient: string;
  stories: number;
  conflict: number;
  cooperation: number;
}

export interface PlaceCluster {
  lat: number;
  lon: number;
  name: string | null;
  country: string | null;
  count: number;
  stories: string[];
  score: number | null;
}

export interface Timeline {
  period: string;
  undated: number;
  items: { period: string; stories: number; scores: [number, number][] }[];
}

/** An error answer of the API: the HTTP status, the API's reason and the parameter it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly parameter: string | null,
  ) {
    super(parameter ? `${reason} (parameter: ${parameter})` : reason);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** The query string of the set values of `query` (empty strings, null and undefined left out). */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function reasonOf(status: number, body: unknown): { reason: string; parameter: string | null } {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (detail && typeof detail === "object" && !Array.isArray(detail)) {
    const { reason, parameter } = detail as { reason?: unknown; parameter?: unknown };
    if (typeof reason === "string") {
      return { reason, parameter: typeof parameter === "string" ? parameter : null };
    }
  }
  if (typeof detail === "string") return { reason: detail, parameter: null };
  return { reason: `the server answered ${status}`, parameter: null };
}

/** GET `path` (relative to the page, e.g. "api/stories") with `query`; resolves to the parsed JSON. Rejects
 * with ApiError when the API answers an error status, with a plain Error when the server is unreachable. */
export async function get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(query)}`, {
      signal,
      headers: { Accept: "application/json" },
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new Error("the eventlens server cannot be reached; is `eventlens serve` still running?");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { reason, parameter } = reasonOf(response.status, body);
    throw new ApiError(response.status, reason, parameter);
  }
  return body as T;
}

/** Fetch the stories with these ids (in that order), a few requests at a time. */
export async function storiesById(ids: string[], signal?: AbortSignal): Promise<StoryDetail[]> {
  const out: StoryDetail[] = new Array(ids.length);
  const width = 6;
  for (let i = 0; i < ids.length; i += width) {
    const chunk = ids.slice(i, i + width);
    const got = await Promise.all(
      chunk.map((id) => get<StoryDetail>(`api/stories/${encodeURIComponent(id)}`, {}, signal)),
    );
    got.forEach((story, j) => (out[i + j] = story));
  }
  return out;
}
