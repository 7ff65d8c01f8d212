import { Module } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { disputeRoutes } from './dispute.routes.js';

@Module({ controllers: [aggregateController(disputeRoutes)] })
export class DisputesModule {}
