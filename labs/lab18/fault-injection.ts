/**
 * Lab 18's chaos switch: makes the auth service fail ON PURPOSE, so that you can watch what
 * the broker does when the service it depends on misbehaves. It is not part of the service's
 * job and a real service has no such switch: it is a test harness in front of the handler,
 * turned on only by the AUTH_FAULT environment variable and announced in the log at start.
 *
 *   AUTH_FAULT=status-500   every answer is HTTP 500, as when the service's database is down
 *   AUTH_FAULT=delay-<ms>   every answer comes <ms> milliseconds late, as from an overloaded service
 *   AUTH_FAULT=garbage      the answer is bytes that are not HTTP at all, then the connection closes
 *   AUTH_FAULT=huge-body    HTTP 200 with a 10 MiB body, as from a proxy's error page gone wrong
 *
 * The other ways a service fails need no switch: stop its container (down), pause it (it
 * accepts connections and never answers).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export type Fault = { kind: 'status-500' } | { kind: 'delay'; ms: number } | { kind: 'garbage' } | { kind: 'huge-body' };

/** AUTH_FAULT's value, or an error that names it. */
export function parseFault(text: string | undefined): Fault | undefined {
  if (text === undefined) return undefined;
  const delay = /^delay-(\d+)$/.exec(text);
  if (delay) return { kind: 'delay', ms: Number(delay[1]) };
  if (text === 'status-500' || text === 'garbage' || text === 'huge-body') return { kind: text };
  throw new Error(`AUTH_FAULT must be status-500, delay-<ms>, garbage or huge-body, not "${text}"`);
}

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status-500':
      return 'every answer is HTTP 500';
    case 'delay':
      return `every answer comes ${fault.ms} ms late`;
    case 'garbage':
      return 'every answer is bytes that are not HTTP';
    case 'huge-body':
      return 'every answer is HTTP 200 with a 10 MiB body';
  }
}

/** The handler with the fault in front of it. */
export function withFault(fault: Fault, handler: RequestListener): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    switch (fault.kind) {
      case 'status-500':
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('user store unavailable\n');
        return;
      case 'delay':
        setTimeout(() => handler(request, response), fault.ms);
        return;
      case 'garbage':
        // Past node:http's response: raw bytes on the socket, then close.
        request.socket.end('\u0000\u00ff\u00fe not HTTP at all \r\n\r\n');
        return;
      case 'huge-body': {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let left = 160; // 160 x 64 KiB = 10 MiB
        const more = (): void => {
          while (left > 0) {
            left--;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end();
        };
        // A client that hangs up early (the plugin, past its limit) must not leave writes pending.
        response.once('close', () => (left = 0));
        more();
        return;
      }
    }
  };
}
