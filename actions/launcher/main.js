// main.js - entry of the umbrella action (action.yml at the repository root): the phase comes from input `phase`.
'use strict';

const { main } = require('./launcher.js');

const PHASES = ['scan', 'publish', 'deploy-watch', 'heal', 'version'];
const phase = (process.env.INPUT_PHASE || '').trim();

if (!PHASES.includes(phase)) {
  const msg = `input 'phase' must be one of ${PHASES.join(', ')} (got "${phase.slice(0, 40)}")`;
  const esc = msg.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (process.env.GITHUB_ACTIONS === 'true')
    process.stdout.write(`::error title=ship launcher::${esc}\n`);
  else
    process.stderr.write(`ship launcher: error: ${msg}\n`);
  process.exitCode = 2;
} else {
  main(phase);
}
