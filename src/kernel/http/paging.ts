import { z } from 'zod';

export const MAX_PAGE_SIZE = 200;

export const pagingQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  _links: { self: { href: string }; first: { href: string }; last: { href: string }; next?: { href: string }; prev?: { href: string } };
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    _links: z.record(z.string(), z.object({ href: z.string() })),
  });

/** Wraps one page of results with HAL-style links that keep the caller's other query parameters. */
export function toPage<T>(items: T[], total: number, page: number, pageSize: number, url: string): Page<T> {
  const parsed = new URL(url, 'http://local');
  const href = (p: number) => {
    parsed.searchParams.set('page', String(p));
    parsed.searchParams.set('pageSize', String(pageSize));
    return `${parsed.pathname}?${parsed.searchParams.toString()}`;
  };
  const last = Math.max(1, Math.ceil(total / pageSize));
  const links: Page<T>['_links'] = { self: { href: href(page) }, first: { href: href(1) }, last: { href: href(last) } };
  if (page < last) links.next = { href: href(page + 1) };
  if (page > 1) links.prev = { href: href(Math.min(page - 1, last)) };
  return { items, total, page, pageSize, _links: links };
}
