/**
 * The protobuf codec against bytes worked out by hand from the schema (field numbers, wire types,
 * little-endian arrays), and round trips through the simulated server's side of it.
 */
import { expect, test } from "vitest";
import {
  decodeForwardBackward,
  decodeForwardBackwardOutput,
  decodeSampleResponse,
  encodeForwardBackward,
  encodeForwardBackwardOutput,
  encodeSampleResponse,
  zstdCompress,
  zstdDecompress,
} from "./proto-wire";
import { tensor, toModelInput } from "./protocol";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

test("a forward_backward request encodes field by field as the schema numbers them", () => {
  const bytes = encodeForwardBackward({
    model_id: "m",
    seq_id: 2,
    forward_backward_input: {
      loss_fn: "ppo",
      loss_fn_config: null,
      data: [
        {
          model_input: toModelInput([1]),
          loss_fn_inputs: { target_tokens: tensor([5], "int64") } as never,
        },
      ],
    },
  });
  // 1 model_id "m" | 2 seq_id 2 | 3 data { 1 model_input { 1 encoded_text { 1 tokens 01000000 } }
  //   2 loss_fn_inputs { 1 "target_tokens" 2 { 1 dense 0500000000000000, 3 dtype INT64, 4 shape [1] } } } | 4 "ppo"
  const datum =
    "0a08" +
    "0a06" +
    "0a04" +
    "01000000" +
    "1220" +
    "0a0d" +
    hex(Buffer.from("target_tokens")) +
    "120f" +
    "0a08" +
    "0500000000000000" +
    "1802" +
    "2201" +
    "01";
  expect(hex(bytes)).toBe("0a016d" + "1002" + "1a2c" + datum + "220370706f");
});

test("requests, sample results and forward_backward results survive a round trip", async () => {
  const body = {
    model_id: "session:train:0",
    seq_id: 7,
    forward_backward_input: {
      loss_fn: "importance_sampling",
      loss_fn_config: { clip_high_threshold: 4 },
      data: [
        {
          model_input: toModelInput([10, 20, 30]),
          loss_fn_inputs: {
            target_tokens: tensor([20, 30, 40], "int64"),
            logprobs: tensor([0, -0.5, -0.25], "float32"),
            advantages: tensor([0, 1, 1], "float32"),
          },
        },
      ],
    },
  };
  const zipped = await zstdCompress(encodeForwardBackward(body));
  expect(hex(zipped.subarray(0, 4))).toBe("28b52ffd");
  const decoded = decodeForwardBackward(await zstdDecompress(zipped));
  expect(decoded.forward_backward_input.data[0]!.loss_fn_inputs.logprobs!.data).toEqual([0, -0.5, -0.25]);
  expect(decoded.forward_backward_input.data[0]!.model_input.chunks[0]!.tokens).toEqual([10, 20, 30]);
  expect(decoded.forward_backward_input.loss_fn_config).toEqual({ clip_high_threshold: 4 });

  const sample = { sequences: [{ tokens: [3, 4], logprobs: [-0.5, -1], stop_reason: "length" }] };
  expect(decodeSampleResponse(encodeSampleResponse(sample))).toEqual(sample);

  const output = {
    loss_fn_output_type: "scalar",
    loss_fn_outputs: [{ logprobs: { data: [-0.5] } }, { logprobs: { data: [-0.25, -2] } }],
    metrics: { "loss:sum": 1.5, "tokens:mean": 2 },
  };
  expect(decodeForwardBackwardOutput(encodeForwardBackwardOutput(output))).toEqual(output);
  // SDK 0.25 splits each key on ":" into name and reduction; anything else would break it.
  expect(() => encodeForwardBackwardOutput({ ...output, metrics: { loss: 1 } })).toThrow(/name:reduction/);
});

test("bytes that are not the message are an error, not garbage", () => {
  expect(() => decodeSampleResponse(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow();
});
