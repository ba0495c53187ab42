# The first process of a pooled service container (run by /bin/sh as PID 1).
#
# Why it exists: creating and starting a container costs Docker about half a second, far more
# than the MQTT work of a typical scenario. So each test worker keeps a few containers running
# this supervisor, and a scenario that wants a broker (or another service whose program can be
# restarted in its container) hands one of them its files. The supervisor then starts a NEW
# process on exactly those files, with empty data folders, as `docker run` would. When the
# scenario ends, the supervisor kills that process and wipes everything it could have written,
# so the next scenario starts from the same empty state. It knows nothing about the program:
# the archive brings three scripts (support/services/service-scripts.ts makes them):
#   /run/mqtt-labs/prepare  run once after the files arrived (password files, ownership)
#   /run/mqtt-labs/start    run the program in the foreground (`exec mosquitto -c ...`)
#   /run/mqtt-labs/wipe     remove the folders the program writes
#
# It reads one command per line on its standard input (the test code keeps that stream open):
#   claim <bytes>   the next <bytes> bytes are a tar archive laid over / (files + scripts);
#                   run the preparation, then start the program
#   start           start the program again with the same files (after a stop or a kill)
#   signal <SIG>    send a signal to the program (TERM: save and exit, KILL: die, HUP: reload)
#   reset           kill the program, wipe its folders and /tmp, ready for another scenario
# and reports events as "@supervisor <event>" lines on standard error, where the program logs:
# one stream keeps the order, so "exited 3" comes after the log line that says why. The test
# code takes those lines out of the log a learner reads.
set -u
CONTROL=/run/mqtt-labs
PIDFILE=/run/mqtt-labs-service.pid

say() { printf '@supervisor %s\n' "$*" >&2; }

# The program runs in a background subshell that waits for it and reports how it ended.
# Its standard input is /dev/null so that it never reads our command stream.
start_service() {
  (
    /bin/sh "$CONTROL/start" &
    echo $! >"$PIDFILE"
    wait $! 2>/dev/null
    say "exited $?"
  ) </dev/null &
}

service_pid() { cat "$PIDFILE" 2>/dev/null; }

wipe() {
  [ ! -f "$CONTROL/wipe" ] || /bin/sh "$CONTROL/wipe"
  rm -rf "$CONTROL" /tmp/* /tmp/.[!.]* "$PIDFILE" 2>/dev/null
}

say standby
while read -r command argument; do
  case "$command" in
    claim)
      # dd with a block of exactly <bytes> and fullblock reads the archive and not one byte
      # more, so the next command line stays in the stream for `read`.
      if dd bs="$argument" count=1 iflag=fullblock status=none | tar -x -C / --same-owner --same-permissions -f - 2>&1; then
        /bin/sh "$CONTROL/prepare" 1>&2 || { say "exited $?"; continue; }
        say claimed
        start_service
      else
        say "exited 1"
      fi
      ;;
    start) start_service ;;
    signal) kill -s "$argument" "$(service_pid)" 2>/dev/null || say "no-process" ;;
    reset)
      kill -s KILL "$(service_pid)" 2>/dev/null
      wait
      wipe
      say ready
      ;;
    *) say "unknown $command" ;;
  esac
done
