/** Links between the Prompts, Evolution, Lineage and Rollouts views of a run; undefined values are left out. */
type Params = Record<string, string | number | undefined | null>;

function withQuery(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

export const promptsHref = (runId: string, params: Params = {}) =>
  withQuery(`/runs/${runId}/prompts`, params);
export const evolutionHref = (runId: string, params: Params = {}) =>
  withQuery(`/runs/${runId}/evolution`, params);
export const lineageHref = (runId: string, node: number) => withQuery(`/runs/${runId}/lineage`, { node });
export const rolloutsHref = (runId: string, step: number, program: number) =>
  withQuery(`/runs/${runId}/rollouts`, { step, program });
