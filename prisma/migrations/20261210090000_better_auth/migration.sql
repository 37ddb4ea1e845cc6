-- Sign-in moves onto better-auth (with its organization plugin). Accounts keep working: every password
-- hash moves, unchanged (better-auth verifies it with our scrypt format), into a "credential" account,
-- and every single sign-on identity into an "oidc" account. Sessions cannot move (the old table kept
-- only token hashes; better-auth looks tokens up as they are), so everyone signs in once more.

-- users: better-auth's fields.
ALTER TABLE "users" ADD COLUMN "email_verified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "users" ADD COLUMN "image" TEXT;

CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "accounts_provider_id_account_id_key" ON "accounts"("provider_id", "account_id");
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- better-auth's credential account: accountId is the user's id.
INSERT INTO "accounts" ("id", "user_id", "account_id", "provider_id", "password", "created_at", "updated_at")
SELECT gen_random_uuid(), "id", "id"::text, 'credential', "password_hash", "created_at", CURRENT_TIMESTAMP
FROM "users" WHERE "password_hash" IS NOT NULL;

-- The single sign-on provider is one, configured by environment: its subject is the account id. An
-- account linked earlier (its email verified then) stays linked, so its holder is not asked again.
INSERT INTO "accounts" ("id", "user_id", "account_id", "provider_id", "created_at", "updated_at")
SELECT gen_random_uuid(), "user_id", "subject", 'oidc', "created_at", CURRENT_TIMESTAMP
FROM "oidc_identities"
ON CONFLICT ("provider_id", "account_id") DO NOTHING;
UPDATE "users" SET "email_verified" = true WHERE "id" IN (SELECT "user_id" FROM "oidc_identities");

ALTER TABLE "users" DROP COLUMN "password_hash";
DROP TABLE "oidc_identities";

-- sessions: better-auth's shape.
DROP TABLE "sessions";
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "active_project_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions"("token");
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "verifications" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "verifications_identifier_idx" ON "verifications"("identifier");

-- The sign-in rate limit is better-auth's now (per address and path).
DROP TABLE "sign_in_attempts";
CREATE TABLE "rate_limits" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rate_limits_key_key" ON "rate_limits"("key");

-- projects are the plugin's organizations.
ALTER TABLE "projects" ADD COLUMN "logo" TEXT;
ALTER TABLE "projects" ADD COLUMN "metadata" TEXT;

-- invitations: from copyable link tokens to the plugin's invitations for one email address. An old link
-- cannot name its invitee, so the ones still open are closed as canceled: an owner invites again by email.
ALTER TABLE "invitations" ADD COLUMN "email" TEXT NOT NULL DEFAULT '';
ALTER TABLE "invitations" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'pending';
UPDATE "invitations" SET "status" = CASE WHEN "accepted_at" IS NOT NULL THEN 'accepted' ELSE 'canceled' END;
ALTER TABLE "invitations" ALTER COLUMN "email" DROP DEFAULT;
DROP INDEX "invitations_token_hash_key";
ALTER TABLE "invitations" DROP COLUMN "token_hash";
ALTER TABLE "invitations" DROP COLUMN "accepted_at";
ALTER TABLE "invitations" DROP COLUMN "revoked_at";
CREATE INDEX "invitations_email_idx" ON "invitations"("email");
