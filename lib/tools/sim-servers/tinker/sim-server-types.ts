/** The simulated Tinker server's options and handle (sim-tinker-server.ts). */
import type { FaultInjector, FaultSettings } from "./faults";
import type { HostedAuth, HostedSettings } from "./hosted-auth";
import type { EsplProblem } from "@/lib/espl/ports";
import type { SimFutures, SimMode } from "./sim-futures";
import type { WireStats } from "./sim-http";

export interface SimTinkerServerOptions {
  host?: string;
  port?: number;
  tokenizerDir: string;
  /** The base models it serves (the first is the default). */
  models: string[];
  /** The problems it can recognise in prompts (train and test splits). */
  problems: readonly EsplProblem[];
  seed?: number;
  faults?: Partial<FaultSettings>;
  /** Longest hold of a retrieve_future before it answers try_again. */
  longPollMs?: number;
  apiKey?: string | null;
  /** Which real server it behaves as (default "legacy"). */
  mode?: SimMode;
  /** Hosted mode's settings (JWT, session messages, 402s). */
  hosted?: Partial<HostedSettings>;
}

export interface SimTinkerServer {
  url: string;
  port: number;
  faults: FaultInjector;
  /** Requests handled, by path (faults included). */
  requests: Map<string, number>;
  /** What each sampling session samples: "base:<model>" or "weights:<path>", in creation order. */
  samplerSources: string[];
  /** Hosted mode's handshake state (null in the other modes); settings may be changed between calls. */
  hosted: HostedAuth | null;
  /** Protobuf bodies (zstd ones too) read, and protobuf results sent. */
  wire: WireStats;
  /** The futures and how they were answered. */
  futures: SimFutures;
  /** Drops the reply to the next request on this path (after doing its work), once. */
  dropNext(path: string): void;
  close(): Promise<void>;
}
