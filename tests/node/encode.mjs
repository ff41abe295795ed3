// encode.mjs - reference encodings from @actions/core for ship's cross-check test.
//
// usage: node encode.mjs CASES.json RESULTS.json
// CASES.json: [{op, ...}] with op one of issue (level, props, msg), group,
// endgroup, debug, mask (text), output/env/state (name, value).
// RESULTS.json: one entry per case: {hex} = bytes written to stdout while
// the call ran, or {error}. File commands go to the files named by
// GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE in the environment.
import * as fs from 'node:fs';
import * as core from '@actions/core';

const [casesPath, resultsPath] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
const levels = [core.error, core.warning, core.notice];

function capture(fn) {
  const chunks = [];
  const orig = process.stdout.write;
  process.stdout.write = (chunk, ...rest) => {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8'));
    const cb = rest.find((x) => typeof x === 'function');
    if (cb) cb();
    return true;
  };
  try {
    fn();
  } finally {
    process.stdout.write = orig;
  }
  return Buffer.concat(chunks).toString('hex');
}

function props(p) {
  if (!p) return undefined;
  const out = {};
  if (p.title !== undefined) out.title = p.title;
  if (p.file !== undefined) out.file = p.file;
  if (p.line) out.startLine = p.line;
  if (p.endLine) out.endLine = p.endLine;
  if (p.col) out.startColumn = p.col;
  if (p.endColumn) out.endColumn = p.endColumn;
  return out;
}

function run(c) {
  switch (c.op) {
    case 'issue': return capture(() => levels[c.level](c.msg, props(c.props)));
    case 'group': return capture(() => core.startGroup(c.text));
    case 'endgroup': return capture(() => core.endGroup());
    case 'debug': return capture(() => core.debug(c.text));
    case 'mask': return capture(() => core.setSecret(c.text));
    case 'output': return capture(() => core.setOutput(c.name, c.value));
    case 'env': return capture(() => core.exportVariable(c.name, c.value));
    case 'state': return capture(() => core.saveState(c.name, c.value));
    default: throw new Error(`unknown op ${c.op}`);
  }
}

const results = cases.map((c) => {
  try {
    return { hex: run(c) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
fs.writeFileSync(resultsPath, JSON.stringify(results));
