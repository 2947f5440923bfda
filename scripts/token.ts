/**
 * `npm run token -- <userId> [--admin] [--ttl <seconds>] [--key <pem file>]`
 * prints a bearer token for development: HS256 with JWT_SECRET, or RS256
 * with the given PKCS#8 private key (for a server with JWT_PUBLIC_KEY).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { signToken } from '../src/auth/tokens.js';

const USAGE = 'usage: npm run token -- <userId> [--admin] [--ttl <seconds>] [--key <pem file>]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      admin: { type: 'boolean', default: false },
      ttl: { type: 'string', default: String(24 * 3600) },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const userId = positionals[0];
  const ttlSeconds = Number(values.ttl);
  if (positionals.length !== 1 || !userId || !Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const token = await signToken(loadConfig(), {
    userId,
    admin: values.admin,
    ttlSeconds,
    ...(values.key ? { privateKeyPem: fs.readFileSync(values.key, 'utf8') } : {}),
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
