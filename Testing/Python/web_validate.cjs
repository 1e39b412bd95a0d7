// Validates glTF files with the Khronos glTF validator (npm gltf-validator, from the build's
// node_modules through NODE_PATH) and prints one JSON line per file: its path, the counts of
// errors, warnings, infos and hints, and the messages of the errors and warnings.
//   node web_validate.cjs file.glb file.gltf ...
const fs = require('fs');
const path = require('path');
const validator = require('gltf-validator');

async function validate(file) {
  const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {
    uri: path.basename(file),
    maxIssues: 0,
    externalResourceFunction: () => Promise.reject(new Error('no external resources')),
  });
  const issues = report.issues;
  return {
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    hints: issues.numHints,
    messages: issues.messages.filter((m) => m.severity <= 1)
      .slice(0, 20).map((m) => `${m.code} ${m.pointer || ''}: ${m.message}`),
  };
}

(async () => {
  for (const file of process.argv.slice(2)) {
    console.log(JSON.stringify(await validate(file)));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
