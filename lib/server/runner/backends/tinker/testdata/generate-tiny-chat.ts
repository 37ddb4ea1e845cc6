/**
 * Writes the tiny-chat tokenizer folder (tokenizer.json + tokenizer_config.json) the Tinker tests and
 * the simulated Tinker server use: a GPT-2 style byte-level BPE whose merges are learnt here from the
 * simulator's own problems, prompts and completions, plus five special tokens and a chat template.
 * Byte-level means every string round-trips exactly (decode(encode(s)) === s), which the parity between
 * the in-process simulator and the simulated server relies on.
 *
 *   npx tsx lib/server/runner/backends/tinker/testdata/generate-tiny-chat.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSuite, SimPolicy } from "@/lib/espl/simulator";
import { buildPolicyPrompt } from "@/lib/espl/prompts/policy-prompt";

const MERGES = 600;
const OUT = join(import.meta.dirname, "tiny-chat");
export const SPECIAL_TOKENS = ["<|begin|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"];

/** GPT-2's reversible byte → printable character map. */
function bytesToUnicode(): string[] {
  const keep: number[] = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const map: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++)
    map[b] = keep.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  return map;
}

const SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

async function buildCorpus(): Promise<string[]> {
  const suite = generateSuite({ seed: 0, trainSize: 120, testSize: 20 });
  const policy = new SimPolicy({ seed: 0 });
  const texts: string[] = [];
  const problems = [...suite.train, ...suite.test];
  const prompts = problems.map((p) =>
    buildPolicyPrompt([{ id: "G0", text: "Check small cases first." }], p.question, "test"),
  );
  texts.push(...prompts);
  const samples = await policy.sample(
    problems.map((problem, i) => ({ problem, prompt: prompts[i]!, n: 2 })),
    { temperature: 0.7, topP: 0.95, maxTokens: 4000 },
  );
  for (const group of samples) for (const c of group) texts.push(c.text);
  return texts;
}

async function main(): Promise<void> {
  const byteChar = bytesToUnicode();
  const encoder = new TextEncoder();
  const counts = new Map<string, number>();
  for (const text of await buildCorpus())
    for (const piece of text.match(SPLIT) ?? []) {
      const word = Array.from(encoder.encode(piece), (b) => byteChar[b]!).join("\u0000");
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  let words = [...counts].map(([w, n]) => ({ symbols: w.split("\u0000"), n }));
  const vocab = new Map<string, number>();
  for (let b = 0; b < 256; b++) vocab.set(byteChar[b]!, b);
  const merges: string[] = [];
  for (let m = 0; m < MERGES; m++) {
    const pairs = new Map<string, number>();
    for (const { symbols, n } of words)
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]} ${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + n);
      }
    let best: string | null = null;
    let bestCount = 1;
    // Ties broken by the pair text, so the file is the same on every machine.
    for (const [key, n] of pairs)
      if (n > bestCount || (n === bestCount && best !== null && key < best)) {
        best = key;
        bestCount = n;
      }
    if (best === null) break;
    const [a, b] = best.split(" ") as [string, string];
    merges.push(best);
    vocab.set(a + b, vocab.size);
    words = words.map(({ symbols, n }) => {
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++)
        if (symbols[i] === a && symbols[i + 1] === b) {
          next.push(a + b);
          i++;
        } else next.push(symbols[i]!);
      return { symbols: next, n };
    });
  }
  const addedTokens = SPECIAL_TOKENS.map((content, i) => ({
    id: vocab.size + i,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab),
      merges,
    },
  };
  const config = {
    tokenizer_class: "PreTrainedTokenizerFast",
    bos_token: "<|begin|>",
    eos_token: "<|end|>",
    clean_up_tokenization_spaces: false,
    model_max_length: 32768,
    chat_template:
      "{{ bos_token }}{% for message in messages %}{{ '<|' + message['role'] + '|>' }}{{ message['content'] }}{{ '<|end|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}",
  };
  writeFileSync(join(OUT, "tokenizer.json"), `${JSON.stringify(tokenizer)}\n`);
  writeFileSync(join(OUT, "tokenizer_config.json"), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`wrote ${OUT}: ${vocab.size} byte-level tokens and merges, ${SPECIAL_TOKENS.length} special`);
}

await main();
