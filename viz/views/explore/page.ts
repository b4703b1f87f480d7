// Explore's page: the set-up sidebar (scenario, file, counts, levers), the run toolbar, the charts'
// host, the event log and the results table. Only elements here; the controller (../explore.ts)
// wires what they do.
import { el, uid } from '../../dom.ts';
import { COUNT_LIMITS } from '../../share/url.ts';
import type { Catalog } from '../../worker/session.ts';

export interface ExplorePage {
  scenarioSelect: HTMLSelectElement;
  fileInput: HTMLInputElement;
  fileName: HTMLElement;
  issuesBox: HTMLElement;
  descBox: HTMLElement;
  modelBox: HTMLElement;
  seedInput: HTMLInputElement;
  repsInput: HTMLInputElement;
  cyclesInput: HTMLInputElement;
  saveBtn: HTMLButtonElement;
  leverHost: HTMLElement;
  resetLevers: HTMLButtonElement;
  setupToggle: HTMLButtonElement;
  playBtn: HTMLButtonElement;
  stepBtn: HTMLButtonElement;
  endBtn: HTMLButtonElement;
  resetBtn: HTMLButtonElement;
  speedSelect: HTMLSelectElement;
  progress: HTMLProgressElement;
  cycleText: HTMLElement;
  status: HTMLElement;
  chartHost: HTMLElement;
  clearPrevBtn: HTMLButtonElement;
  holdYBox: HTMLInputElement;
  logSelect: HTMLSelectElement;
  logList: HTMLOListElement;
  logNote: HTMLElement;
  csvBtn: HTMLButtonElement;
  jsonBtn: HTMLButtonElement;
  resultsHost: HTMLElement;
}

const small = (control: string, i18n: string, extra: Record<string, string | boolean> = {}) =>
  el('button', { type: 'button', class: 'small', 'data-control': control, 'data-i18n': i18n, ...extra });

