/**
 * What the simulated server answers with, from the offline simulator: policy completions from SimPolicy
 * (problems are recognised by their question, looked up in the built-in suite), reflection replies from
 * the simulated reflection LLM when the request carries the engine's context (`espl_context`, sent by the
 * driver when the backend's "send reflection context" option is on).
 */
import {
  answerReflectionRequest,
  createCategoryLookup,
  generateSuite,
  SimPolicy,
} from "@/lib/espl/simulator";
import type { ChatMessage } from "@/lib/espl/llm/chat";
import type { Completion, EsplProblem } from "@/lib/espl/ports";
import { BUILTIN_SUITE_SEED } from "@/lib/server/runner/run-problems";

const TEMPLATE_HEAD = "Solve the following problem.\n";
const TEMPLATE_TAIL = "\n\nBefore you start working on it, you MUST read carefully";

/** The problem inside a rendered policy prompt (lib/espl/prompts/policy-prompt.ts), or the whole prompt. */
export function readQuestion(prompt: string): string {
  if (!prompt.startsWith(TEMPLATE_HEAD)) return prompt.trim();
  const rest = prompt.slice(TEMPLATE_HEAD.length);
  const end = rest.indexOf(TEMPLATE_TAIL);
  return (end >= 0 ? rest.slice(0, end) : rest).trim();
}

export interface SimAnswers {
  sample(
    prompt: string,
    n: number,
    maxTokens: number,
    temperature: number,
    topP: number,
  ): Promise<Completion[]>;
  reflect(messages: ChatMessage[], espl: { purpose: string; context: unknown } | null): string;
}

export function createSimAnswers(seed: number): SimAnswers {
  const suite = generateSuite({ seed: BUILTIN_SUITE_SEED });
  const byQuestion = new Map<string, EsplProblem>();
  for (const problem of [...suite.train, ...suite.test]) byQuestion.set(problem.question.trim(), problem);
  const unknown = new Map<string, EsplProblem>();
  const policy = new SimPolicy({ seed });
  const lookup = createCategoryLookup(suite);

  const findProblem = (question: string): EsplProblem => {
    const known = byQuestion.get(question);
    if (known) return known;
    // A question from elsewhere: the simulator still writes reasoning, around an answer it cannot know.
    let made = unknown.get(question);
    if (!made) {
      made = { index: 1_000_000 + unknown.size, question, answer: "0" };
      if (unknown.size < 10_000) unknown.set(question, made);
    }
    return made;
  };

  return {
    async sample(prompt, n, maxTokens, temperature, topP) {
      const problem = findProblem(readQuestion(prompt));
      const [completions] = await policy.sample([{ problem, prompt, n }], { maxTokens, temperature, topP });
      return completions!;
    },
    reflect(messages, espl) {
      if (espl === null)
        return (
          "Without the structured context the simulator cannot review these rollouts, so it suggests no " +
          "change.\n```json\n[]\n```"
        );
      return answerReflectionRequest({ purpose: espl.purpose, messages, context: espl.context }, seed, lookup)
        .reply;
    },
  };
}
