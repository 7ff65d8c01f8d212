import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { improvementEventSchemas } from '../improvements/events.js';
import { serviceLevelClausesOf } from './clauses.js';
import { serviceLevelCommandBodies } from './commands.js';
import { serviceLevelEventSchemas } from './events.js';

describe('service level and improvement schemas', () => {
  it('publish every event as a JSON Schema', () => {
    for (const schema of [...Object.values(serviceLevelEventSchemas), ...Object.values(improvementEventSchemas)]) {
      expect(z.toJSONSchema(schema)).toHaveProperty('type', 'object');
    }
  });

  it('refuse unknown fields in a command body', () => {
    expect(serviceLevelCommandBodies.CloseServiceLevelPeriod.safeParse({}).success).toBe(true);
    expect(serviceLevelCommandBodies.CloseServiceLevelPeriod.safeParse({ force: true }).success).toBe(false);
  });

  it('evidence 8.3.3, and the supplier clause for an OLA or a contract', () => {
    const closed = {
      type: 'ServiceLevelPeriodClosed',
      data: {
        agreementId: 'a',
        periodId: 'p',
        agreementVersion: 1,
        targetsMet: 1,
        targetsBreached: 0,
        targetsNotMeasured: 0,
        workloadLimitsExceeded: 0,
        at: '2026-04-01T00:00:00Z',
        by: 'x',
      },
    } as const;
    expect(serviceLevelClausesOf(closed, 'SLA')).toEqual(['8.3.3']);
    expect(serviceLevelClausesOf(closed, 'OLA')).toEqual(['8.3.3', '8.3.4.2']);
    expect(serviceLevelClausesOf(closed, 'UNDERPINNING_CONTRACT')).toEqual(['8.3.3', '8.3.4.1']);
  });
});
