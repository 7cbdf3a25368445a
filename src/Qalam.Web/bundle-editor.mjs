// Bundles the TOAST UI Editor (published on npm as modules that import ProseMirror) into one script that the
// admin's editor page loads from our own origin. Run by the build (Qalam.Web.csproj) when the lockfile changes.
import { build } from "esbuild";

await build({
  entryPoints: ["node_modules/@toast-ui/editor/dist/esm/index.js"],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "QalamToastUi",
  target: "es2019",
  legalComments: "eof",
  logLevel: "warning",
  outfile: "wwwroot/lib/toastui/toastui-editor.js",
});
