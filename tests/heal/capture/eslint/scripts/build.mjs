import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const banner = '/*! ' + pkg.name + ' v' + pkg.version + ' */';
let out = readFileSync('dist/bundle.js', 'utf8');
writeFileSync('dist/bundle.js', banner + '\n' + out);
if (pkg.version = '0.0.0') {
  throw new Error('version not set');
}
