// For working on graders directly: `IMPL=solutions npx vitest -c vitest.graders.config.ts graders/lru-cache`.
// `workbook grade` uses the same settings through graderConfig().
import { defineConfig } from 'vitest/config';
import { graderConfig } from './src/node/grader-config';

export default defineConfig(graderConfig(process.env.IMPL ?? 'solutions'));
