/**
 * Tinker's protobuf wire (proto/tinker-public.proto) to and from the JSON shapes of protocol.ts, both
 * ways: the adapter encodes forward_backward requests and decodes sample and forward_backward results,
 * the simulated server does the reverse. Tensors are little-endian byte arrays; a batched result holds
 * every datum's tensor back to back, split by int64 byte offsets. zstd bodies use a wasm build of the
 * reference library (no native code, nothing downloaded at install).
 */
import "server-only";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { compress, decompress, init } from "@bokuweb/zstd-wasm";
import type { Datum, TensorData } from "./protocol";
import {
  type BatchedTensor,
  BatchedTensorSchema,
  DType,
  ForwardBackwardOutputSchema,
  ForwardBackwardRequestSchema,
  SampleResponseSchema,
  StopReason,
  type Tensor,
  TensorSchema,
} from "./proto/tinker-public_pb";

export const PROTOBUF = "application/x-protobuf";

// ───────────────────────── little-endian arrays ─────────────────────────

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
/**
 * Typed arrays need aligned memory of their own: proto bytes are views into one buffer (a Node Buffer's
 * slice() is a view too), so they are copied into a fresh one first.
 */
const aligned = (bytes: Uint8Array) => new Uint8Array(bytes).buffer;

export const int32Bytes = (values: readonly number[]) => bytesOf(Int32Array.from(values));
export const float32Bytes = (values: readonly number[]) => bytesOf(Float32Array.from(values));
const int64Bytes = (values: readonly number[]) => bytesOf(BigInt64Array.from(values.map((v) => BigInt(v))));
export const readInt32 = (bytes: Uint8Array) => Array.from(new Int32Array(aligned(bytes)));
export const readFloat32 = (bytes: Uint8Array) => Array.from(new Float32Array(aligned(bytes)));
const readInt64 = (bytes: Uint8Array) => Array.from(new BigInt64Array(aligned(bytes)), Number);

function readTensor(dtype: DType, bytes: Uint8Array): number[] {
  if (dtype === DType.INT64) return readInt64(bytes);
  if (dtype === DType.INT32) return readInt32(bytes);
  if (dtype === DType.FLOAT32) return readFloat32(bytes);
  throw new Error(`unsupported tensor dtype ${DType[dtype] ?? dtype}`);
}

// ───────────────────────── zstd ─────────────────────────

let zstdReady: Promise<void> | null = null;
const zstd = () => (zstdReady ??= init());

export async function zstdCompress(bytes: Uint8Array): Promise<Uint8Array> {
  await zstd();
  return compress(bytes, 3);
}

export async function zstdDecompress(bytes: Uint8Array): Promise<Uint8Array> {
  await zstd();
  return decompress(bytes);
}

// ───────────────────────── forward_backward request ─────────────────────────

export interface ForwardBackwardBody {
  model_id: string;
  seq_id: number;
  forward_backward_input: {
    data: Datum[];
    loss_fn: string;
    loss_fn_config: Record<string, number> | null;
  };
}

function toTensor(tensor: TensorData): Tensor {
  const int = tensor.dtype === "int64";
  return create(TensorSchema, {
    encoding: { case: "dense", value: int ? int64Bytes(tensor.data) : float32Bytes(tensor.data) },
    dtype: int ? DType.INT64 : DType.FLOAT32,
    shape: tensor.shape.map(BigInt),
  });
}

export function encodeForwardBackward(body: ForwardBackwardBody): Uint8Array {
  const input = body.forward_backward_input;
  return toBinary(
    ForwardBackwardRequestSchema,
    create(ForwardBackwardRequestSchema, {
      modelId: body.model_id,
      seqId: body.seq_id,
      lossFn: input.loss_fn,
      lossFnConfig: input.loss_fn_config ?? {},
      data: input.data.map((datum) => ({
        modelInput: datum.model_input.chunks.map((chunk) => ({
          chunk: { case: "encodedText" as const, value: { tokens: int32Bytes(chunk.tokens) } },
        })),
        lossFnInputs: Object.fromEntries(
          Object.entries(datum.loss_fn_inputs).map(([name, tensor]) => [name, toTensor(tensor)]),
        ),
      })),
    }),
  );
}

