// Expected entries from the TypeScript compiler API, one .ok line each.
// Usage: node to_ok.js PRETTY(true|false) TSCONFIG... (run in the project dir)
"use strict";
const path = require("path");
const ts = require(path.resolve("node_modules/typescript"));

const pretty = process.argv[2] === "true";
const cat = (c) => ts.DiagnosticCategory[c].toLowerCase();
const first = (m) => ts.flattenDiagnosticMessageText(m, "\n").split("\n")[0];

function loc(file, start) {
  const lc = file.getLineAndCharacterOfPosition(start);
  const name = path.relative(process.cwd(), file.fileName);
  return `${name}|${lc.line + 1} col ${lc.character + 1}`;
}

// The diagnostics tsc reports, in its order of stages (see
// emitFilesAndReportErrors in TypeScript's watch.ts).
function diagnostics(configPath) {
  const cfg = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(first(d.messageText)); },
  });
  const program = ts.createProgram({ rootNames: cfg.fileNames, options: cfg.options,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(cfg) });
  const all = program.getConfigFileParsingDiagnostics().slice();
  const n = all.length;
  all.push(...program.getSyntacticDiagnostics());
  if (all.length === n) {
    all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (all.length === n) all.push(...program.getSemanticDiagnostics());
  }
  return ts.sortAndDeduplicateDiagnostics(all);
}

for (const configPath of process.argv.slice(3)) {
  for (const d of diagnostics(configPath)) {
    const where = d.file ? loc(d.file, d.start) : "|";
    console.log(`${where} ${cat(d.category)} ${d.code}| ${first(d.messageText)}`);
    if (!pretty) continue;
    for (const r of d.relatedInformation || []) {
      if (r.file) console.log(`${loc(r.file, r.start)} note| ${first(r.messageText)}`);
    }
  }
}
