// ESLint 9 (flat config) for the browser code: plain ES modules, no build step, no framework.
// ESLint rather than Biome: @eslint/js's recommended rules plus `globals` know each context
// (page, service worker, Node's tests) apart, which is where this code's bugs would hide.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["static/js/**/*.js", "*/static/**/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser, Plotly: "readonly" } },
  },
  {
    files: ["static/sw.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.serviceworker } },
  },
  {
    files: ["tests/js/**/*.js", "bench/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
  { ignores: ["static/vendor/**", "node_modules/**", "bench/node_modules/**", "staticfiles/**"] },
];
