import { useEffect, useRef, useState } from 'react';
import { leadsApi, type LeadsPage } from '../api/leads.ts';
import { leadsSearch, type LeadsView } from './leadsView.ts';

export interface LeadsRows {
  data: LeadsPage | null;
  /** Why the latest view could not be read (an `ApiError` says what the server refused: leadsError.ts). */
  error?: Error;
  loading: boolean;
  /** The page shown: the one asked for, or the last there is when the view asked past the end. */
  page: number;
  /** The view (its query) this answer is for: until the next answer, an earlier view's. */
  answers?: string;
}

/**
 * The rows of a view of the leads table. Pages are found by cursor (the `next` of the page before); the cursors
 * seen are kept per set of filters, so paging back and forth asks once per page, and a view that opens on page N
 * (a reload, a shared link) walks pages 1…N-1 first. Only the answer to the latest view is shown (filters change
 * faster than answers come). `ready` false holds the question (the stream list is not there to check it yet).
 */
export function useLeadsRows(view: LeadsView, ready: boolean, reloads: number): LeadsRows {
  const [state, setState] = useState<LeadsRows>({ data: null, loading: true, page: view.page });
  const asked = useRef(0);
  // Cursors per filters (their query string): [undefined (page 1), next of page 1, …].
  const cursors = useRef(new Map<string, (string | undefined)[]>());
  const key = leadsSearch({ filters: view.filters, page: 1 });
  const answers = leadsSearch(view);

  useEffect(() => {
    if (!ready) return;
    const n = ++asked.current;
    const current = () => n === asked.current;
    setState((s) => ({ ...s, loading: true }));
    const known = cursors.current.get(key) ?? [undefined];
    cursors.current.set(key, known);
    void (async () => {
      let at = Math.min(view.page, known.length) - 1;
      let page = await leadsApi.page(view.filters, known[at]);
      while (at < view.page - 1 && page.next) {
        if (!current()) return;
        known[++at] = page.next;
        page = await leadsApi.page(view.filters, known[at]);
      }
      if (!current()) return;
      if (page.next) known[at + 1] = page.next;
      setState({ data: page, loading: false, page: at + 1, answers });
    })().catch((e: Error) => {
      if (current()) setState({ data: null, error: e, loading: false, page: view.page, answers });
    });
    // `key` stands for the filters (a new object on every render of the same URL).
  }, [key, view.page, ready, reloads]);

  return state;
}
