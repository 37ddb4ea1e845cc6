/**
 * What SDK 0.25 does before its first real call (lib/internal_client_holder.py, lib/_jwt_auth.py):
 * `POST /client/config {sdk_version}`, then, when the reply enables JWT auth, the API key is exchanged
 * at `POST /auth/token` for a JWT sent in X-API-Key instead, refreshed 5 minutes before its `exp`.
 * A server without /client/config (SkyRL, older servers) answers 404: the defaults apply.
 */
import "server-only";
import { z } from "zod";
import { BackendError } from "@/lib/server/runner/retry";

/**
 * The SDK version we present. The service tailors its client config to it; 0.25.0 is the version whose
 * wire behaviour the adapter follows (the notes in shared/notes/tinker-sdk-wire.md).
 */
export const PRESENTED_SDK_VERSION = "0.25.0";
/** The SDK refreshes this long before expiry, and refuses to send a token closer than 60 s to it. */
export const JWT_REFRESH_BEFORE_MS = 5 * 60_000;

export const clientConfigSchema = z.looseObject({
  pjwt_auth_enabled: z.boolean().nullish(),
  credential_default_source: z.string().nullish(),
  proto_compress_fwdbwd: z.boolean().nullish(),
  billing_exception_max_pause_duration_sec: z.number().nonnegative().nullish(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export const tokenReplySchema = z.looseObject({ jwt: z.string().min(1) });

const jwtPayloadSchema = z.looseObject({ exp: z.number() });

/** The payload's `exp` in ms; only that is read (the SDK does not check the signature either). */
export function jwtExpiryMs(jwt: string, backend: string): number {
  const payload = jwt.split(".")[1];
  let parsed: unknown = null;
  try {
    parsed = payload ? JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) : null;
  } catch {
    // Reported below in plain words.
  }
  const result = jwtPayloadSchema.safeParse(parsed);
  if (!result.success)
    throw new BackendError(`${backend} /auth/token: the token it issued is not a JWT with an expiry`, {
      backend,
    });
  return result.data.exp * 1000;
}

export type AuthMode = "none" | "api-key" | "jwt";

/** The credential sent in X-API-Key: the static key, or a JWT exchanged for it and kept fresh. */
export class Credential {
  private jwt: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    readonly apiKey: string | null,
    private readonly exchange: () => Promise<string>,
    private readonly backend: string,
    private readonly now: () => number = Date.now,
  ) {}

  mode(): AuthMode {
    return this.jwt ? "jwt" : this.apiKey ? "api-key" : "none";
  }

  /** Switches to JWT auth, as the client config asked. */
  async enableJwt(config: ClientConfig): Promise<void> {
    if (!this.apiKey)
      throw new BackendError(
        config.credential_default_source === "credential_cmd"
          ? `${this.backend} asks for a credential from a command (credential_cmd); this backend needs an API key instead: set one in its settings`
          : `${this.backend} requires an API key (it uses JWT auth): set one in its settings`,
        { backend: this.backend },
      );
    await this.refresh();
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.exchange()
      .then((token) => {
        this.jwt = { token, expiresAt: jwtExpiryMs(token, this.backend) };
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The header value for the next request, refreshing the JWT first when it is close to expiry. */
  async header(): Promise<string | null> {
    if (this.jwt && this.now() >= this.jwt.expiresAt - JWT_REFRESH_BEFORE_MS) await this.refresh();
    return this.jwt?.token ?? this.apiKey;
  }
}
