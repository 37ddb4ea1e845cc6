-- Single sign-on (OpenID Connect): the identity an account was linked to the first time it signed in
-- with the provider, found by its verified email. One subject per issuer and account: a later sign-in
-- with the same email but another subject is refused (the provider reassigned the address).
CREATE TABLE "oidc_identities" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_identities_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "oidc_identities_issuer_subject_key" ON "oidc_identities"("issuer", "subject");

-- Leads with user_id, so it also serves the foreign key.
CREATE UNIQUE INDEX "oidc_identities_user_id_issuer_key" ON "oidc_identities"("user_id", "issuer");

ALTER TABLE "oidc_identities" ADD CONSTRAINT "oidc_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
