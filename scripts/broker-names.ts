// The names `npm run broker` gives what it starts, so that `--stop`, `npm run clean` and the
// printed lines (`docker exec -it mqtt-labs-lab06 ...`) agree.
import { servicesOf } from './lab-topology';

/** mqtt-labs-lab06 for a lab's single broker, mqtt-labs-lab09-hub for a service of its topology. */
export function containerNameOf(lab: string, service?: string): string {
  return service ? `mqtt-labs-${lab}-${service}` : `mqtt-labs-${lab}`;
}

/** A topology's Docker network has the lab's name too. */
export const networkNameOf = (lab: string): string => containerNameOf(lab);

/** Everything `npm run broker -- <lab>` may have made: the single broker, one per service, the network. */
export function everythingOf(lab: string): { containers: string[]; network: string } {
  const perService = servicesOf(lab).map((s) => containerNameOf(lab, s.name));
  return { containers: [containerNameOf(lab), ...perService], network: networkNameOf(lab) };
}
