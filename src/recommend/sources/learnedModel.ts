/**
 * A learned model (src/models) as a candidate source: the viewer's best
 * unseen posts by the model's scores. A viewer the model was trained on is
 * scored from their training row; any other viewer is folded in from the
 * recent engagements of their profile (without retraining); a viewer with
 * no engagement the model knows gets nothing.
 *
 * Model scores may be negative, and the blend keeps only scores > 0, so a
 * list of n items is shifted by the score of the (n + 1)-th best item:
 *   score(p) = s(p) − s_(n+1) + ε,  ε = 1e-9 · (s_(1) − s_(n+1) + 1)
 * which keeps the order and the gaps the model drew.
 */
import type { InteractionMatrix } from '../../models/interactionMatrix.js';
import { rankItems, type Recommender, type ScoredItem } from '../../models/recommender.js';
import type { Candidate } from '../types.js';
import type { CandidateSource, SourceContext } from './source.js';

/** Creates a source named `name` that ranks with a fitted `model`. */
export function createLearnedModelSource(
  name: string,
  model: Recommender,
  data: InteractionMatrix,
): CandidateSource {
  return {
    name,
    async generate({ viewer, limit }: SourceContext) {
      const user = data.userIndex.get(viewer.id);
      let ranked: ScoredItem[];
      if (user !== undefined) {
        ranked = model.recommend(user, limit + 1);
      } else {
        const engagements = viewer.recent.flatMap((e) => {
          const item = data.itemIndex.get(e.postId);
          return item === undefined ? [] : [{ item, weight: e.weight, at: e.at }];
        });
        if (engagements.length === 0) return [];
        const exclude = new Set(engagements.map((e) => e.item));
        ranked = rankItems(model.foldInUser(engagements), limit + 1, exclude);
      }
      return toCandidates(ranked, limit, (item) => data.itemIds[item]!);
    },
  };
}

/** Shifts scores positive (see the header) and names the posts. */
export function toCandidates(
  ranked: readonly ScoredItem[],
  limit: number,
  postIdOf: (item: number) => string,
): Candidate[] {
  if (ranked.length === 0) return [];
  const kept = ranked.slice(0, limit);
  const floor = ranked.length > limit ? ranked[limit]!.score : kept.at(-1)!.score;
  const epsilon = 1e-9 * (kept[0]!.score - floor + 1);
  return kept.map((entry): Candidate => ({
    postId: postIdOf(entry.item),
    score: entry.score - floor + epsilon,
    reasons: [{ kind: 'ENGAGED_BY_SIMILAR_USERS', count: 0, userIds: [] }],
  }));
}
