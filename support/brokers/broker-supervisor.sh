# The first process of a pooled broker container (run by /bin/sh as PID 1).
#
# Why it exists: creating and starting a container costs Docker about half a second, far more
# than the MQTT work of a typical scenario. So each test worker keeps a few containers running
# this supervisor, and a scenario that wants a broker hands one of them its lab files. The
# supervisor then starts a NEW Mosquitto process on exactly those files, with an empty
# persistence directory, as `docker run` would. When the scenario ends, the supervisor kills
# that process and wipes everything it could have written, so the next scenario starts from
# the same empty state.
#
# It reads one command per line on its standard input (the test code keeps that stream open):
#   claim <bytes>   the next <bytes> bytes are a tar archive laid over / (lab files + start
#                   script); run the preparation, then start Mosquitto
#   start           start Mosquitto again with the same files (after a stop or a kill)
#   signal <SIG>    send a signal to Mosquitto (TERM: save and exit, KILL: die, HUP: reload)
#   reset           kill Mosquitto and wipe /mosquitto and /tmp, ready for another scenario
# and reports events as "@supervisor <event>" lines on standard error, where Mosquitto logs:
# one stream keeps the order, so "exited 3" comes after the log line that says why. The test
# code takes those lines out of the broker log a learner reads.
set -u
PIDFILE=/run/mqtt-labs-broker.pid
START=/mosquitto/.lab/start

say() { printf '@supervisor %s\n' "$*" >&2; }

# The broker runs in a background subshell that waits for it and reports how it ended.
# Its standard input is /dev/null so that it never reads our command stream.
start_broker() {
  (
    # The image's working directory, as under `docker run`: a config without
    # persistence_location writes mosquitto.db there, which user mosquitto may not.
    cd /
    /bin/sh "$START" &
    echo $! >"$PIDFILE"
    wait $! 2>/dev/null
    say "exited $?"
  ) </dev/null &
}

broker_pid() { cat "$PIDFILE" 2>/dev/null; }

fresh_dirs() {
  rm -rf /mosquitto /tmp/* /tmp/.[!.]* "$PIDFILE" 2>/dev/null
  mkdir -p /mosquitto/config /mosquitto/data /mosquitto/log
  chown -R mosquitto:mosquitto /mosquitto
}

fresh_dirs
say standby
while read -r command argument; do
  case "$command" in
    claim)
      # dd with a block of exactly <bytes> and fullblock reads the archive and not one byte
      # more, so the next command line stays in the stream for `read`.
      if dd bs="$argument" count=1 iflag=fullblock status=none | tar -x -C / --same-owner --same-permissions -f - 2>&1; then
        (cd /mosquitto/config && [ ! -f /mosquitto/.lab/prepare ] || /bin/sh /mosquitto/.lab/prepare) 1>&2 || { say "exited $?"; continue; }
        # As the image's entrypoint does: files copied in belong to root; Mosquitto reads them
        # after it dropped to user mosquitto.
        chown -R mosquitto:mosquitto /mosquitto
        say claimed
        start_broker
      else
        say "exited 1"
      fi
      ;;
    start) start_broker ;;
    signal) kill -s "$argument" "$(broker_pid)" 2>/dev/null || say "no-broker" ;;
    reset)
      kill -s KILL "$(broker_pid)" 2>/dev/null
      wait
      fresh_dirs
      say ready
      ;;
    *) say "unknown $command" ;;
  esac
done
