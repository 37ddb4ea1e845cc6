/**
 * Chat rendering and tokenisation on our side, as Tinker expects (the trainer only ever sees token ids):
 * a local tokenizer folder holding `tokenizer.json` and `tokenizer_config.json` (with its `chat_template`),
 * read through @huggingface/tokenizers and @huggingface/jinja. Nothing is downloaded at run time.
 */
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Template } from "@huggingface/jinja";
import { Tokenizer } from "@huggingface/tokenizers";
import { z } from "zod";
import type { ChatMessage } from "@/lib/espl/llm/chat";
import { ByteLevelDecoder } from "./byte-level-decoder";

const tokenLikeSchema = z.union([z.string(), z.looseObject({ content: z.string() })]);

const tokenizerConfigSchema = z.looseObject({
  chat_template: z.union([
    z.string().min(1),
    z.array(z.object({ name: z.string(), template: z.string() })).min(1),
  ]),
  bos_token: tokenLikeSchema.nullish(),
  eos_token: tokenLikeSchema.nullish(),
});

const tokenizerJsonSchema = z.looseObject({ model: z.looseObject({ type: z.string() }) });

export class TokenizerFolderError extends Error {
  override name = "TokenizerFolderError";
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new TokenizerFolderError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TokenizerFolderError(`${path} is not valid JSON`);
  }
}

function tokenText(token: z.infer<typeof tokenLikeSchema> | null | undefined): string | null {
  if (token === null || token === undefined) return null;
  return typeof token === "string" ? token : token.content;
}

export interface RenderedPrompt {
  text: string;
  tokens: number[];
}

export class ChatTokenizer {
  readonly folder: string;
  readonly bosToken: string | null;
  readonly eosToken: string | null;
  /** Token ids that end an assistant turn: the sampler's stop list. */
  readonly stopTokenIds: number[];
  private readonly tokenizer: Tokenizer;
  private readonly template: Template;
  /** Byte-level BPE decoded from a table of its own (byte-level-decoder.ts); null: the library decodes. */
  private readonly byteLevel: ByteLevelDecoder | null;

  constructor(folder: string) {
    this.folder = folder;
    const json = tokenizerJsonSchema.safeParse(readJson(join(folder, "tokenizer.json")));
    if (!json.success) throw new TokenizerFolderError(`${folder}/tokenizer.json has no tokenizer model`);
    const config = tokenizerConfigSchema.safeParse(readJson(join(folder, "tokenizer_config.json")));
    if (!config.success)
      throw new TokenizerFolderError(
        `${folder}/tokenizer_config.json needs a chat_template: ${config.error.issues[0]?.message ?? ""}`,
      );
    this.tokenizer = new Tokenizer(json.data, config.data);
    const extraSpecial = (config.data as { additional_special_tokens?: unknown }).additional_special_tokens;
    this.byteLevel = ByteLevelDecoder.from(
      json.data,
      Array.isArray(extraSpecial) ? extraSpecial.filter((t) => typeof t === "string") : [],
    );
    const source = config.data.chat_template;
    // A list of named templates: "default" is the chat one (the others are for tool use and the like).
    const chosen =
      typeof source === "string" ? source : (source.find((t) => t.name === "default") ?? source[0]!).template;
    this.template = new Template(chosen);
    this.bosToken = tokenText(config.data.bos_token);
    this.eosToken = tokenText(config.data.eos_token);
    const eosId = this.eosToken === null ? undefined : this.tokenizer.token_to_id(this.eosToken);
    this.stopTokenIds = eosId === undefined ? [] : [eosId];
  }

  /** The conversation as the model's template writes it, ending with the assistant's generation prompt. */
  renderText(messages: readonly ChatMessage[], addGenerationPrompt = true): string {
    return this.template.render({
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      add_generation_prompt: addGenerationPrompt,
      bos_token: this.bosToken ?? "",
      eos_token: this.eosToken ?? "",
    });
  }

  /** The template adds BOS itself where the model wants it, so the tokenizer adds no special tokens. */
  render(messages: readonly ChatMessage[]): RenderedPrompt {
    const text = this.renderText(messages);
    return { text, tokens: this.encode(text) };
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  decode(tokens: readonly number[], skipSpecialTokens = false): string {
    // The library refuses an empty list; an empty reply (a sampler that stopped at once) is "".
    if (tokens.length === 0) return "";
    const fast = this.byteLevel?.decode(tokens, skipSpecialTokens);
    if (fast !== undefined && fast !== null) return fast;
    return this.tokenizer.decode([...tokens], {
      skip_special_tokens: skipSpecialTokens,
      clean_up_tokenization_spaces: false,
    });
  }

  tokenId(token: string): number | undefined {
    return this.tokenizer.token_to_id(token);
  }

  /**
   * The assistant's reply: the sampled tokens up to the first stop token, special tokens dropped. Replies
   * repeat (a group's samples often agree), and decoding is most of a sample's cost here, so the last few
   * thousand are remembered by their token ids.
   */
  parseReply(sampled: readonly number[]): string {
    const key = sampled.join(",");
    let reply = this.replies.get(key);
    if (reply === undefined) {
      const stop = sampled.findIndex((t) => this.stopTokenIds.includes(t));
      reply = this.decode(stop < 0 ? sampled : sampled.slice(0, stop), true);
      if (this.replies.size >= 4096) this.replies.clear();
      this.replies.set(key, reply);
    }
    return reply;
  }

  private readonly replies = new Map<string, string>();
}

const cache = new Map<string, ChatTokenizer>();

/** One instance per folder and process: parsing a real tokenizer.json takes a while. */
export function loadChatTokenizer(folder: string): ChatTokenizer {
  let tokenizer = cache.get(folder);
  if (!tokenizer) {
    tokenizer = new ChatTokenizer(folder);
    cache.set(folder, tokenizer);
  }
  return tokenizer;
}
