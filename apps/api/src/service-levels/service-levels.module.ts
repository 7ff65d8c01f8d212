import { Module } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { serviceLevelRoutes } from './service-level.routes.js';

@Module({ controllers: [aggregateController(serviceLevelRoutes)] })
export class ServiceLevelsModule {}
