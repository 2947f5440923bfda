import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';

const GENERATED = 'src/graphql/generated/types.ts';

/** Runs `graphql-codegen --check` with the project's config in `cwd`. */
function check(cwd: string) {
  return spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules/@graphql-codegen/cli/cjs/bin.js'),
      '--config', 'codegen.ts', '--check'],
    { cwd, encoding: 'utf8', timeout: 120_000 },
  );
}

describe('generated GraphQL types', () => {
  it('match the schema files (npm run codegen:check passes)', () => {
    const result = check(projectRoot);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('fail the check when the schema changes and they are not regenerated', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'grapevine-codegen-'));
    try {
      for (const item of ['codegen.ts', 'schema', GENERATED, 'node_modules', 'package.json']) {
        const target = path.join(copy, item);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (item === 'node_modules') fs.symlinkSync(path.join(projectRoot, item), target);
        else fs.cpSync(path.join(projectRoot, item), target, { recursive: true });
      }
      expect(check(copy).status).toBe(0);
      fs.appendFileSync(path.join(copy, 'schema/server.graphql'),
        '\n"""A field the generated types do not know."""\nextend type Query { extra: Int }\n');
      const result = check(copy);
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
