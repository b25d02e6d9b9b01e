// Build the dashboard into src/eventlens/web/static/: index.html, assets/app.js, assets/app.css and the
// world-atlas country shapes. The output is deterministic (fixed file names, no timestamps, no content
// hashes), so the committed files can be checked against a fresh build.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventlens", "web", "static");
const assets = join(out, "assets");

rmSync(out, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.ts") },
  outdir: assets,
  entryNames: "[name]",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022"],
  legalComments: "eof",
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
copyFileSync(
  join(here, "node_modules", "world-atlas", "countries-50m.json"),
  join(assets, "countries-50m.json"),
);
