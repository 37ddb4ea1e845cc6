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

/**
 * What one call cost, as the backend that served it reports it; a field it cannot tell is null (shown
 * as "not recorded", never as 0). Stored with the call, and summed per step and per run from there.
 */
export interface ChatUsage {
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  /** Attempts after the first (transient failures retried). */
  retries: number | null;
  /** Dollars, where the backend has prices. */
  costUsd: number | null;
}

/** A reply with its usage; a ChatFn may answer with the text alone when it can tell nothing more. */
export interface ChatReply {
  text: string;
  usage: ChatUsage;
}

/** Resolves to the reply; a rejection is recorded as a failed call by the callers. */
export type ChatFn = (request: ChatRequest) => Promise<string | ChatReply>;

/** A rejection that still knows what the call cost (the attempts made, the time waited). */
export class ChatCallError extends Error {
  override name = "ChatCallError";
  constructor(
    readonly cause: unknown,
    readonly usage: ChatUsage,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The reference sends every evolution prompt as one user message. */
export function userMessage(content: string): ChatMessage[] {
  return [{ role: "user", content }];
}

/** Name and message of anything thrown, for call records (Python exception class names for PyError). */
export function describeThrown(error: unknown): { type: string; message: string } {
  if (error instanceof Error) return { type: error.name, message: error.message };
  return { type: "Error", message: String(error) };
}

export type ChatOutcome = (
  { ok: true; reply: string } | { ok: false; error: { type: string; message: string } }
) & { usage: ChatUsage | null };

function readReply(reply: unknown): { text: string; usage: ChatUsage | null } {
  if (typeof reply === "string") return { text: reply, usage: null };
  if (typeof reply === "object" && reply !== null && typeof (reply as ChatReply).text === "string")
    return { text: (reply as ChatReply).text, usage: (reply as ChatReply).usage ?? null };
  throw new TypeError(`chat reply is ${typeof reply}, not a string`);
}

/** Calls the port and never throws: a rejection (or a reply that is no text) becomes a failed outcome. */
export async function requestReply(chat: ChatFn, request: ChatRequest): Promise<ChatOutcome> {
  try {
    const { text, usage } = readReply(await chat(request));
    return { ok: true, reply: text, usage };
  } catch (error) {
    if (error instanceof ChatCallError)
      return { ok: false, error: describeThrown(error.cause), usage: error.usage };
    return { ok: false, error: describeThrown(error), usage: null };
  }
}
