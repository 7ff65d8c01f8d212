import { Module } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { partyRoutes } from './party.routes.js';

@Module({ controllers: [aggregateController(partyRoutes)] })
export class PartiesModule {}
