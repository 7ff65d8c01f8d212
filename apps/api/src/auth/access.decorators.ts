import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles.js';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';

/** The roles admitted to a route (admin always is). A route with neither this nor @Public() is denied. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ description: 'No valid credential' }),
    ApiForbiddenResponse({ description: `Admitted roles: admin, ${roles.join(', ')}` }),
  );

/** A route anyone may call without a credential (health, documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
