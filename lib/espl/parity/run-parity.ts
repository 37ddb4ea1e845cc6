/**
 * `npm run parity -- <dir>`: runs every vectors file in <dir> through the engine, one line per file,
 * then "N passed, M failed"; exits non-zero on any failure.
 */
import { listVectorsFiles, runVectorsFile } from "./run-vectors";

const dir = process.argv[2] ?? new URL("./vectors", import.meta.url).pathname;
const files = await listVectorsFiles(dir);
if (files.length === 0) {
  console.error(`no .json vectors files in ${dir}`);
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  const report = await runVectorsFile(file);
  passed += report.passed;
  failed += report.failed;
  console.log(`${report.file}: ${report.passed} passed, ${report.failed} failed`);
  for (const f of report.failures) console.log(`  ${f}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
