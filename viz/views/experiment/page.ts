// The Experiment view's page: the design panel (source, file, the builder's host), the file panel
// (problems, size, the JSON, save), the run toolbar and the results' host. Only elements here; the
// controller (../experiment.ts) wires what they do.
import { el, uid } from '../../dom.ts';

export interface ExperimentPage {
  root: HTMLElement;
  sourceSelect: HTMLSelectElement;
  fileInput: HTMLInputElement;
  builderHost: HTMLElement;
  preview: HTMLElement;
  issuesBox: HTMLElement;
  sizeText: HTMLElement;
  saveBtn: HTMLButtonElement;
  runBtn: HTMLButtonElement;
  cancelBtn: HTMLButtonElement;
  progress: HTMLProgressElement;
  progressText: HTMLElement;
  resumeHost: HTMLElement;
  /** Says that an interrupted sweep is resuming by itself, with a way to stop it. */
  autoHost: HTMLElement;
  /** What was found damaged in the kept sweeps and set aside. */
  storeNotice: HTMLElement;
  resultsHost: HTMLElement;
  exportCsv: HTMLButtonElement;
  exportJson: HTMLButtonElement;
}

export function buildExperimentPage(): ExperimentPage {
  const srcId = uid('exp-src');
  const sourceSelect = el('select', { id: srcId, 'data-control': 'experiment-source' });
  const fileId = uid('exp-file');
  const fileInput = el('input', {
    type: 'file',
    id: fileId,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'experiment-file',
  });
  const builderHost = el('div', { class: 'builder', 'data-role': 'builder' });
  const preview = el('pre', { class: 'experiment-json', 'data-role': 'experiment-json', tabindex: 0 });
  const issuesBox = el('div', { class: 'issues', role: 'alert', 'data-role': 'experiment-issues' });
  const sizeText = el('p', { class: 'help', 'data-role': 'experiment-size' });
  const runBtn = el('button', {
    type: 'button',
    class: 'primary',
    'data-control': 'experiment-run',
    'data-i18n': 'experiment.run',
  });
  const cancelBtn = el('button', {
    type: 'button',
    'data-control': 'experiment-cancel',
    'data-i18n': 'compare.cancel',
    hidden: true,
  });
  const progress = el('progress', { max: 1, value: 0, 'data-role': 'experiment-progress' });
  const progressText = el('span', {
    class: 'cycle-text',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'experiment-progress-text',
  });
  const resumeHost = el('div', { class: 'resume', 'data-role': 'experiment-resume' });
  const autoHost = el('p', {
    class: 'resume-auto',
    role: 'status',
    'data-role': 'experiment-auto-resume',
    hidden: true,
  });
  const storeNotice = el('p', { class: 'help store-notice', role: 'status', 'data-role': 'experiment-store-notice' });
  const resultsHost = el('div', { class: 'compare-charts', 'data-role': 'experiment-results' });
  const small = (control: string, i18n: string) =>
    el('button', { type: 'button', class: 'small', 'data-control': control, 'data-i18n': i18n, disabled: true });
  const exportCsv = small('experiment-csv', 'experiment.csv');
  const exportJson = small('experiment-json', 'results.json');
  const saveBtn = el('button', {
    type: 'button',
    class: 'small',
    'data-control': 'experiment-save',
    'data-i18n': 'experiment.save',
  });
  const root = el(
    'section',
    { class: 'view experiment', 'data-view': 'experiment', 'aria-labelledby': 'experiment-h', hidden: true },
    [
      el('h1', { id: 'experiment-h', 'data-i18n': 'experiment.heading' }),
      el('p', { class: 'help', 'data-i18n': 'experiment.help' }),
      autoHost,
      resumeHost,
      storeNotice,
      el('div', { class: 'experiment-setup' }, [
        el('section', { class: 'panel', 'aria-labelledby': 'exp-design-h' }, [
          el('h2', { id: 'exp-design-h', 'data-i18n': 'experiment.design' }),
          el('div', { class: 'field' }, [el('label', { for: srcId, 'data-i18n': 'experiment.source' }), sourceSelect]),
          el('div', { class: 'field file-field' }, [
            fileInput,
            el('label', { for: fileId, class: 'button', 'data-i18n': 'experiment.file' }),
          ]),
          builderHost,
        ]),
        el('section', { class: 'panel', 'aria-labelledby': 'exp-json-h' }, [
          el('h2', { id: 'exp-json-h', 'data-i18n': 'experiment.file.title' }),
          issuesBox,
          sizeText,
          preview,
          saveBtn,
        ]),
      ]),
      el('div', { class: 'toolbar' }, [runBtn, cancelBtn, progress, progressText, exportCsv, exportJson]),
      resultsHost,
    ],
  );
  return {
    root,
    sourceSelect,
    fileInput,
    builderHost,
    preview,
    issuesBox,
    sizeText,
    saveBtn,
    runBtn,
    cancelBtn,
    progress,
    progressText,
    resumeHost,
    autoHost,
    storeNotice,
    resultsHost,
    exportCsv,
    exportJson,
  };
}
