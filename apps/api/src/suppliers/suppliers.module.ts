import { Module } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { supplierRoutes } from './supplier.routes.js';

@Module({ controllers: [aggregateController(supplierRoutes)] })
export class SuppliersModule {}
