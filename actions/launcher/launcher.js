// launcher.js - finds (or downloads and verifies) the ship binary of this action and runs one phase with it.
//
// A JavaScript action gets what a `run:` step does not: ACTIONS_RUNTIME_TOKEN,
// ACTIONS_RESULTS_URL (artifact service v4), GITHUB_ACTION_REPOSITORY and
// GITHUB_ACTION_REF. This file is dependency-free (Node >= 20 built-ins only)
// so the action needs no `npm install` and no bundling.
//
// Binary lookup, first match wins:
//   1. <action root>/ship       built in the action's checkout (`uses: ./` after `make`)
//   2. the tool cache           RUNNER_TOOL_CACHE/ship/<version>/x64/ship, re-verified
//   3. the release asset        ship-<version>-linux-x64 of release v<version> of
//                               GITHUB_ACTION_REPOSITORY, verified against the SHA-256
//                               committed in actions/SHA256SUMS before it is cached.
// <version> is the VERSION file of the action's checkout. No checksum line for the
// asset means no download: a ref that is not a release cannot run a downloaded binary.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const MAX_ASSET_BYTES = 64 * 1024 * 1024;
const MAX_SUMS_BYTES = 1024 * 1024;
const DOWNLOAD_ATTEMPTS = 3;
const DOWNLOAD_TIMEOUT_MS = 120 * 1000;
// Base URL of the releases instead of GITHUB_SERVER_URL/GITHUB_ACTION_REPOSITORY/releases/download,
// for tests (a local server) and the release workflow's own check. The checksum is verified either way.
const URL_OVERRIDE_VAR = 'SHIP_LAUNCHER_RELEASE_URL';
// Launcher-only inputs that are not options of the binary.
const LAUNCHER_INPUTS = ['INPUT_PHASE', 'INPUT_ARGS', 'INPUT_TOKEN'];

// Exit codes follow docs/exit-codes.md: 2 = usage/invalid input, 3 = an external service failed.
class LaunchError extends Error {
  constructor(message, code) {
    super(message);
    this.exitCode = code || 2;
  }
}

// The runner's escaping of workflow-command data (% first, then CR and LF).
function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function report(level, msg) {
  if (process.env.GITHUB_ACTIONS === 'true')
    process.stdout.write(`::${level} title=ship launcher::${escapeData(msg)}\n`);
  else
    process.stderr.write(`ship launcher: ${level}: ${msg}\n`);
}

function info(msg) {
  process.stdout.write(`ship launcher: ${msg}\n`);
}

function readCapped(file, cap, what) {
  let st;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new LaunchError(`${what}: cannot read ${file}: ${e.code || e.message}`);
  }
  if (!st.isFile() || st.size > cap)
    throw new LaunchError(`${what}: ${file} is not a regular file of at most ${cap} bytes`);
  return fs.readFileSync(file, 'utf8');
}

function readVersion(root) {
  const file = path.join(root, 'VERSION');
  const v = readCapped(file, 64, 'version').trim();
  if (!/^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/.test(v))
    throw new LaunchError(`${file}: line 1: not a version (X.Y.Z[-PRE]): "${v.slice(0, 40)}"`);
  return v;
}

// SHA256SUMS in `sha256sum` format: "<64 hex>  <asset>" (or " *<asset>"), '#' comments.
function parseChecksums(text, file) {
  const sums = new Map();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#'))
      return;
    const m = /^([0-9a-f]{64}) [ *]([A-Za-z0-9][A-Za-z0-9._+-]*)$/.exec(line);
    if (!m)
      throw new LaunchError(`${file}: line ${i + 1}: expected "<sha256 in lowercase hex>  <asset name>"`);
    if (sums.has(m[2]) && sums.get(m[2]) !== m[1])
      throw new LaunchError(`${file}: line ${i + 1}: a second, different checksum for ${m[2]}`);
    sums.set(m[2], m[1]);
  });
  return sums;
}

function readChecksums(root) {
  const file = path.join(root, 'actions', 'SHA256SUMS');
  return parseChecksums(readCapped(file, MAX_SUMS_BYTES, 'checksums'), file);
}

// RUNNER_OS/RUNNER_ARCH as the runner spells them; outside a runner, Node's view.
function platform(env) {
  const osName = env.RUNNER_OS || { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform] || process.platform;
  const arch = env.RUNNER_ARCH || { x64: 'X64', arm64: 'ARM64', ia32: 'X86', arm: 'ARM' }[process.arch] || process.arch;
  if (osName === 'Linux' && arch === 'X64')
    return { asset: 'linux-x64', arch: 'x64' };
  throw new LaunchError(`unsupported runner platform ${osName} ${arch}: ship is released for Linux X64 only ` +
    '(run it on ubuntu-* runners, or build it in the action checkout)');
}

