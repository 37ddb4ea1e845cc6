/**
 * The byte-level decoder gives exactly what @huggingface/tokenizers' decode gives (no clean-up), on the
 * tiny-chat tokenizer: whole texts, slices that cut a character's bytes apart, arbitrary id sequences
 * mixing added and special tokens, with and without skipping special tokens.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { expect, test } from "vitest";
import { ByteLevelDecoder } from "./byte-level-decoder";
import { TINY_CHAT_TOKENIZER } from "./testdata/tiny-chat";

const read = (name: string) => JSON.parse(readFileSync(join(TINY_CHAT_TOKENIZER, name), "utf8"));
const json = read("tokenizer.json");
const config = read("tokenizer_config.json");
const library = new Tokenizer(json, config);
const fast = ByteLevelDecoder.from(json)!;
const vocabSize = Object.keys(json.model.vocab).length + json.added_tokens.length;

const reference = (ids: number[], skip: boolean) =>
  library.decode(ids, { skip_special_tokens: skip, clean_up_tokenization_spaces: false });

test("the tiny-chat tokenizer is byte-level BPE, so the table applies", () => {
  expect(fast).not.toBeNull();
});

test("encoded texts and every slice of them decode as the library decodes them", () => {
  const texts = [
    "What is 2+3? The answer is \\boxed{5}.",
    "Ünïcödé — “quotes”, 数学 and 🎲🎲 dice\n\ttabs  and  spaces",
    "<|user|>a special token spelt inside text<|end|>",
  ];
  for (const text of texts) {
    const ids = library.encode(text, { add_special_tokens: false }).ids;
    for (let start = 0; start < ids.length; start++)
      for (const end of [start + 1, start + 2, start + 3, ids.length]) {
        const slice = ids.slice(start, Math.min(end, ids.length));
        for (const skip of [false, true]) expect(fast.decode(slice, skip)).toBe(reference(slice, skip));
      }
  }
});

test("random id sequences, added and special tokens among them, decode as the library decodes them", () => {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 500; round++) {
    const ids = Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * vocabSize));
    for (const skip of [false, true]) expect(fast.decode(ids, skip)).toBe(reference(ids, skip));
  }
});

test("an id outside the vocabulary is left to the library; other tokenizers get no table", () => {
  expect(fast.decode([1, vocabSize + 10], false)).toBeNull();
  expect(ByteLevelDecoder.from({ ...json, decoder: { type: "Metaspace" } })).toBeNull();
  expect(ByteLevelDecoder.from({ ...json, model: { ...json.model, type: "WordPiece" } })).toBeNull();
});
