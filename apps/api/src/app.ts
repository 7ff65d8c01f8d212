import 'reflect-metadata';
import helmet from '@fastify/helmet';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { Configuration } from './config/configuration.js';
import type { Database } from './database/database.js';
import { requestIds } from './commands/request-ids.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { problem, toProblem } from './http/problem.js';
import { logRequest } from './http/request-log.js';

/** Builds the HTTP application on an open database; the caller listens and closes. */
export async function createApp(config: Configuration, database: Database): Promise<INestApplication> {
  // Fastify rather than Express: its radix-tree router and JSON handling leave more of a core to commands.
  const adapter = new FastifyAdapter({
    bodyLimit: 256 * 1024,
    // Ids are checked by the routes (up to 128 characters), so that a bad one is a 400 naming the parameter.
    routerOptions: { maxParamLength: 1024 },
    // A URL the router cannot take apart is refused before Nest sees it: answered here, as a problem too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const body = toProblem(error) ?? problem(400, error.message);
      void reply.status(body.status).type('application/problem+json').send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.with(config, database), adapter, {
    bufferLogs: true,
    bodyParser: false,
    // Idempotency keys are matched on the exact bytes of the request.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  await app.register(helmet, { contentSecurityPolicy: false });
  const fastify = app.getHttpAdapter().getInstance();
  // JSON is the only body a request may carry: any other content type is refused with 415.
  fastify.removeAllContentTypeParsers();
  app.useBodyParser('application/json');
  fastify.decorateRequest('principal', null);
  fastify.decorateRequest('correlationId', '');
  fastify.decorateRequest('causationId', '');
  fastify.addHook('onRequest', requestIds);
  fastify.addHook('onResponse', logRequest);
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
