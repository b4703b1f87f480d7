// The app shell: header, tabs, language, presentation mode, share links and the views, the heavy ones
// loaded on first use. A little over 400 lines on purpose: it is the one file that knows every view, and
// its parts share the current view, the address bar and the notice.
import { clear, el } from './dom.ts';
import { I18n, initialLang, LANGS, type Lang } from './i18n/index.ts';
import { printable } from '../sim/engine/errors.ts';
import { decodeShare, encodeShare, type ExploreShare, type Share, type ShareProblem, type View } from './share/url.ts';
import { CompareView } from './views/compare.ts';
import type { ExperimentView } from './views/experiment.ts';
import type { ExerciseViewHandle } from './views/exercise.ts';
import type { LiveViewHandle } from './live/workshopView.ts';
import { isLiveHash } from './live/route.ts';
import { ExploreView } from './views/explore.ts';
import { applyI18n } from './views/i18nDom.ts';
import { yieldToMain } from './views/yieldToMain.ts';
import { startSessionWorker, type SessionWorker } from './worker/client.ts';
import type { Catalog } from './worker/session.ts';

export const DEFAULT_SCENARIO = 'vn34-2025';
const ENDONYM: Record<Lang, string> = { en: 'English', vi: 'Tiếng Việt' };

export interface AppOptions {
  /** The URL fragment to start from (a share link). */
  hash?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  languages?: readonly string[];
  /** Keep the address bar in step with the state (off in tests that share a page). */
  syncUrl?: boolean;
  /** Start playing the first scenario at once. */
  autoplay?: boolean;
  /** IndexedDB database of kept sweeps (tests use their own). */
  experimentDb?: string;
}

/** The views of the header's tabs: the shareable views and the live workshop (its own `#live…` fragments). */
export type AppView = View | 'live';

export interface App {
  root: HTMLElement;
  i18n: I18n;
  catalog: Catalog;
  explore: ExploreView;
  compare: CompareView;
  /** The Experiment view, loaded on first use (it brings the experiment engine). */
  experiment(): Promise<ExperimentView>;
  view: AppView;
  show(view: AppView): void;
  setLang(lang: Lang): void;
  /** The share link of the current state (absolute URL). */
  shareUrl(): string;
  /** Resolves when the visible view has nothing in flight. */
  whenIdle(): Promise<void>;
  dispose(): void;
}

