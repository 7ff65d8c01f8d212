import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { agreementCommandBodies } from './commands.js';
import { agreementEventSchemas } from './events.js';
import { activeHistory, continued, slaTerms } from './fixtures.js';

describe('agreement schemas', () => {
  it('publish every event as a JSON Schema', () => {
    for (const schema of Object.values(agreementEventSchemas))
      expect(z.toJSONSchema(schema)).toHaveProperty('type', 'object');
  });

  it('describe every event the decider records', () => {
    const history = continued(activeHistory('uc', 'UNDERPINNING_CONTRACT'), {
      type: 'LinkSupplierTarget',
      agreementId: 'uc',
      supplierTargetId: 'hosting-availability',
      customerAgreementId: 'sla',
      customerTargetId: 'availability',
      customerTarget: { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' },
      at: '2026-01-05T09:00:00Z',
      by: 'person-bob',
    });
    for (const event of history) expect(agreementEventSchemas[event.type].safeParse(event.data).success).toBe(true);
  });

  it('refuse unknown fields in a command body, also inside the terms', () => {
    const body = { side: 'provider', terms: slaTerms() };
    expect(agreementCommandBodies.ProposeTerms.safeParse(body).success).toBe(true);
    expect(agreementCommandBodies.ProposeTerms.safeParse({ ...body, extra: 1 }).success).toBe(false);
    expect(
      agreementCommandBodies.ProposeTerms.safeParse({ ...body, terms: { ...slaTerms(), surprise: true } }).success,
    ).toBe(false);
    expect(
      agreementCommandBodies.ProposeTerms.safeParse({ ...body, terms: slaTerms({ reviewInterval: 'every month' }) })
        .success,
    ).toBe(false);
  });
});
