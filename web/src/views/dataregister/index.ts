import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { renderDetail } from './detail.js';
import { renderList } from './list.js';

/** Dataregister: `/dataregister` lists and searches, `/dataregister/<id>` shows one dataset. */
export function render(ctx: RouteContext): Promise<View> {
  const [id, ...more] = ctx.rest;
  if (id === undefined) return renderList(ctx);
  if (more.length > 0) return Promise.resolve(notFoundView('/dataregister'));
  return renderDetail(ctx, id);
}
