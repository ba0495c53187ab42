// Preloaded (`node --require`) into every built app a scenario runs, before the app's own code.
// The app itself knows nothing of the tests; this file makes sure no app outlives the test run
// that started it, however that run ends (a pass, a failure, Ctrl-C, even a killed process),
// and gives Windows a graceful stop. Plain JavaScript on purpose: Node loads it as it is, without
// ts-node, so an app starts as fast as when a learner runs it.
'use strict';

if (process.send) {
  const stopLikeCtrlC = () => {
    // The app's own SIGTERM handler sends DISCONNECT and exits; an app without one just ends.
    if (process.listenerCount('SIGTERM') === 0) process.exit(143);
    process.emit('SIGTERM', 'SIGTERM');
    // An app that cannot finish its goodbye (its broker is gone) ends anyway.
    setTimeout(() => process.exit(143), 5000).unref();
  };
  // The IPC channel closes when the runner's process ends, whichever way it ends.
  process.on('disconnect', stopLikeCtrlC);
  // Windows has no SIGTERM (a kill there is immediate): the runner asks for a stop this way.
  process.on('message', (message) => {
    if (message === 'stop') stopLikeCtrlC();
  });
  // The channel must not keep alive an app that has finished its work (the publisher).
  process.channel.unref();
}
