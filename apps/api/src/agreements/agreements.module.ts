import { Module } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { agreementRoutes } from './agreement.routes.js';

@Module({ controllers: [aggregateController(agreementRoutes)] })
export class AgreementsModule {}
