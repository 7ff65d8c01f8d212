import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { Configuration } from './config/configuration.js';
import type { Database } from './database/database.js';
import { requestIds } from './commands/request-ids.middleware.js';
import { jsonBodiesOnly } from './http/json-bodies-only.middleware.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';

/** Builds the HTTP application on an open database; the caller listens and closes. */
export async function createApp(config: Configuration, database: Database): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config, database), {
    bufferLogs: true,
    bodyParser: false,
    // Idempotency keys are matched on the exact bytes of the request.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(requestIds);
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Relationship and agreement (ISO/IEC 20000-1 clause 8.3)')
      .setDescription(
        'Customers, suppliers and their agreements; service levels; complaints, reviews and disputes; the audit trail.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
