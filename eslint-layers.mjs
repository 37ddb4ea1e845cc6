/**
 * The layer rule of docs/architecture.md, enforced: each group of lib/ (and components/, app/) may import
 * only the groups below it. Imports across groups use the `@/lib/<group>/…` alias; a relative import
 * that climbs into another group is caught by the second pattern. Tests and test helpers may reach
 * anything (they set up whole stacks), so they are left out.
 */
const GROUPS = ["espl", "domain", "view", "server", "client", "cli", "tools"];
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "**/testdata/**"];

/** A pattern refusing imports of these groups, by alias or by a relative path into them. */
function refuse(groups, { allowTypeImports = false } = {}) {
  const names = groups.join("|");
  return {
    regex: `^(@/lib/(${names})(/|$)|(\\.\\./)+(lib/)?(${names})/)`,
    allowTypeImports,
    message: `layer rule (docs/architecture.md): this group may not import ${groups.join(", ")}${
      allowTypeImports ? " except as `import type`" : ""
    }`,
  };
}

const UI = {
  regex: "^@/(app|components)(/|$)",
  message: "layer rule: lib/ never imports app/ or components/",
};
// Client components call server actions by importing them: the one way into app/ that Next intends.
const APP = { regex: "^@/app/(?!actions/)", message: "layer rule: components import only app/actions" };

/** files → refused patterns */
const LAYERS = [
  // The engine is pure and self-contained: nothing from the product, not even the generated client.
  [
    ["lib/espl/**"],
    [
      refuse(GROUPS.filter((g) => g !== "espl")),
      { regex: "^@/(?!lib/espl/)", message: "layer rule: lib/espl imports only itself" },
    ],
  ],
  [["lib/domain/**"], [refuse(["view", "server", "client", "cli", "tools"]), UI]],
  [["lib/view/**"], [refuse(["server", "client", "cli", "tools"]), UI]],
  [["lib/server/**"], [refuse(["client", "cli", "tools"]), UI]],
  [["lib/client/**"], [refuse(["cli", "tools"]), refuse(["server"], { allowTypeImports: true }), UI]],
  [["lib/cli/**"], [refuse(["client", "tools"]), UI]],
  // The SDK runs in researchers' own scripts: the API's contracts as types only, nothing of the server.
  [
    ["lib/client-sdk/**"],
    [
      refuse(["espl", "view", "server", "client", "cli", "tools"]),
      refuse(["domain"], { allowTypeImports: true }),
      UI,
    ],
  ],
  [["lib/tools/**"], [UI]],
  [["components/**"], [refuse(["cli", "tools"]), refuse(["server"], { allowTypeImports: true }), APP]],
  [["app/**"], [refuse(["cli", "tools"])]],
];

export const layerRules = LAYERS.map(([files, patterns]) => ({
  files: files.flatMap((f) => [
    `${f.replace("/**", "")}/**/*.ts`,
    `${f.replace("/**", "")}/**/*.tsx`,
    `${f.replace("/**", "")}/**/*.mjs`,
  ]),
  ignores: TEST_FILES,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
}));
