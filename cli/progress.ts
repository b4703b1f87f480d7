// A progress bar with ETA on stderr, drawn only when stderr is a terminal (never in files or pipes).

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

const quiet: Progress = { update() {}, end() {} };

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr, label = 'runs'): Progress {
  if (!stream.isTTY) return quiet;
  const start = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
      const frac = total > 0 ? done / total : 1;
      const fill = Math.round(frac * width);
      const elapsed = now - start;
      const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
      const text =
        `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${total} ${label}` +
        (done > 0 && done < total ? `, ETA ${duration(eta)}` : `, ${duration(elapsed)}`);
      stream.write(`\r${text}\x1b[K`);
      drawn = true;
    },
    end(): void {
      if (drawn) stream.write('\n');
    },
  };
}
