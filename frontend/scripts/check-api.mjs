// Fails when src/api/schema.d.ts is not what `npm run gen:api` makes of src/api/openapi.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const cli = 'node_modules/openapi-typescript/bin/cli.js';
const dir = mkdtempSync(join(tmpdir(), 'check-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, [cli, 'src/api/openapi.json', '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is out of date with src/api/openapi.json: run \`npm run gen:api\` and commit it.`);
    process.exitCode = 1;
  } else {
    console.log(`${committed} matches src/api/openapi.json.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
