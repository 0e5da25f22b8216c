import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingFilter, FindingRow, FindingSort } from '@shared/api/findings';
import { api } from '../../api/client';

export const PAGE_SIZE = 200;

/*
 * Rows of the virtualized table, fetched a page at a time as they scroll into view. A page
 * right after a loaded one is fetched by keyset (the previous page's `next` cursor); a page
 * reached by a jump (the scrollbar dragged far) is fetched by offset once, and keyset resumes
 * from there. Nothing but the visible pages ever crosses into the renderer.
 */
export function useFindingPages(filter: FindingFilter, sort: FindingSort, key: string) {
  const pages = useRef(new Map<number, FindingRow[]>());
  /** After a review: the previous rows stay on screen until their page is fetched again. */
  const stale = useRef(new Map<number, FindingRow[]>());
  const cursors = useRef(new Map<number, string | null>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [version, setVersion] = useState(0);
  const args = useRef({ filter, sort });
  args.current = { filter, sort };

  const reset = useCallback((keepStale = false) => {
    generation.current++;
    stale.current = keepStale ? pages.current : new Map();
    pages.current = new Map();
    cursors.current = new Map();
    inFlight.current = new Set();
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => reset(), [key, reset]);

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || inFlight.current.has(page)) return;
    inFlight.current.add(page);
    const gen = generation.current;
    const cursor = page === 0 ? undefined : cursors.current.get(page);
    const { filter: f, sort: s } = args.current;
    api.findings
      .list({ ...f, sort: s, limit: PAGE_SIZE, ...(cursor ? { cursor } : page > 0 ? { offset: page * PAGE_SIZE } : {}) })
      .then((result) => {
        if (gen !== generation.current) return;
        pages.current.set(page, result.items);
        cursors.current.set(page + 1, result.next);
        inFlight.current.delete(page);
        setVersion((v) => v + 1);
      })
      .catch(() => {
        if (gen === generation.current) inFlight.current.delete(page);
      });
  }, []);

  const rowAt = useCallback((index: number): FindingRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    return (pages.current.get(page) ?? stale.current.get(page))?.[index % PAGE_SIZE];
  }, []);

  return { rowAt, load, reset, version };
}
