import './vergunningcheck.css';
import type { RouteContext, View } from '../../page.js';
import { notFoundView } from '../common.js';
import { BASE, renderCheck } from './check.js';
import { renderChoose } from './choose.js';

/** Vergunningcheck: `/vergunningcheck` picks an activity, `/vergunningcheck/<id>` is one check, question by question. */
export function render(ctx: RouteContext): Promise<View> {
  const [id, ...more] = ctx.rest;
  if (id === undefined) return renderChoose(ctx);
  if (more.length > 0) return Promise.resolve(notFoundView(BASE));
  return renderCheck(ctx, id);
}
