import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ROLES } from '../../apps/api/src/auth/roles.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { concretePath, routeTable, type Route } from '../support/route-table.js';

/**
 * The access table of every route, generated from the controllers' metadata:
 * a new route is covered the moment it exists.
 */
describe('access control on every route', () => {
  let service: TestApp;
  let routes: Route[];
  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const call = (route: Route) =>
    request(service.http)[route.method.toLowerCase() as 'get' | 'post'](concretePath(route)).send({});

  beforeAll(async () => {
    service = await startTestApp();
    routes = routeTable(service.app);
  });
  afterAll(() => service.close());

  it('finds the routes, and every one declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(3);
    const undeclared = routes.filter((route) => !route.public && !route.roles?.length);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 without a credential, and 401 with a forged one', async () => {
    for (const route of routes.filter((r) => !r.public)) {
      expect([route.path, (await call(route)).status]).toEqual([route.path, 401]);
      const forged = await call(route).set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged');
      expect([route.path, forged.status]).toEqual([route.path, 401]);
      const badKey = await call(route).set('X-API-Key', 'rak_000000000000_000000000000000000000000000000000');
      expect([route.path, badKey.status]).toEqual([route.path, 401]);
    }
  });

  it('answers 403 to every role a route does not admit, and lets the admitted ones through', async () => {
    for (const route of routes.filter((r) => !r.public)) {
      for (const role of ROLES) {
        const admitted = role === 'admin' || route.roles!.includes(role);
        const { status } = await call(route).set(await service.as(role));
        if (admitted)
          expect([route.method, route.path, role, status]).not.toEqual([route.method, route.path, role, 403]);
        else expect([route.method, route.path, role, status]).toEqual([route.method, route.path, role, 403]);
        expect(status).not.toBe(401);
      }
    }
  });

  it('never lets the auditor issue a command, and nothing is written when refused', async () => {
    const before = await eventCount();
    const commands = routes.filter((route) => route.method !== 'GET' && !route.public);
    expect(commands.length).toBeGreaterThan(0);
    for (const route of commands) {
      expect(route.roles).not.toContain('auditor');
      expect((await call(route).set(await service.as('auditor'))).status).toBe(403);
    }
    expect(await eventCount()).toBe(before);
  });

  it('admits the auditor to every read', () => {
    for (const route of routes.filter((r) => r.method === 'GET' && !r.public)) expect(route.roles).toContain('auditor');
  });
});
