/**
 * The executable schema: SDL from `schema/*.graphql` plus the resolver maps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { projectRoot } from '../config.js';
import { ingestResolvers } from './resolvers/ingest.js';
import { mutationResolvers } from './resolvers/mutations.js';
import { recommendResolvers } from './resolvers/recommend.js';
import { serverResolvers } from './resolvers/server.js';
import { socialResolvers } from './resolvers/social.js';

const SCHEMA_DIR = path.join(projectRoot, 'schema');

/** Every SDL file, parsed, in file-name order. */
export function loadTypeDefs(dir = SCHEMA_DIR): DocumentNode[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

/**
 * Resolver maps, one per schema area; Apollo merges them. A new area adds
 * its SDL file (with `extend type Query` or `extend type User`) and appends
 * its map here.
 */
export const resolvers = [serverResolvers, socialResolvers, mutationResolvers, ingestResolvers,
  recommendResolvers];
