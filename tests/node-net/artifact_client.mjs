// artifact_client.mjs - drives the official @actions/artifact client (v6) against
// the fake artifact service, for tests/cli/test_artifact_interop.py. The last
// stdout line is the JSON result (the toolkit prints ::debug:: lines before it).
//   node artifact_client.mjs upload NAME ROOT FILE...   -> {"id", "size", "digest"}
//   node artifact_client.mjs list                       -> [{"name", "id", "size", ...}]
//   node artifact_client.mjs download NAME DIR          -> {"downloadPath", "digestMismatch"}
import {DefaultArtifactClient} from '@actions/artifact'

const [cmd, ...args] = process.argv.slice(2)
const client = new DefaultArtifactClient()
let out
if (cmd === 'upload') {
  const [name, root, ...files] = args
  out = await client.uploadArtifact(name, files, root, {compressionLevel: 6})
} else if (cmd === 'list') {
  out = (await client.listArtifacts({latest: true})).artifacts
} else if (cmd === 'download') {
  const [name, dir] = args
  const {artifact} = await client.getArtifact(name)
  // "sha256:<hex>", the form the toolkit computes while downloading
  const expectedHash = artifact.digest || undefined
  out = await client.downloadArtifact(artifact.id, {path: dir, expectedHash})
  out.expectedHash = expectedHash || null
} else {
  console.error('usage: artifact_client.mjs upload|list|download ...')
  process.exit(2)
}
process.stdout.write('\n' + JSON.stringify(out) + '\n')
