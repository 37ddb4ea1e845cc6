import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { layerRules } from "./eslint-layers.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "out/**",
    "lib/generated/**",
    "next-env.d.ts",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "smart"],
      // A scope filter spread into another object can be overwritten by (or overwrite) the caller's own
      // keys: that is how a share link once read any run. Use the helpers' results whole, or inside AND.
      "no-restricted-syntax": [
        "error",
        {
          selector: "SpreadElement > CallExpression[callee.name=/^(runWhere|scopedRunWhere)$/]",
          message: "Do not spread a scope filter; pass scopedRunWhere(scope, runId) or AND it with yours.",
        },
      ],
    },
  },
  ...layerRules,
]);
