import { expect, test } from "vitest";
import { REDACTED, redactSecrets, registerSecret } from "./redact";

test("masks credential shapes by pattern", () => {
  const cases: [string, string][] = [
    [
      "401 from http://h/v1 Authorization: Bearer abcdefgh12345678",
      `401 from http://h/v1 Authorization: ${REDACTED}`,
    ],
    ["sent bearer abcdefghijklmnop", `sent bearer ${REDACTED}`],
    ["GET /v1/models?api_key=s3cr3t-value&x=1", `GET /v1/models?api_key=${REDACTED}&x=1`],
    ['{"password": "hunter22", "user": "ada"}', `{"password": "${REDACTED}", "user": "ada"}`],
    ["key sk-proj-AbCdEf0123456789xyz rejected", `key ${REDACTED} rejected`],
    ["tinker key tml-0123456789abcdef0 expired", `tinker key ${REDACTED} expired`],
    ["token hf_abcdefghijklmnopqrstu", `token ${REDACTED}`],
    ["connect postgresql://espl:pa55word@db:5432/espl", `connect postgresql://espl:${REDACTED}@db:5432/espl`],
  ];
  for (const [input, expected] of cases) expect(redactSecrets(input), input).toBe(expected);
});

test("leaves ordinary text alone", () => {
  const text = "step 12: crossover failed (unparseable reply); task-id 42, sketch-of-proof, mu=25.3";
  expect(redactSecrets(text)).toBe(text);
});

test("masks a registered secret exactly, wherever it appears", () => {
  registerSecret("plain-key-without-shape");
  expect(redactSecrets("echo plain-key-without-shape and again:plain-key-without-shape")).toBe(
    `echo ${REDACTED} and again:${REDACTED}`,
  );
  registerSecret("abc"); // too short to mask safely
  expect(redactSecrets("abc def")).toBe("abc def");
});
