/** Where the committed tiny-chat tokenizer folder lives (tests and the simulated server's default). */
import { join } from "node:path";

export const TINY_CHAT_TOKENIZER = join(import.meta.dirname, "tiny-chat");
export const TINY_CHAT_MODEL = "sim/tiny-chat";
