/**
 * The containers a scenario runs beside its brokers (a load balancer, an auth service), by the
 * name the feature gives them. Each is started on the scenario network by the service layer
 * (support/services/) and removed in the 'services' phase of the teardown (teardown.ts): after
 * the clients that talk through it, before the brokers behind it.
 */
import type { ScenarioNetwork } from '../docker/scenario-network';
import { startService } from '../services/start-service';
import type { Service, ServiceRequest } from '../services/service';
import type { ServiceKind } from '../services/service-kind';
import type { TeardownStack } from './teardown';

export class ScenarioServices {
  private readonly running = new Map<string, Service>();

  constructor(
    private readonly teardown: TeardownStack,
    /** The scenario's Docker network, made on first use (the World's). */
    private readonly network: () => Promise<ScenarioNetwork>,
  ) {}

  /**
   * Starts a service of `kind` on the scenario network under `request.name`, so the brokers and
   * the other services reach it by that name, as a compose file's services do.
   */
  async start(kind: ServiceKind, request: Omit<ServiceRequest, 'network'>): Promise<Service> {
    if (this.running.has(request.name)) throw new Error(`This scenario already runs a ${kind.role} called "${request.name}"`);
    const service = await startService(kind, { ...request, network: await this.network() });
    this.running.set(request.name, service);
    this.teardown.add('services', () => service.remove());
    return service;
  }

  /** The service the scenario started under `name`. */
  get(name: string): Service {
    const service = this.running.get(name);
    if (!service) throw new Error(`The scenario runs no service called "${name}"`);
    return service;
  }

  has(name: string): boolean {
    return this.running.has(name);
  }

  values(): IterableIterator<Service> {
    return this.running.values();
  }
}
