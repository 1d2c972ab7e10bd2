/**
 * Creates the widget's host element: a `<tributary-widget>` at the end of <body> with an open shadow root (tests
 * and integrations reach the `data-tributary` hooks inside it) holding one `.tb` container. A custom element name
 * keeps page rules aimed at `div` or `section` off the host. Styles are adopted as constructed stylesheets, which
 * a Content-Security-Policy without 'unsafe-inline' still allows; older browsers get a <style> element.
 */
export function createHost(css: string): { host: HTMLElement; root: ShadowRoot; box: HTMLElement } {
  const host = document.createElement('tributary-widget');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, css);
  const box = document.createElement('div');
  box.className = 'tb';
  root.append(box);
  document.body.append(host);
  return { host, root, box };
}

/** Adds a stylesheet to a shadow root (also used by the UI chunk for its own styles). */
export function addStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
}
