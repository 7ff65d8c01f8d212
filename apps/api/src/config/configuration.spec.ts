import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfiguration } from './configuration.js';

describe('configuration', () => {
  it('defaults to port 3000 and the embedded database', () => {
    const config = loadConfiguration({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfiguration({ PORT: 'abc' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfiguration({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('never echoes a secret setting', () => {
    expect(() => loadConfiguration({ DATABASE_URL: 'not a url with s3cret' })).toThrow(/^(?!.*s3cret)/);
  });

  it('requires the audit signing key in production', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(/AUDIT_SIGNING_KEY/);
  });

  it('requires a connection string for EventStoreDB', () => {
    expect(() => loadConfiguration({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});
