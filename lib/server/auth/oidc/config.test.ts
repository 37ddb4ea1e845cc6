import { describe, expect, test } from "vitest";
import { DEFAULT_OIDC_NAME, parseOidcEnv } from "./config";

const full = {
  ESPL_OIDC_ISSUER: "https://login.example.org",
  ESPL_OIDC_CLIENT_ID: "espl",
  ESPL_OIDC_CLIENT_SECRET: "s3cret",
};

describe("parseOidcEnv", () => {
  test("nothing set (or only blanks, or only the name) is off", () => {
    expect(parseOidcEnv({})).toEqual({ state: "off" });
    expect(parseOidcEnv({ ESPL_OIDC_ISSUER: " ", ESPL_OIDC_CLIENT_ID: "" })).toEqual({ state: "off" });
    expect(parseOidcEnv({ ESPL_OIDC_NAME: "Okta" })).toEqual({ state: "off" });
  });

  test("issuer, client id and secret turn it on, with the default button label", () => {
    expect(parseOidcEnv(full)).toEqual({
      state: "on",
      config: {
        issuer: "https://login.example.org",
        clientId: "espl",
        clientSecret: "s3cret",
        name: DEFAULT_OIDC_NAME,
      },
    });
    expect(DEFAULT_OIDC_NAME).toBe("single sign-on");
  });

  test("the label is ESPL_OIDC_NAME, trimmed", () => {
    const setting = parseOidcEnv({ ...full, ESPL_OIDC_NAME: "  Acme Okta " });
    expect(setting.state === "on" && setting.config.name).toBe("Acme Okta");
  });

  test("a partial configuration is invalid and names what is missing", () => {
    const setting = parseOidcEnv({ ESPL_OIDC_ISSUER: full.ESPL_OIDC_ISSUER, ESPL_OIDC_CLIENT_ID: "espl" });
    expect(setting.state).toBe("invalid");
    expect(setting.state === "invalid" && setting.problem).toBe(
      "single sign-on is off: ESPL_OIDC_CLIENT_SECRET is not set",
    );
    const noIssuer = parseOidcEnv({ ESPL_OIDC_CLIENT_ID: "espl", ESPL_OIDC_CLIENT_SECRET: "x" });
    expect(noIssuer.state === "invalid" && noIssuer.problem).toMatch(/ESPL_OIDC_ISSUER/);
  });

  test("the issuer must be https, except on this machine", () => {
    for (const issuer of ["http://login.example.org", "not a url", "ftp://login.example.org"]) {
      const setting = parseOidcEnv({ ...full, ESPL_OIDC_ISSUER: issuer });
      expect(setting.state, issuer).toBe("invalid");
      expect(setting.state === "invalid" && setting.problem, issuer).toMatch(
        /^single sign-on is off: ESPL_OIDC_ISSUER/,
      );
    }
    for (const issuer of ["http://127.0.0.1:4000", "http://localhost:4000/realms/x"])
      expect(parseOidcEnv({ ...full, ESPL_OIDC_ISSUER: issuer }).state, issuer).toBe("on");
  });
});
