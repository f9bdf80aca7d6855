import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['tests/setup/fail-on-console-error.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration suites each boot a server on port 0 with a temp SQLite file; two workers suit the 2-core CI box.
    maxWorkers: 2,
  },
})
