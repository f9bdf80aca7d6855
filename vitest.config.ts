import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['tests/setup/fail-on-console-error.ts'],
    // Generous, not slow: tests poll for conditions and finish in seconds; the first server start of a
    // worker parses the whole bank, which on a loaded 2-core box can take most of 20 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites each boot a server on port 0 with a temp SQLite file; two workers suit the 2-core CI box.
    maxWorkers: 2,
  },
})
