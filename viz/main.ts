// The app's entry: mount the views and, in a production build, register the service worker that
// keeps the app usable offline after one visit.
import { mountApp } from './app.ts';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
if (root) {
  void mountApp(root, {
    hash: location.hash,
    storage: safeStorage(),
    languages: navigator.languages,
    syncUrl: true,
    autoplay: true,
  });
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .catch((err: unknown) => console.warn('offline cache unavailable:', err));
  });
}
