/** The range of a run's seed: runs.seed is a PostgreSQL integer, narrower than config.seed allows. */
export const MAX_RUN_SEED = 2_147_483_647;
