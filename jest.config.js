// Jest runs the TypeScript sources as ES modules (node --experimental-vm-modules).
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};

const moduleNameMapper = {
  '^@lib/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  '^@lib/([a-z-]+)/(.*)\\.js$': '<rootDir>/libs/$1/src/$2.ts',
  '^@lib/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  moduleNameMapper,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  ...extra,
});

export default {
  rootDir: '.',
  // The global setup is compiled with the top-level transform, outside the projects.
  transform,
  moduleNameMapper,
  extensionsToTreatAsEsm: ['.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60_000,
  projects: [
    project('unit', ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts']),
    project('integration', ['<rootDir>/libs/**/*.int.test.ts', '<rootDir>/test/integration/**/*.test.ts']),
    project('e2e', ['<rootDir>/test/e2e/**/*.test.ts']),
    // The real service in a child process, killed or cut off from PostgreSQL or Kafka.
    project('faults', ['<rootDir>/test/faults/**/*.test.ts']),
  ],
};
