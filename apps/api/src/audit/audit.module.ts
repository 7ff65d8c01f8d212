import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { ConsoleController } from './console.controller.js';

/** The certification auditor's side: audit trail, traces, records as of a date, samples, verification, evidence, console. */
@Module({
  controllers: [AuditController, ConsoleController],
  providers: [AuditService],
})
export class AuditModule {}
