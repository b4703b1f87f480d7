export interface LogEvent {
  cycle: number;
  code: string;
  args: Record<string, string | number>;
}

export interface EventLogContext {
  /** A message by key with {placeholders}; `has` says whether the key exists. */
  t: (key: string, vars?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  /** Display names of the run's units and partners, by id. */
  names: { province: Record<string, string>; partner: Record<string, string> };
  num: (v: number) => string;
  /** A parameter's human name (`approvalStrictness` → "Approval strictness"); its registry name without one. */
  param?: (name: string) => string;
}

export interface LogLine {
  cycle: number;
  code: string;
  text: string;
}

/** Argument values as text: ids become names, enumerations become words in the language. */
function argText(key: string, value: string | number, ctx: EventLogContext): string {
  if (typeof value === 'number') return ctx.num(value);
  const word = (prefix: string) => (ctx.has(`${prefix}.${value}`) ? ctx.t(`${prefix}.${value}`) : null);
  switch (key) {
    case 'province':
      return ctx.names.province[value] ?? value;
    case 'partner':
      return ctx.names.partner[value] ?? value;
    case 'type':
    case 'group':
      return word('type') ?? value;
    case 'origin':
      return word('origin') ?? value;
    case 'param':
      return ctx.param?.(value) ?? value;
    case 'emphasis':
      return word('end') ?? value;
    case 'target':
      if (value === 'all') return ctx.t('event.allProvinces');
      return word('type') ?? ctx.names.province[value] ?? value;
    default:
      return value;
  }
}

/**
 * The event log as text: each model event (a code with arguments) rendered from the message
 * `event.<code>` in the chosen language; an unknown code is shown as the code and its arguments.
 */
export function eventLogLines(events: readonly LogEvent[], ctx: EventLogContext): LogLine[] {
  return events.map((e) => {
    const vars: Record<string, string | number> = { cycle: e.cycle };
    for (const [k, v] of Object.entries(e.args)) vars[k] = argText(k, v, ctx);
    // A choice parameter's value in words (`steering` set to "by plan", not "plan").
    if (
      e.code === 'setParam' &&
      typeof e.args.value === 'string' &&
      ctx.has(`log.choice.${e.args.param}.${e.args.value}`)
    )
      vars.value = ctx.t(`log.choice.${e.args.param}.${e.args.value}`);
    const key = `event.${e.code}`;
    const text = ctx.has(key)
      ? ctx.t(key, vars)
      : ctx.t('event.unknown', {
          code: e.code,
          args: Object.entries(vars)
            .filter(([k]) => k !== 'cycle')
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
        });
    return { cycle: e.cycle, code: e.code, text };
  });
}

/** An event code's human name for filters and headings (`pilot.approved` → "Pilot approved"); the code without one. */
export function eventCodeLabel(code: string, ctx: Pick<EventLogContext, 't' | 'has'>): string {
  return ctx.has(`log.code.${code}`) ? ctx.t(`log.code.${code}`) : code;
}
