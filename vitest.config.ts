import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

// Chromium from Debian, never a downloaded browser; the flags keep it quiet on a closed network.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'],
          testTimeout: 120_000, hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser', include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000, hookTimeout: 120_000,
          browser: {
            enabled: true, headless: true, instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs } }),
          },
        },
      },
    ],
  },
});
