import { execFileSync } from 'node:child_process';

export default async function globalTeardown() {
  /** @type {{ postgres?: { stop(): Promise<void> }, kafkaStartedHere?: boolean } | undefined} */
  const services = Reflect.get(globalThis, '__testServices');
  if (services?.kafkaStartedHere) execFileSync('bash', ['infra/kafka/kafka.sh', 'stop'], { stdio: 'inherit' });
  await services?.postgres?.stop();
}