/** Build the app inside `root`: header (views, language, presentation, share), then the views. */
export async function mountApp(root: HTMLElement, options: AppOptions = {}): Promise<App> {
  const storage = options.storage ?? null;
  const i18n = new I18n(initialLang(storage, options.languages ?? []), storage);
  clear(root);
  root.classList.add('concerto');

  const navButtons = new Map<AppView, HTMLButtonElement>();
  const nav = el('nav', { class: 'views', 'data-i18n-attr': 'aria-label:nav.label' });
  for (const v of ['explore', 'compare', 'experiment', 'exercise', 'live'] as const) {
    const b = el('button', { type: 'button', class: 'tab', 'data-view': v, 'data-i18n': `nav.${v}` });
    navButtons.set(v, b);
    nav.appendChild(b);
  }
  const langSelect = el('select', { id: 'lang-select', 'data-control': 'lang' });
  for (const l of LANGS) langSelect.appendChild(el('option', { value: l, lang: l, text: ENDONYM[l] }));
  const presentBtn = el('button', {
    type: 'button',
    'data-control': 'present',
    'aria-pressed': 'false',
    'data-i18n-attr': 'title:present.help',
  });
  const shareBtn = el('button', {
    type: 'button',
    'data-control': 'share',
    'data-i18n': 'share.copy',
    'data-i18n-attr': 'title:share.label',
  });
  const toast = el('p', { class: 'toast', role: 'status', 'aria-live': 'polite', 'data-role': 'toast' });
  const shareBox = el('input', {
    type: 'text',
    readonly: true,
    class: 'share-box',
    hidden: true,
    'data-role': 'share-url',
    'data-i18n-attr': 'aria-label:share.label',
  });
  const header = el('header', { class: 'app-header' }, [
    el('a', { class: 'skip', href: '#main', 'data-i18n': 'app.skip' }),
    el('div', { class: 'brand' }, [
      el('span', { class: 'title', 'data-i18n': 'app.title' }),
      el('span', { class: 'tagline', 'data-i18n': 'app.tagline' }),
    ]),
    nav,
    el('div', { class: 'header-tools' }, [
      el('label', { for: 'lang-select', class: 'inline', 'data-i18n': 'lang.label' }),
      langSelect,
      presentBtn,
      shareBtn,
    ]),
  ]);
  /** A lazily loaded view or a link that could not be applied: said in the toast, and logged. */
  const failed = (err: unknown) => {
    toast.textContent = printable(err instanceof Error ? err.message : String(err), 300);
    console.error(err);
  };
  const main = el('main', { id: 'main', tabindex: -1 });
  root.append(header, el('div', { class: 'share-row' }, [shareBox, toast]), main);
  // The skip link moves focus without touching the fragment (which holds the share state).
  // A view may name where its content starts (Explore: its run controls), past its set-up.
  header.querySelector('a.skip')!.addEventListener('click', (e) => {
    e.preventDefault();
    (main.querySelector<HTMLElement>('section.view:not([hidden]) [data-skip-target]') ?? main).focus();
  });

  const status = el('p', { class: 'status', role: 'status', 'data-i18n': 'status.loading' });
  main.appendChild(status);
  applyI18n(root, i18n);

  const worker: SessionWorker = startSessionWorker();
  const catalog = await worker.api.catalog();
  status.remove();

  let view: AppView = 'explore';
  // Only the visible view writes the address bar.
  const writeUrl = (share: Share) => {
    if (options.syncUrl && share.view === view) history.replaceState(null, '', encodeShare(share));
  };
  const explore = new ExploreView(main, { i18n, api: worker.api, catalog, onShare: (s) => writeUrl(s) });
  // The set-up is split into tasks (each view built in its own), so no one task holds the page.
  await yieldToMain();
  // Compare runs its batches in its own worker, so a long comparison never stalls a live run.
  let compareWorker: SessionWorker | null = null;
  const compare = new CompareView(main, {
    i18n,
    catalog,
    api: () => {
      compareWorker ??= startSessionWorker();
      return compareWorker.api;
    },
    onShare: (s) => writeUrl(s),
  });
  await yieldToMain();
  // The Experiment view and the experiment engine load on first use, keeping the first page light.
  const experimentHost = el('section', { class: 'view experiment', 'data-view': 'experiment', hidden: true }, [
    el('p', { class: 'status', 'data-i18n': 'status.loading' }),
  ]);
  main.appendChild(experimentHost);
  let experimentView: ExperimentView | null = null;
  let experimentLoading: Promise<ExperimentView> | null = null;
  const loadExperiment = (): Promise<ExperimentView> => {
    experimentLoading ??= import('./views/experiment.ts').then((mod) => {
      const v = new mod.ExperimentView(main, {
        i18n,
        ...(options.experimentDb ? { dbName: options.experimentDb } : {}),
        onShare: (s) => writeUrl(s),
      });
      experimentHost.remove();
      v.root.hidden = view !== 'experiment';
      experimentView = v;
      return v;
    });
    return experimentLoading;
  };

  // The Exercise view (training) also loads on first use: it brings the exercise engine.
  const exerciseHost = el('section', { class: 'view exercise', 'data-view': 'exercise', hidden: true }, [
    el('p', { class: 'status', 'data-i18n': 'status.loading' }),
  ]);
  main.appendChild(exerciseHost);
  let exerciseView: ExerciseViewHandle | null = null;
  let exerciseLoading: Promise<ExerciseViewHandle> | null = null;
  const loadExercise = (): Promise<ExerciseViewHandle> => {
    exerciseLoading ??= import('./views/exercise.ts').then((mod) => {
      const v = mod.mountExerciseView(main, {
        i18n,
        storage: storage && 'removeItem' in storage ? (storage as Storage) : null,
      });
      exerciseHost.remove();
      v.root.hidden = view !== 'exercise';
      exerciseView = v;
      return v;
    });
    return exerciseLoading;
  };

  // The live workshop (served by `concerto serve`) also loads on first use; its places are `#live…` fragments.
  const liveHost = el('section', { class: 'view live', 'data-view': 'live', hidden: true }, [
    el('p', { class: 'status', 'data-i18n': 'status.loading' }),
  ]);
  main.appendChild(liveHost);
  let liveView: LiveViewHandle | null = null;
  let liveLoading: Promise<LiveViewHandle> | null = null;
  const loadLive = (): Promise<LiveViewHandle> => {
    liveLoading ??= import('./live/workshopView.ts').then((mod) => {
      const v = mod.mountLiveView(main, {
        i18n,
        storage: storage && 'removeItem' in storage ? (storage as Storage) : null,
        syncUrl: options.syncUrl ?? false,
      });
      liveHost.remove();
      v.root.hidden = view !== 'live';
      liveView = v;
      return v;
    });
    return liveLoading;
  };

  const show = (v: AppView, liveHash = '#live') => {
    view = v;
    for (const [k, b] of navButtons) b.setAttribute('aria-current', k === v ? 'page' : 'false');
    explore.root.hidden = v !== 'explore';
    compare.root.hidden = v !== 'compare';
    experimentHost.hidden = v !== 'experiment';
    if (experimentView) experimentView.root.hidden = v !== 'experiment';
    if (v === 'experiment') loadExperiment().catch(failed);
    exerciseHost.hidden = v !== 'exercise';
    if (exerciseView) exerciseView.root.hidden = v !== 'exercise';
    if (v === 'exercise') loadExercise().catch(failed);
    liveHost.hidden = v !== 'live';
    if (liveView) liveView.root.hidden = v !== 'live';
    root.dataset.view = v;
    if (v !== 'explore') explore.pause();
    if (v === 'live') {
      loadLive()
        .then((lv) => {
          lv.open(liveHash);
          if (options.syncUrl && view === 'live') history.replaceState(null, '', lv.hash());
        })
        .catch(failed);
      return;
    }
    const share = v === 'explore' ? explore.share() : v === 'compare' ? compare.share() : ({ view: v } as const);
    if (share) writeUrl(share);
  };
  for (const [v, b] of navButtons) b.addEventListener('click', () => show(v, liveView?.hash() ?? '#live'));

  const relabel = () => {
    document.documentElement.lang = i18n.lang;
    document.title = `${i18n.t('app.title')} — ${i18n.t('app.tagline')}`;
    langSelect.value = i18n.lang;
    for (const opt of Array.from(langSelect.options)) opt.title = i18n.t(`lang.${opt.value}`);
    presentBtn.textContent = root.classList.contains('present') ? i18n.t('present.off') : i18n.t('present.on');
    applyI18n(root, i18n);
    explore.relabel();
    compare.relabel();
    experimentView?.relabel();
    exerciseView?.relabel();
    liveView?.relabel();
    renderNotice();
  };
  i18n.onChange(relabel);
  langSelect.addEventListener('change', () => i18n.set(langSelect.value as Lang));

  const setPresent = (on: boolean) => {
    root.classList.toggle('present', on);
    document.documentElement.classList.toggle('present', on);
    presentBtn.setAttribute('aria-pressed', on ? 'true' : 'false');
    presentBtn.textContent = on ? i18n.t('present.off') : i18n.t('present.on');
    // Compare lays its differences out for the screen it is on.
    compare.render();
  };
  presentBtn.addEventListener('click', () => {
    const on = !root.classList.contains('present');
    setPresent(on);
    if (on && document.fullscreenEnabled && !document.fullscreenElement)
      document.documentElement.requestFullscreen().catch(() => undefined);
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  });
  const onFullscreen = () => {
    if (!document.fullscreenElement && root.classList.contains('present')) setPresent(false);
  };
  document.addEventListener('fullscreenchange', onFullscreen);
  // Esc leaves presentation mode (in full screen the browser's own Esc ends it through fullscreenchange);
  // a control that used the key for itself (a menu, a dialog) has called preventDefault.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !root.classList.contains('present')) return;
    setPresent(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    presentBtn.focus();
  };
  document.addEventListener('keydown', onKey);

  const shareUrl = () => {
    if (view === 'live')
      return `${location.origin}${location.pathname}${location.search}${liveView?.hash() ?? '#live'}`;
    const share =
      view === 'explore'
        ? explore.share()
        : view === 'compare'
          ? compare.share()
          : view === 'experiment' && experimentView
            ? experimentView.share()
            : ({ view } as const);
    return `${location.origin}${location.pathname}${location.search}${share ? encodeShare(share) : ''}`;
  };
  shareBtn.addEventListener('click', () => {
    const url = shareUrl();
    shareBox.value = url;
    const manual = () => {
      shareBox.hidden = false;
      shareBox.select();
      setToast(i18n.t('share.manual'));
    };
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(url).then(() => {
        shareBox.hidden = true;
        setToast(i18n.t('share.copied'));
      }, manual);
    } else manual();
  });

  // What a link asked for and did not get, named in the notice (in the current language) with the value
  // used instead, until the next link or a copy replaces it.
  let notice: { problems: ShareProblem[]; used: Record<string, string | number> } | null = null;
  const renderNotice = () => {
    if (!notice) return;
    const lines = notice.problems.map((p) =>
      i18n.t(`share.notUsed.${p.kind}`, {
        key: printable(p.key, 40),
        value: printable(p.value, 60),
        used: notice!.used[p.key] ?? '',
        ...(p.kind === 'range' ? { min: p.min, max: p.max } : {}),
        view: i18n.t(`nav.${view}`),
      }),
    );
    toast.textContent = lines.length > 0 ? `${i18n.t('share.invalid')} ${lines.join(' ')}` : '';
  };
  const setToast = (text: string) => {
    notice = null;
    toast.textContent = text;
  };

  let exploreReady = false;
  const applyHash = async (hash: string) => {
    // The live workshop's places are not share links: the live view reads them itself.
    if (isLiveHash(hash)) {
      if (!exploreReady) await explore.applyShare({ view: 'explore', scenario: DEFAULT_SCENARIO, params: {} });
      exploreReady = true;
      show('live', hash);
      return;
    }
    const { share, problems } = decodeShare(hash, DEFAULT_SCENARIO);
    if (share.view === 'compare') {
      show('compare');
      await compare.applyShare(share);
      await explore.applyShare({ view: 'explore', scenario: DEFAULT_SCENARIO, params: {} });
    } else {
      const ex: ExploreShare =
        share.view === 'explore' ? share : { view: 'explore', scenario: DEFAULT_SCENARIO, params: {} };
      const known = catalog.scenarios.some((s) => s.name === ex.scenario);
      await explore.applyShare(known ? ex : { ...ex, scenario: DEFAULT_SCENARIO });
      if (!known) problems.push({ kind: 'scenario', key: 's', value: ex.scenario });
      show(share.view);
      if (share.view === 'experiment') problems.push(...(await loadExperiment()).applyShare(share));
    }
    exploreReady = true;
    // The values the view runs with in place of those not used.
    const now =
      share.view === 'compare'
        ? compare.share()
        : share.view === 'experiment'
          ? (await loadExperiment()).share()
          : explore.share();
    notice = {
      problems,
      used: { seed: now?.seed ?? '', reps: now?.replicates ?? '', cycles: now?.cycles ?? '', s: DEFAULT_SCENARIO },
    };
    renderNotice();
  };
  const onHashChange = () => {
    if (options.syncUrl) applyHash(location.hash).catch(failed);
  };
  window.addEventListener('hashchange', onHashChange);

  relabel();
  await yieldToMain();
  await applyHash(options.hash ?? '');
  relabel();
  if (options.autoplay && view === 'explore') {
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) explore.runToEnd().catch(failed);
    else explore.play();
  }

  const app: App = {
    root,
    i18n,
    catalog,
    explore,
    compare,
    experiment: loadExperiment,
    get view() {
      return view;
    },
    show,
    setLang: (l) => i18n.set(l),
    shareUrl,
    whenIdle: () =>
      view === 'compare'
        ? compare.whenIdle()
        : view === 'experiment'
          ? loadExperiment().then((x) => x.whenIdle())
          : explore.whenIdle(),
    dispose() {
      window.removeEventListener('hashchange', onHashChange);
      document.removeEventListener('fullscreenchange', onFullscreen);
      document.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('present');
      explore.dispose();
      compare.dispose();
      experimentView?.dispose();
      exerciseView?.dispose();
      liveView?.dispose();
      worker.terminate();
      compareWorker?.terminate();
      clear(root);
    },
  };
  return app;
}
