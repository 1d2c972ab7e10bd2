import { Component, type ReactNode } from 'react';

/** Renders `fallback` instead of crashing the page when a child throws (bad content must never break the canvas). */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; resetKey?: unknown; children: ReactNode },
  { failed: boolean; key?: unknown }
> {
  override state: { failed: boolean; key?: unknown } = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { failed: boolean; key?: unknown }) {
    // New content gets a new chance to render.
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
