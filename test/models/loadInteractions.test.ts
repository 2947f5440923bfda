import { describe, expect, it } from 'vitest';
import { loadInteractionMatrix } from '../../src/models/loadInteractions.js';
import { useTestDatabase } from '../support/database.js';

describe('loadInteractionMatrix', () => {
  const t = useTestDatabase();

  it('reads likes, reposts and replies with weights and times', async () => {
    await t.db.writeText(
      `CREATE (a:User {id: 'u:a'}), (b:User {id: 'u:b'}),
              (p:Post {id: 'p:1', source: 'seed'}),
              (q:Post {id: 'p:2', source: 'seed'}),
              (gone:Post {id: 'p:3', source: 'seed', deletedAt: 5}),
              (other:Post {id: 'x:1', source: 'lastfm'}),
              (a)-[:LIKED {at: 10, weight: 0.5}]->(p),
              (a)-[:REPLIED {at: 20, weight: 0.25}]->(p),
              (a)-[:REPOSTED {at: 30, weight: 1.0}]->(q),
              (b)-[:LIKED {at: 15, weight: 1.0}]->(q),
              (b)-[:LIKED {at: 16, weight: 1.0}]->(gone),
              (b)-[:LIKED {at: 17, weight: 1.0}]->(other),
              (b)-[:VIEWED {at: 40, count: 3}]->(p)`,
    );
    const data = await loadInteractionMatrix(t.db, 'seed');

    expect(data.userIds).toEqual(['u:a', 'u:b']);
    expect(data.itemIds).toEqual(['p:1', 'p:2']);
    expect(Array.from(data.userStarts)).toEqual([0, 2, 3]);
    expect(Array.from(data.userItems)).toEqual([0, 1, 1]);
    expect(Array.from(data.userWeights)).toEqual([0.75, 1, 1]);
    expect(Array.from(data.userTimes)).toEqual([10, 30, 15]);

    const all = await loadInteractionMatrix(t.db);
    expect(all.itemIds).toContain('x:1');
    expect(all.itemIds).not.toContain('p:3');
  });
});
