// Loaded before every test file of the project's own tests (vitest.config.ts, setupFiles).
// In CI a test that runs no assertion fails: a test that returns early, or whose
// expectations sit in a loop over nothing, would otherwise pass while proving nothing.
// Locally such a test still passes, so a machine without Chromium or Redis can skip
// with a reason; scripts/test-all.mjs fails a CI run on any skipped or todo test too.
import { beforeEach, expect } from 'vitest';

if (process.env.CI) beforeEach(() => expect.hasAssertions());
