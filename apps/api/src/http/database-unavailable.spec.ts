import { describe, expect, it } from '@jest/globals';
import { toProblem } from './problem.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database that cannot be reached', () => {
  it('answers 503 for a refused, broken or shutting-down connection, however deeply wrapped', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Query failed'), { driverError: withCode('read ECONNRESET', 'ECONNRESET') }),
      new Error('Command failed', { cause: new Error('Client was closed and is not queryable') }),
    ]) {
      expect(toProblem(error)).toMatchObject({ status: 503, code: 'database-unavailable' });
    }
  });

  it('leaves every other database error a server error', () => {
    expect(toProblem(withCode('duplicate key value violates unique constraint', '23505'))).toBeUndefined();
    expect(toProblem(withCode('syntax error at or near "SELEC"', '42601'))).toBeUndefined();
  });
});
