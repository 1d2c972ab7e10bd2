import { useSyncExternalStore } from 'react';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';

/** Diagnostics of one card, for its badges; kept as the same object while they do not change. */
export interface CardLint {
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  /** Worst severity per port (for the port chips). */
  ports: Readonly<Record<string, 'error' | 'warning'>>;
  key: string;
}

export const NO_LINT: CardLint = { errors: 0, warnings: 0, diagnostics: [], ports: {}, key: '' };

/**
 * Holds the current diagnostics and serves them per card and per edge, so that a card view re-renders only when its
 * own diagnostics change (each node subscribes with a selector).
 */
export class LintStore {
  private all: Diagnostic[] = [];
  private byCard = new Map<string, CardLint>();
  private byEdge = new Map<string, 'error' | 'warning'>();
  private listeners = new Set<() => void>();

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  diagnostics = (): Diagnostic[] => this.all;

  card(id: string): CardLint {
    return this.byCard.get(id) ?? NO_LINT;
  }

  edge(id: string): 'error' | 'warning' | undefined {
    return this.byEdge.get(id);
  }

  errorCount(): number {
    return this.all.filter((d) => d.severity === 'error').length;
  }

  set(diagnostics: Diagnostic[]): void {
    const grouped = new Map<string, Diagnostic[]>();
    const byEdge = new Map<string, 'error' | 'warning'>();
    for (const d of diagnostics) {
      if (d.cardId !== undefined) {
        const list = grouped.get(d.cardId) ?? [];
        list.push(d);
        grouped.set(d.cardId, list);
      }
      if (d.edgeId !== undefined && byEdge.get(d.edgeId) !== 'error') byEdge.set(d.edgeId, d.severity);
    }
    const byCard = new Map<string, CardLint>();
    for (const [id, list] of grouped) {
      const next = summarise(list);
      const prev = this.byCard.get(id);
      byCard.set(id, prev && prev.key === next.key ? prev : next);
    }
    this.all = diagnostics;
    this.byCard = byCard;
    this.byEdge = byEdge;
    for (const fn of this.listeners) fn();
  }
}

function summarise(list: Diagnostic[]): CardLint {
  const ports: Record<string, 'error' | 'warning'> = {};
  let errors = 0;
  let warnings = 0;
  for (const d of list) {
    if (d.severity === 'error') errors++;
    else warnings++;
    if (d.port !== undefined && ports[d.port] !== 'error') ports[d.port] = d.severity;
  }
  const key = list.map((d) => `${d.severity}|${d.code}|${d.port ?? ''}|${d.edgeId ?? ''}|${d.message}`).join('\n');
  return { errors, warnings, diagnostics: list, ports, key };
}

/** The diagnostics of one card; re-renders the caller only when they change. */
export function useCardLint(store: LintStore, id: string): CardLint {
  return useSyncExternalStore(store.subscribe, () => store.card(id));
}

export function useEdgeLint(store: LintStore, id: string): 'error' | 'warning' | undefined {
  return useSyncExternalStore(store.subscribe, () => store.edge(id));
}

export function useDiagnostics(store: LintStore): Diagnostic[] {
  return useSyncExternalStore(store.subscribe, store.diagnostics);
}
