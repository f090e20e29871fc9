/**
 * react-aria adds a <style> element (touch-action for pressable elements) unless an element
 * with this id exists. Our CSP allows styles only from files (style-src 'self'), so that
 * element would be blocked and reported; the same rule lives in styles/app.css instead.
 */
export function preventInjectedStyles(doc: Document): void {
  const id = 'react-aria-pressable-style';
  if (doc.getElementById(id)) return;
  const marker = doc.createElement('template');
  marker.id = id;
  doc.head.append(marker);
}
