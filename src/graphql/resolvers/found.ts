/** Loading one user or post for a resolver, NOT_FOUND when there is none. */
import type { PostRecord, UserRecord } from '../../social/records.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, userError } from '../errors.js';

/** The user with `id`; NOT_FOUND when unknown. */
export async function loadUser(context: GraphQLContext, id: string): Promise<UserRecord> {
  const user = await context.loaders.users.load(id);
  if (user === null) {
    throw userError(ErrorCode.NOT_FOUND, `No user has the id ${JSON.stringify(id)}.`);
  }
  return user;
}

/** The post with `id` if the viewer may see it; NOT_FOUND otherwise. */
export async function loadPost(context: GraphQLContext, id: string): Promise<PostRecord> {
  const post = await context.loaders.posts.load(id);
  if (post === null) {
    throw userError(ErrorCode.NOT_FOUND, `No post you can see has the id ${JSON.stringify(id)}.`);
  }
  return post;
}
