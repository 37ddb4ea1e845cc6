/**
 * The reflection-LLM port used by mutation and crossover. The engine never talks to a model itself: the
 * caller injects a `ChatFn` (a real client, or an offline simulator that answers from `context`).
 */

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatRequest {
  /** Which prompt this is ("mutation.summary", "mutation.critique", "mutation.batch", "crossover"). */
  purpose: string;
  messages: ChatMessage[];
  /** Structured inputs of the prompt, so a simulator can answer without parsing prose. */
  context?: unknown;
}

/** Resolves to the reply text; a rejection is recorded as a failed call by the callers. */
export type ChatFn = (request: ChatRequest) => Promise<string>;

/** The reference sends every evolution prompt as one user message. */
export function userMessage(content: string): ChatMessage[] {
  return [{ role: "user", content }];
}

/** Name and message of anything thrown, for call records (Python exception class names for PyError). */
export function describeThrown(error: unknown): { type: string; message: string } {
  if (error instanceof Error) return { type: error.name, message: error.message };
  return { type: "Error", message: String(error) };
}

export type ChatOutcome =
  { ok: true; reply: string } | { ok: false; error: { type: string; message: string } };

/** Calls the port and never throws: a rejection (or a non-string reply) becomes a failed outcome. */
export async function requestReply(chat: ChatFn, request: ChatRequest): Promise<ChatOutcome> {
  try {
    const reply: unknown = await chat(request);
    if (typeof reply !== "string") throw new TypeError(`chat reply is ${typeof reply}, not a string`);
    return { ok: true, reply };
  } catch (error) {
    return { ok: false, error: describeThrown(error) };
  }
}
