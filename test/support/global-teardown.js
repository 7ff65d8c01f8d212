import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  /** @type {{ postgres?: { stop(): Promise<void> }, postgresDirectory?: string, kafkaStartedHere?: boolean } | undefined} */
  const services = Reflect.get(globalThis, '__testServices');
  if (services?.kafkaStartedHere) execFileSync('bash', ['infra/kafka/kafka.sh', 'stop'], { stdio: 'inherit' });
  await services?.postgres?.stop();
  if (services?.postgresDirectory) rmSync(services.postgresDirectory, { recursive: true, force: true });
}