/** Build Explore's elements inside `root` with the initial counts. */
export function buildExplorePage(
  root: HTMLElement,
  catalog: Catalog,
  counts: { seed: number; replicates: number; cycles: number },
): ExplorePage {
  const scenarioId = uid('scenario');
  const scenarioSelect = el('select', { id: scenarioId, 'data-control': 'scenario' });
  for (const s of catalog.scenarios) scenarioSelect.appendChild(el('option', { value: s.name, text: s.name }));
  const fileId = uid('file');
  const fileInput = el('input', {
    type: 'file',
    id: fileId,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'file',
  });
  const fileName = el('span', { class: 'file-name', 'data-role': 'file-name' });
  const issuesBox = el('div', { class: 'issues', role: 'alert', 'data-role': 'issues' });
  const descBox = el('p', { class: 'scenario-desc' });
  const modelBox = el('p', { class: 'model-info' });
  const num = (label: string, min: number, max: number, value: number, control: string) => {
    const id = uid(control);
    const input = el('input', { type: 'number', id, min, max, step: 1, value, 'data-control': control });
    return { input, field: el('div', { class: 'field' }, [el('label', { for: id, 'data-i18n': label }), input]) };
  };
  // The same bounds a share link's counts are checked against.
  const lim = COUNT_LIMITS.explore;
  const seed = num('explore.seed', lim.seed[0], lim.seed[1], counts.seed, 'seed');
  const reps = num('explore.replicates', lim.reps[0], lim.reps[1], counts.replicates, 'replicates');
  const cyc = num('explore.cycles', lim.cycles[0], lim.cycles[1], counts.cycles, 'cycles');
  const saveBtn = small('save-scenario', 'explore.download');
  const leverHost = el('div', { class: 'levers', 'data-role': 'levers' });
  const resetLevers = small('reset-levers', 'explore.resetLevers');
  // On a narrow screen the set-up stacks above the charts; this folds it away (and back).
  const setupToggle = el('button', {
    type: 'button',
    class: 'setup-toggle',
    'data-control': 'setup-toggle',
    'aria-expanded': 'true',
  });
  const sidebar = el('aside', { class: 'sidebar' }, [
    setupToggle,
    el('section', { class: 'panel', 'aria-labelledby': 'setup-h' }, [
      el('h2', { id: 'setup-h', 'data-i18n': 'explore.setup' }),
      el('div', { class: 'field' }, [
        el('label', { for: scenarioId, 'data-i18n': 'explore.scenario' }),
        scenarioSelect,
      ]),
      el('div', { class: 'field file-field' }, [
        fileInput,
        el('label', { for: fileId, class: 'button', 'data-i18n': 'explore.file' }),
        fileName,
      ]),
      issuesBox,
      descBox,
      modelBox,
      el('div', { class: 'field-row' }, [seed.field, reps.field, cyc.field]),
      el('p', { class: 'help', 'data-i18n': 'explore.runHelp' }),
      saveBtn,
    ]),
    el('section', { class: 'panel', 'aria-labelledby': 'levers-h' }, [
      el('h2', { id: 'levers-h', 'data-i18n': 'explore.levers' }),
      el('p', { class: 'help', 'data-i18n': 'explore.leversHelp' }),
      resetLevers,
      leverHost,
    ]),
  ]);

  const playBtn = el('button', { type: 'button', class: 'primary', 'data-control': 'play' });
  const stepBtn = el('button', {
    type: 'button',
    'data-control': 'step',
    'data-i18n': 'control.step',
    'data-i18n-attr': 'title:control.stepTitle',
  });
  const endBtn = el('button', { type: 'button', 'data-control': 'end', 'data-i18n': 'control.end' });
  const resetBtn = el('button', {
    type: 'button',
    'data-control': 'reset',
    'data-i18n': 'control.reset',
    'data-i18n-attr': 'title:control.resetTitle',
  });
  const speedId = uid('speed');
  const speedSelect = el('select', { id: speedId, 'data-control': 'speed' });
  const progress = el('progress', { max: 1, value: 0, 'aria-hidden': 'true' });
  const cycleText = el('span', { class: 'cycle-text', 'data-role': 'cycle' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-role': 'status' });
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'data-i18n-attr': 'aria-label:control.label' }, [
    playBtn,
    stepBtn,
    endBtn,
    resetBtn,
    el('label', { for: speedId, class: 'inline', 'data-i18n': 'control.speed' }),
    speedSelect,
    progress,
    cycleText,
  ]);

  const chartHost = el('div', { class: 'charts', 'data-role': 'charts' });
  // Comparing a run with the one before it: the previous run stays faint until cleared, and
  // the y axes can be held so a change is not hidden by a rescale.
  const clearPrevBtn = small('clear-previous', 'explore.clearPrevious', { disabled: true });
  const holdId = uid('hold');
  const holdYBox = el('input', { type: 'checkbox', id: holdId, 'data-control': 'hold-y' });
  const compareTools = el('div', { class: 'compare-tools', 'data-role': 'compare-tools' }, [
    el('span', { class: 'check' }, [holdYBox, el('label', { for: holdId, 'data-i18n': 'explore.holdY' })]),
    clearPrevBtn,
  ]);
  const logId = uid('logf');
  const logSelect = el('select', { id: logId, 'data-control': 'log-filter' });
  const logList = el('ol', { class: 'log', 'data-role': 'log', tabindex: 0, 'aria-labelledby': 'log-h' });
  const logNote = el('p', { class: 'help' });
  const csvBtn = small('export-csv', 'results.csv');
  const jsonBtn = small('export-json', 'results.json');
  // A scrolling region must be reachable by keyboard (to scroll it) and say what it holds.
  const resultsHost = el('div', {
    class: 'table-wrap results',
    'data-role': 'results',
    tabindex: 0,
    role: 'region',
    'aria-labelledby': 'results-h',
  });
  // The skip link lands here, so the run controls are the first Tab after it.
  const main = el('div', { class: 'main', tabindex: -1, 'data-skip-target': '' }, [
    el('h1', { id: 'explore-h', class: 'visually-hidden', 'data-i18n': 'explore.heading' }),
    toolbar,
    status,
    compareTools,
    chartHost,
    el('div', { class: 'lower' }, [
      el('section', { class: 'panel log-panel', 'aria-labelledby': 'log-h' }, [
        el('div', { class: 'panel-head' }, [
          el('h2', { id: 'log-h', 'data-i18n': 'log.title' }),
          el('label', { for: logId, class: 'inline', 'data-i18n': 'log.filter' }),
          logSelect,
        ]),
        logList,
        logNote,
      ]),
      el('section', { class: 'panel results-panel', 'aria-labelledby': 'results-h' }, [
        el('div', { class: 'panel-head' }, [
          el('h2', { id: 'results-h', 'data-i18n': 'results.title' }),
          csvBtn,
          jsonBtn,
        ]),
        el('p', { class: 'help', 'data-i18n': 'results.note' }),
        resultsHost,
      ]),
    ]),
  ]);
  root.append(sidebar, main);
  return {
    scenarioSelect,
    fileInput,
    fileName,
    issuesBox,
    descBox,
    modelBox,
    seedInput: seed.input,
    repsInput: reps.input,
    cyclesInput: cyc.input,
    saveBtn,
    leverHost,
    resetLevers,
    setupToggle,
    playBtn,
    stepBtn,
    endBtn,
    resetBtn,
    speedSelect,
    progress,
    cycleText,
    status,
    chartHost,
    clearPrevBtn,
    holdYBox,
    logSelect,
    logList,
    logNote,
    csvBtn,
    jsonBtn,
    resultsHost,
  };
}
