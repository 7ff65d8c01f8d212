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

  it('runs every background processor unless told otherwise', () => {
    expect(loadConfiguration({}).PROCESSORS).toEqual(['projections', 'reactions', 'relay', 'sealer']);
    expect(loadConfiguration({ PROCESSORS: 'none' }).PROCESSORS).toEqual([]);
    expect(loadConfiguration({ PROCESSORS: 'relay, sealer' }).PROCESSORS).toEqual(['relay', 'sealer']);
    expect(() => loadConfiguration({ PROCESSORS: 'projections,mail' })).toThrow(/PROCESSORS.*"all", "none" or a list/);
  });

  it('reads queries from a replica only beside a primary', () => {
    const replica = 'postgres://reader@replica:5432/agreements';
    expect(
      loadConfiguration({ DATABASE_URL: 'postgres://primary/agreements', READ_DATABASE_URL: replica })
        .READ_DATABASE_URL,
    ).toBe(replica);
    expect(() => loadConfiguration({ READ_DATABASE_URL: replica })).toThrow(/READ_DATABASE_URL: needs DATABASE_URL/);
  });
});
