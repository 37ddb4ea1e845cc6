/**
 * Links between the Prompts, Evolution, Lineage and Rollouts views of a run; undefined values are left
 * out. `base` is the run's view prefix: /runs/<id>, or /s/<token>/runs/<id> on a share link.
 */
type Params = Record<string, string | number | undefined | null>;

function withQuery(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

export const promptsHref = (base: string, params: Params = {}) => withQuery(`${base}/prompts`, params);
export const evolutionHref = (base: string, params: Params = {}) => withQuery(`${base}/evolution`, params);
export const lineageHref = (base: string, node: number) => withQuery(`${base}/lineage`, { node });
export const rolloutsHref = (base: string, step: number, program: number) =>
  withQuery(`${base}/rollouts`, { step, program });