/** The simulated server's side: the request back in its JSON shape. */
export function decodeForwardBackward(bytes: Uint8Array) {
  const request = fromBinary(ForwardBackwardRequestSchema, bytes);
  return {
    model_id: request.modelId,
    seq_id: request.seqId,
    forward_backward_input: {
      loss_fn: request.lossFn,
      loss_fn_config: request.lossFnConfig,
      data: request.data.map((datum) => ({
        model_input: {
          chunks: datum.modelInput.flatMap((c) =>
            c.chunk.case === "encodedText"
              ? [{ type: "encoded_text", tokens: readInt32(c.chunk.value.tokens) }]
              : [],
          ),
        },
        loss_fn_inputs: Object.fromEntries(
          Object.entries(datum.lossFnInputs).map(([name, t]) => {
            if (t.encoding.case !== "dense") throw new Error(`tensor ${name} is not dense`);
            return [name, { data: readTensor(t.dtype, t.encoding.value), shape: t.shape.map(Number) }];
          }),
        ),
      })),
    },
  };
}

// ───────────────────────── results ─────────────────────────

/**
 * The SDK splits every forward_backward metric key as "name:reduction" (chunked_fwdbwd_helpers.py) and
 * fails on a key without exactly one colon, so keys are kept as the service names them ("loss:sum") and
 * an encoder (the simulated server's) refuses any other form rather than send what the SDK cannot read.
 */
export const METRIC_KEY = /^[^:]+:(sum|mean|min|max|slack|hash_unordered|unique)$/;

export function decodeSampleResponse(bytes: Uint8Array) {
  const response = fromBinary(SampleResponseSchema, bytes);
  return {
    sequences: response.sequences.map((s) => ({
      tokens: readInt32(s.tokens),
      logprobs: s.logprobs === undefined ? null : readFloat32(s.logprobs),
      stop_reason: s.stopReason === StopReason.LENGTH ? "length" : "stop",
    })),
  };
}

export function encodeSampleResponse(result: {
  sequences: { tokens: number[]; logprobs?: number[] | null; stop_reason?: string | null }[];
}): Uint8Array {
  return toBinary(
    SampleResponseSchema,
    create(SampleResponseSchema, {
      sequences: result.sequences.map((s) => ({
        tokens: int32Bytes(s.tokens),
        logprobs: s.logprobs ? float32Bytes(s.logprobs) : undefined,
        stopReason: s.stop_reason === "length" ? StopReason.LENGTH : StopReason.STOP,
      })),
    }),
  );
}

function splitBatched(tensor: BatchedTensor): number[][] {
  const offsets = readInt64(tensor.offsets);
  return offsets
    .slice(0, -1)
    .map((start, i) => readTensor(tensor.dtype, tensor.data.slice(start, offsets[i + 1])));
}

export function decodeForwardBackwardOutput(bytes: Uint8Array) {
  const output = fromBinary(ForwardBackwardOutputSchema, bytes);
  const perDatum = output.lossFnOutputs.flatMap((record) => {
    const fields = Object.entries(record.fields).map(([name, t]) => [name, splitBatched(t)] as const);
    return Array.from({ length: Number(record.numDatums) }, (_, i) =>
      Object.fromEntries(fields.map(([name, values]) => [name, { data: values[i] ?? [] }])),
    );
  });
  return {
    loss_fn_output_type: output.lossFnOutputType,
    loss_fn_outputs: perDatum,
    metrics: { ...output.metrics },
  };
}

export function encodeForwardBackwardOutput(result: {
  loss_fn_output_type?: string | null;
  loss_fn_outputs: Record<string, { data: number[] }>[];
  metrics?: Record<string, number> | null;
}): Uint8Array {
  const names = Object.keys(result.loss_fn_outputs[0] ?? {});
  const fields = Object.fromEntries(
    names.map((name) => {
      const parts = result.loss_fn_outputs.map((o) => float32Bytes(o[name]?.data ?? []));
      const offsets = [0];
      for (const part of parts) offsets.push(offsets.at(-1)! + part.byteLength);
      const data = new Uint8Array(offsets.at(-1)!);
      parts.forEach((part, i) => data.set(part, offsets[i]));
      return [
        name,
        create(BatchedTensorSchema, { data, offsets: int64Bytes(offsets), dtype: DType.FLOAT32 }),
      ];
    }),
  );
  return toBinary(
    ForwardBackwardOutputSchema,
    create(ForwardBackwardOutputSchema, {
      lossFnOutputType: result.loss_fn_output_type ?? "",
      lossFnOutputs: [{ typeTag: "ArrayRecord", fields, numDatums: BigInt(result.loss_fn_outputs.length) }],
      metrics: checkMetricKeys(result.metrics ?? {}),
    }),
  );
}

function checkMetricKeys(metrics: Record<string, number>): Record<string, number> {
  const bad = Object.keys(metrics).find((key) => !METRIC_KEY.test(key));
  if (bad !== undefined) throw new Error(`metric key ${bad} is not "name:reduction"`);
  return metrics;
}
