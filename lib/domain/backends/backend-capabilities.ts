/** What "Test connection" found; the launch form offers only the train modes these allow. */
export interface BackendCapabilities {
  /** Can sample completions (policy rollouts, reflection calls). */
  sampling: boolean;
  /** Returns token ids and logprobs with samples. */
  logprobs: boolean;
  /** Can apply weight updates (forward_backward + optim_step): needed by `rl` and `evolution_rl`. */
  training: boolean;
}
