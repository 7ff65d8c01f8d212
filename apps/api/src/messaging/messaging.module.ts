import { Module } from '@nestjs/common';
import { EventSchemasController } from './event-schemas.controller.js';
import { KafkaRelayService } from './kafka-relay.service.js';

/** The Kafka relay, run in-process and reported on /health, and the schemas of its messages. */
@Module({
  controllers: [EventSchemasController],
  providers: [KafkaRelayService],
})
export class MessagingModule {}
