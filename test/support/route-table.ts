import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/api/src/auth/access.decorators.js';
import type { Role } from '../../apps/api/src/auth/roles.js';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path, e.g. `/complaints/:complaintId/closure`. */
  readonly path: string;
  readonly public: boolean;
  /** Roles the route declares (admin is admitted everywhere); undefined when it declares none. */
  readonly roles?: readonly Role[];
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every HTTP route of the running app, read from the controllers' metadata, so no route can escape a table test. */
export function routeTable(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!controller) continue;
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        routes.push({
          method: RequestMethod[method] as Route['method'],
          path: join(base, path),
          public: classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true,
          roles: Reflect.getMetadata(ROLES_KEY, handler) ?? classRoles,
        });
      }
    }
  }
  return routes;
}

/** A concrete URL for a route, with every parameter filled in. */
export const concretePath = (route: Route, value = 'no-such-id') => route.path.replace(/:[A-Za-z]+/g, value);
