/**
 * The hosted service's opening handshake, as SDK 0.25 meets it: `POST /client/config` (JWT auth on or
 * off), `POST /auth/token` trading the API key for a short-lived JWT, and every later request checked
 * for a current credential. The JWT is unsigned (alg none): the SDK reads only its `exp`, and so do we.
 */
import type { IncomingMessage } from "node:http";

export interface HostedSettings {
  /** `pjwt_auth_enabled` in the client config: exchange the API key for a JWT. */
  jwt: boolean;
  /** Lifetime of an issued JWT, in seconds. */
  jwtTtlS: number;
  /** `credential_default_source` in the client config. */
  credentialSource: "api_key" | "credential_cmd";
  /** Messages create_session answers with (`error_message` refuses the session). */
  sessionMessages: { info_message?: string; warning_message?: string; error_message?: string };
  /** Requests still to be answered 402 (billing), then normal service again. */
  billing402: number;
  /** `proto_compress_fwdbwd`: ask for zstd-compressed forward_backward bodies. */
  zstd: boolean;
}

export const DEFAULT_HOSTED: HostedSettings = {
  jwt: false,
  jwtTtlS: 3600,
  credentialSource: "api_key",
  sessionMessages: {},
  billing402: 0,
  zstd: false,
};

function issueJwt(ttlS: number, serial: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ exp: Math.floor(Date.now() / 1000) + ttlS, jti: serial })}.`;
}

export class HostedAuth {
  settings: HostedSettings;
  /** JWTs issued, with their expiry (ms): tests assert refreshes happened. */
  readonly issued: { token: string; expiresAt: number }[] = [];
  /** Client configs asked for, with the SDK version each presented. */
  readonly configRequests: string[] = [];

  constructor(
    settings: Partial<HostedSettings>,
    private readonly apiKey: string | null,
  ) {
    this.settings = { ...DEFAULT_HOSTED, ...settings };
  }

  config(body: unknown) {
    const version = (body as { sdk_version?: unknown }).sdk_version;
    this.configRequests.push(typeof version === "string" ? version : "");
    return {
      pjwt_auth_enabled: this.settings.jwt,
      credential_default_source: this.settings.credentialSource,
      proto_compress_fwdbwd: this.settings.zstd,
      use_pyqwest_transport: false,
      billing_exception_max_pause_duration_sec: 600,
    };
  }

  token(): { jwt: string } {
    const token = issueJwt(this.settings.jwtTtlS, this.issued.length);
    this.issued.push({ token, expiresAt: Date.now() + this.settings.jwtTtlS * 1000 });
    return { jwt: token };
  }

  /** Whether the request may proceed: the raw key for the handshake, a current JWT (when on) after it. */
  allows(path: string, req: IncomingMessage): boolean {
    const key = req.headers["x-api-key"];
    const open = path.endsWith("/client/config") || path.endsWith("/healthz");
    if (open || path.endsWith("/auth/token")) return !this.apiKey || key === this.apiKey;
    if (!this.settings.jwt) return !this.apiKey || key === this.apiKey;
    const jwt = this.issued.find((t) => t.token === key);
    return jwt !== undefined && jwt.expiresAt > Date.now();
  }

  /** A 402 to answer now, while the simulated account is out of credit. */
  billingPause(): boolean {
    if (this.settings.billing402 <= 0) return false;
    this.settings.billing402 -= 1;
    return true;
  }
}
