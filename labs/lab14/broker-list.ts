/**
 * Lab 14: the list of independent brokers the fan-out publisher writes to and the failover
 * subscriber moves between, read from one setting:
 *
 *   BROKERS=alpha=mqtt://localhost:1883,bravo=mqtt://localhost:1884   (names for the output)
 *   BROKERS=mqtt://localhost:1883,mqtt://localhost:1884               (the URL is the name)
 *
 * The default fits `npm run broker -- lab14`. The ORDER matters to the subscriber: it listens
 * on the first broker it can reach and moves down the list (and round again) when it must.
 */
import { textSetting } from '../shared/settings';

export interface BrokerAddress {
  /** What the output calls it. */
  name: string;
  url: string;
}

export const DEFAULT_BROKERS = 'alpha=mqtt://localhost:1883,bravo=mqtt://localhost:1884';

/** Parses "name=url,url,...": a wrong entry stops the app at once with the setting's name. */
export function parseBrokerList(text: string, setting = 'BROKERS'): BrokerAddress[] {
  const brokers = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const named = /^([A-Za-z][\w-]*)=(.+)$/.exec(entry);
      const [name, url] = named ? [named[1]!, named[2]!] : [entry, entry];
      if (!/^(mqtts?|wss?):\/\/[^/]+/.test(url)) throw new Error(`${setting}: "${entry}" is no broker URL (write mqtt://host:port or name=mqtt://host:port)`);
      return { name, url };
    });
  if (brokers.length === 0) throw new Error(`${setting} names no broker`);
  const names = new Set(brokers.map((broker) => broker.name));
  if (names.size !== brokers.length) throw new Error(`${setting} names a broker twice: ${text}`);
  return brokers;
}

/** The BROKERS setting of an app. */
export function brokersSetting(): BrokerAddress[] {
  return parseBrokerList(textSetting('BROKERS', DEFAULT_BROKERS));
}