function sha256File(file) {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  try {
    let n;
    while ((n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0)
      h.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function isExecutableFile(file) {
  try {
    const st = fs.statSync(file);
    if (!st.isFile())
      return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch (e) {
    return false;
  }
}

function cacheDir(env, version, arch) {
  const base = env.RUNNER_TOOL_CACHE ||
    path.join(env.RUNNER_TEMP || os.tmpdir(), 'ship-tool-cache');
  return path.join(base, 'ship', version, arch);
}

function releaseUrl(env, version, asset) {
  const tag = `v${version}`;
  if (env[URL_OVERRIDE_VAR])
    return `${env[URL_OVERRIDE_VAR].replace(/\/+$/, '')}/${tag}/${asset}`;
  const repo = env.GITHUB_ACTION_REPOSITORY;
  if (!repo || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo))
    throw new LaunchError('no ship binary in the action checkout and no GITHUB_ACTION_REPOSITORY to download ' +
      'a release from (a local action `uses: ./...` needs `make` to build ./ship first)');
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${repo}/releases/download/${tag}/${asset}`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// One GET into `dest`, hashing while writing. Returns the hex digest.
async function fetchOnce(url, dest) {
  const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok) {
    const retry = res.status >= 500 || res.status === 429;
    const err = new LaunchError(`download of ${url} failed: HTTP ${res.status}`, 3);
    err.retry = retry;
    throw err;
  }
  const declared = Number(res.headers.get('content-length') || 0);
  if (declared > MAX_ASSET_BYTES)
    throw new LaunchError(`download of ${url}: ${declared} bytes is over the ${MAX_ASSET_BYTES}-byte cap`, 3);
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(dest, 'w', 0o600);
  let total = 0;
  try {
    for await (const chunk of res.body) {
      total += chunk.length;
      if (total > MAX_ASSET_BYTES)
        throw new LaunchError(`download of ${url}: more than ${MAX_ASSET_BYTES} bytes`, 3);
      h.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

async function download(url, dest) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, dest);
    } catch (e) {
      const retry = e instanceof LaunchError ? e.retry : true;
      if (!retry || attempt >= DOWNLOAD_ATTEMPTS)
        throw e instanceof LaunchError ? e :
          new LaunchError(`download of ${url} failed: ${e.cause ? e.cause.message || e.cause.code : e.message}`, 3);
      await sleep(1000 * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}

// The verified binary in the tool cache, downloading it when needed.
async function cachedRelease(env, root) {
  const plat = platform(env);
  const version = readVersion(root);
  const asset = `ship-${version}-${plat.asset}`;
  const sums = readChecksums(root);
  const want = sums.get(asset);
  if (!want)
    throw new LaunchError(`no SHA-256 for ${asset} in actions/SHA256SUMS of this action ` +
      `(ref ${env.GITHUB_ACTION_REF || 'unknown'}): refusing to download an unverifiable binary. ` +
      'Use a released action tag (docs/actions.md), or build ship in the action checkout.');
  const dir = cacheDir(env, version, plat.arch);
  const bin = path.join(dir, 'ship');
  const marker = `${dir}.complete`;
  if (fs.existsSync(marker) && isExecutableFile(bin)) {
    if (sha256File(bin) === want)
      return bin;
    report('warning', `cached ${bin} does not match its SHA-256; downloading it again`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const url = releaseUrl(env, version, asset);
  const tmp = path.join(dir, `.ship.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
  try {
    info(`downloading ${url}`);
    const got = await download(url, tmp);
    if (got !== want)
      throw new LaunchError(`checksum mismatch for ${asset} from ${url}: expected ${want}, got ${got}; ` +
        'refusing to run it', 3);
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, bin);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  fs.writeFileSync(marker, '');
  return bin;
}

async function findBinary(env, root) {
  const local = path.join(root, 'ship');
  if (isExecutableFile(local))
    return local;
  return cachedRelease(env, root);
}

// The environment of the binary: intact, except that launcher-only inputs go and
// the `token` input becomes GITHUB_TOKEN (secrets never travel as flags).
function childEnv(env) {
  const out = { ...env };
  if (env.INPUT_TOKEN)
    out.GITHUB_TOKEN = env.INPUT_TOKEN;
  for (const k of LAUNCHER_INPUTS)
    delete out[k];
  return out;
}

// Extra arguments of the umbrella action: one per line, blank lines ignored.
function extraArgs(env) {
  return (env.INPUT_ARGS || '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
}

function runBinary(bin, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, argv, { stdio: 'inherit', env });
    const forward = (sig) => child.kill(sig);
    for (const sig of ['SIGINT', 'SIGTERM'])
      process.on(sig, forward);
    child.on('error', (e) => {
      report('error', `cannot run ${bin}: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (code, sig) => {
      resolve(code !== null ? code : 128 + (os.constants.signals[sig] || 0));
    });
  });
}

// Runs `ship <phase> [args]` and returns its exit code.
async function launch(phase, env, root) {
  if (!/^[a-z][a-z-]{0,31}$/.test(phase || ''))
    throw new LaunchError(`invalid phase "${String(phase).slice(0, 40)}"`);
  const bin = await findBinary(env, root);
  return runBinary(bin, [phase, ...extraArgs(env)], childEnv(env));
}

function main(phase) {
  launch(phase, process.env, ROOT).then(
    (code) => { process.exitCode = code; },
    (e) => {
      report('error', e.message);
      process.exitCode = e instanceof LaunchError ? e.exitCode : 2;
    });
}

module.exports = { main, launch, parseChecksums, readVersion, platform, childEnv, extraArgs, LaunchError };
