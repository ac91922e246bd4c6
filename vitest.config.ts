import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The AWS SDK's Node 22 notice (adr/0001) would repeat in every worker's output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          environment: 'node',
          // One lab per machine: lab tests share it and run one file at a time.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 1_800_000,
          globalSetup: ['test/lab/global-setup.ts'],
        },
      },
    ],
  },
});
